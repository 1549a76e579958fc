"""Demo report editions, invented like everything in the demo and labelled so:

- the JSR input of last year, reviewed, signed by three named roles, approved (its
  figures frozen) and published, with recommendations;
- this year's JSR input started from it, following those recommendations up;
- last year's Spotlight Report, published in every language, with narrative, grassroots
  evidence quoted from approved submissions, and recommendations to duty-bearers;
- this year's Spotlight Report, a draft started from it, its figures read live.

Everything goes through the reports' services, as the secretariat's own work would."""

from django.utils import timezone

from coalition.accounts.models import User
from coalition.collect.models import Submission, SubmissionState
from coalition.demo.personas import DEMO_DOMAIN
from coalition.reports import services
from coalition.reports.models import Edition, Recommendation

LANGUAGES = ["en", "fa", "ps", "km"]
TITLES = {
    "en": "Spotlight on SDG 4: civil-society report {year} (demo)",
    "fa": "گزارش جامعه مدنی درباره هدف ۴ توسعه پایدار {year} (نمایشی)",
    "ps": "د دوامدارې پراختیا د څلورم هدف په اړه د مدني ټولنې راپور {year} (نمایشي)",
    "km": "របាយការណ៍សង្គមស៊ីវិលស្តីពីគោលដៅ SDG 4 ឆ្នាំ {year} (សាកល្បង)",
}
SUMMARY = {
    "en": (
        "This **demonstration** report is written from invented data. It shows how the "
        "coalition's own survey and the school census compare with the official figures.\n\n"
        "- Primary completion has risen, but girls and rural children remain behind.\n"
        "- Several provinces are clearly below the national figure.\n"
        "- Too few schools have drinking water and single-sex toilets."
    ),
    "fa": (
        "این گزارش **نمایشی** از داده‌های ساختگی نوشته شده است. نشان می‌دهد که سروی "
        "ائتلاف و سرشماری مکاتب با ارقام رسمی چگونه مقایسه می‌شوند.\n\n"
        "- تکمیل دوره ابتدایی افزایش یافته، اما دختران و کودکان روستایی عقب مانده‌اند.\n"
        "- چند ولایت به‌طور آشکار پایین‌تر از رقم ملی قرار دارند.\n"
        "- شمار کمی از مکاتب آب آشامیدنی و تشناب جداگانه دارند."
    ),
    "ps": (
        "دا **نمایشي** راپور له جوړو شویو معلوماتو لیکل شوی دی.\n\n"
        "- د لومړنیو زده‌کړو بشپړول زیات شوي، خو نجونې او کلیوالي ماشومان لا هم شاته دي."
    ),
    "km": (
        "របាយការណ៍**សាកល្បង**នេះ ត្រូវបានសរសេរពីទិន្នន័យប្រឌិត។\n\n"
        "- អត្រាបញ្ចប់ការសិក្សាបឋមសិក្សាបានកើនឡើង ប៉ុន្តែក្មេងស្រី និងកុមារនៅជនបទនៅតែនៅពីក្រោយ។\n"
        "- ខេត្តមួយចំនួនស្ថិតនៅក្រោមតួលេខជាតិយ៉ាងច្បាស់។"
    ),
}
CHAPTER = {
    "en": (
        "Completion has improved since the first survey, but at this pace the 2030 "
        "benchmark will not be reached. The gap between girls and boys is larger than the "
        "gap between provinces."
    ),
    "fa": (
        "تکمیل دوره از نخستین سروی بهبود یافته است، اما با این سرعت معیار ۲۰۳۰ به دست "
        "نخواهد آمد. فاصله میان دختران و پسران از فاصله میان ولایات بیشتر است."
    ),
    "km": (
        "អត្រាបញ្ចប់ការសិក្សាបានប្រសើរឡើងចាប់តាំងពីការស្ទង់មតិលើកដំបូង "
        "ប៉ុន្តែក្នុងល្បឿននេះ គោលដៅឆ្នាំ២០៣០ នឹងមិនត្រូវបានសម្រេចទេ។"
    ),
}
QUOTES = [
    ("en", "The nearest secondary school is two hours' walk; most girls stop after grade six."),
    ("en", "The school has no water point, so children go home at midday and do not return."),
]
RECOMMENDATIONS = [
    (
        "Ministry of Education (planning directorate)",
        "4.1",
        {
            "en": "Publish the school census every year, by province and sex, within six months.",
            "fa": "سرشماری مکاتب را هر سال، به تفکیک ولایت و جنسیت، در شش ماه نشر کنید.",
            "km": "ផ្សព្វផ្សាយជំរឿនសាលារៀនជារៀងរាល់ឆ្នាំ តាមខេត្ត និងភេទ ក្នុងរយៈពេលប្រាំមួយខែ។",
        },
    ),
    (
        "Ministry of Finance",
        "4.a",
        {
            "en": "Reach 15% of public expenditure for education by the next budget cycle.",
            "fa": "سهم معارف را تا دور بعدی بودجه به ۱۵٪ مصارف عامه برسانید.",
            "km": "បង្កើនថវិកាអប់រំដល់ ១៥% នៃចំណាយសាធារណៈ នៅវដ្តថវិកាបន្ទាប់។",
        },
    ),
    (
        "Provincial education directorates",
        "4.a",
        {"en": "Fund drinking water and single-sex toilets in every primary school."},
    ),
]


def load_reports(progress=print) -> bool:
    """False when the demo editions are there already."""
    if Edition.objects.exists():
        return False
    staff = _persona("staff")
    admin = _persona("admin")
    analyst = _persona("analyst")
    year = timezone.localdate().year

    last_jsr = services.create_edition(
        kind="jsr", year=year - 1, languages=["en", "fa"],
        title={"en": f"Civil-society input to the Joint Sector Review {year - 1} (demo)"},
        actor=staff,
    )  # fmt: skip
    _write(last_jsr, "position", {"en": CHAPTER["en"], "fa": CHAPTER["fa"]}, staff)
    for duty_bearer, target, text in RECOMMENDATIONS:
        services.save_recommendation(
            edition=last_jsr, actor=staff, duty_bearer=duty_bearer, target=target,
            text={k: v for k, v in text.items() if k in last_jsr.languages},
        )  # fmt: skip
    _approve(last_jsr, staff, analyst, admin)
    services.publish_edition(edition=last_jsr, actor=admin)
    progress(f"  JSR input {year - 1}: approved, figures frozen, published")

    jsr = services.create_edition(
        kind="jsr", year=year, languages=["en", "fa"],
        title={"en": f"Civil-society input to the Joint Sector Review {year} (demo)"},
        actor=staff, previous=last_jsr,
    )  # fmt: skip
    statuses = [Recommendation.Status.IN_PROGRESS, Recommendation.Status.NOT_STARTED]
    for carried, status in zip(jsr.recommendations.all(), statuses, strict=False):
        services.save_recommendation(
            edition=jsr, actor=staff, recommendation=carried, duty_bearer=carried.duty_bearer,
            target=carried.target, text=carried.text, status=status,
            progress={"en": "The directorate has published last year's census by province."},
        )  # fmt: skip
    progress(f"  JSR input {year}: draft, following up the previous review")

    last = _spotlight(year - 1, staff)
    _approve(last, staff, analyst, admin)
    services.publish_edition(edition=last, actor=admin)
    progress(f"  Spotlight Report {year - 1}: published in {', '.join(LANGUAGES)}")
    spotlight = services.create_edition(
        kind="spotlight", year=year, languages=LANGUAGES,
        title={code: text.format(year=year) for code, text in TITLES.items()}, actor=staff,
        previous=last,
    )  # fmt: skip
    services.add_comment(
        section=spotlight.sections.get(key="summary"), actor=admin,
        body="Can we say which provinces in the summary?",
    )  # fmt: skip
    progress(f"  Spotlight Report {year}: draft started from it, figures live")
    return True


def _spotlight(year: int, staff) -> Edition:
    spotlight = services.create_edition(
        kind="spotlight", year=year, languages=LANGUAGES,
        title={code: text.format(year=year) for code, text in TITLES.items()}, actor=staff,
    )  # fmt: skip
    _write(spotlight, "summary", SUMMARY, staff)
    _write(spotlight, "target-4.1", CHAPTER, staff)
    chapter = spotlight.sections.get(key="target-4.1")
    quoted = Submission.objects.filter(state=SubmissionState.APPROVED).exclude(organisation=None)
    for (language, quote), submission in zip(QUOTES, quoted.order_by("pk")[:2], strict=False):
        services.attach_evidence(
            section=chapter, quote=quote, language=language, actor=staff, submission=submission
        )
    for duty_bearer, target, text in RECOMMENDATIONS:
        services.save_recommendation(
            edition=spotlight, actor=staff, duty_bearer=duty_bearer, target=target, text=text
        )
    return spotlight


def _approve(edition, staff, analyst, admin) -> None:
    """Reviewed and signed by three people in their three roles, then approved."""
    services.submit_for_review(edition=edition, actor=staff)
    for role, person in (("editor", staff), ("data", analyst), ("coordinator", admin)):
        services.sign_off(edition=edition, role=role, actor=person)
    services.approve_edition(edition=edition, actor=admin)


def _persona(name: str) -> User:
    return User.objects.get(email=f"{name}@{DEMO_DOMAIN}")


def _write(edition, key, texts, actor) -> None:
    section = edition.sections.get(key=key)
    for language, body in texts.items():
        if language in edition.languages:
            services.save_section_text(section=section, language=language, body=body, actor=actor)
