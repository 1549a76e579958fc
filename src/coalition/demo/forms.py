"""The demo coalition's three forms, written as XLSForms (the way a secretariat would
write them in Excel) with labels in English and the country's languages.

- school_monitoring: SDG 4.a.1 school services, enrolment and teachers by sex
- oos_listing: community listing of out-of-school children with the Washington Group
  short set on functioning
- activity_report: a member's quarterly activities and beneficiaries by sex, age band
  and disability
"""

import io

from openpyxl import Workbook

# label columns per country: (header, index into each label tuple)
LANGUAGES = {
    "AF": [("English (en)", 0), ("Dari (fa)", 1), ("Pashto (ps)", 2)],
    "KH": [("English (en)", 0), ("Khmer (km)", 3)],
}

YES_NO = [
    ("yes", ("Yes", "بلی", "هو", "បាទ/ចាស")),
    ("no", ("No", "نخیر", "نه", "ទេ")),
]
SEX = [
    ("female", ("Female", "زن", "ښځینه", "ស្រី")),
    ("male", ("Male", "مرد", "نارینه", "ប្រុស")),
]
DIFFICULTY = [
    ("none", ("No difficulty", "بدون مشکل", "هیڅ ستونزه نشته", "គ្មានការលំបាក")),
    ("some", ("Some difficulty", "کمی مشکل", "یو څه ستونزه", "លំបាកខ្លះ")),
    ("a_lot", ("A lot of difficulty", "مشکل زیاد", "ډېره ستونزه", "លំបាកខ្លាំង")),
    ("cannot", ("Cannot do at all", "اصلاً نمی‌تواند", "هېڅ نشي کولی", "មិនអាចធ្វើបានទាល់តែសោះ")),
]
REASONS = [
    ("cost", ("Cost", "هزینه", "لګښت", "ថ្លៃចំណាយ")),
    ("distance", ("School too far", "دوری مکتب", "د ښوونځي لرې والی", "សាលានៅឆ្ងាយ")),
    (
        "work",
        ("Works to support the family", "کار برای خانواده", "د کورنۍ لپاره کار", "ធ្វើការជួយគ្រួសារ"),
    ),
    (
        "disability",
        (
            "Disability, school not accessible",
            "معلولیت، مکتب قابل دسترس نیست",
            "معلولیت، ښوونځی د لاسرسي وړ نه دی",
            "ពិការភាព សាលាមិនអាចចូលបាន",
        ),
    ),
    ("marriage", ("Marriage", "ازدواج", "واده", "រៀបការ")),
    ("security", ("Insecurity", "ناامنی", "ناامني", "អសន្តិសុខ")),
    ("other", ("Other", "دیگر", "نور", "ផ្សេងៗ")),
]
AGE_BANDS = [
    ("0_5", ("0–5 years", "۰ تا ۵ سال", "۰–۵ کاله", "០–៥ ឆ្នាំ")),
    ("6_14", ("6–14 years", "۶ تا ۱۴ سال", "۶–۱۴ کاله", "៦–១៤ ឆ្នាំ")),
    ("15_24", ("15–24 years", "۱۵ تا ۲۴ سال", "۱۵–۲۴ کاله", "១៥–២៤ ឆ្នាំ")),
    ("25_plus", ("25 years and over", "۲۵ سال و بیشتر", "۲۵ کاله او زیات", "២៥ ឆ្នាំឡើង")),
]
ACTIVITY_TYPES = [
    ("training", ("Teacher training", "آموزش معلمان", "د ښوونکو روزنه", "បណ្តុះបណ្តាលគ្រូ")),
    ("literacy", ("Literacy classes", "صنوف سوادآموزی", "د سواد ټولګي", "ថ្នាក់អក្ខរកម្ម")),
    ("advocacy", ("Advocacy meeting", "نشست دادخواهی", "د مدافعې غونډه", "កិច្ចប្រជុំតស៊ូមតិ")),
    ("community", ("Community schools", "مکاتب اجتماعی", "ټولنیز ښوونځي", "សាលាសហគមន៍")),
    (
        "wash",
        (
            "WASH in schools",
            "آب و حفظ‌الصحه در مکاتب",
            "په ښوونځیو کې اوبه او حفظ الصحه",
            "ទឹកស្អាត និងអនាម័យក្នុងសាលា",
        ),
    ),
]
SERVICES = [
    ("electricity", ("Electricity", "برق", "برېښنا", "អគ្គិសនី")),
    (
        "internet",
        ("Internet for teaching", "انترنت برای تدریس", "د تدریس لپاره انټرنېټ", "អ៊ីនធឺណិតសម្រាប់បង្រៀន"),
    ),
    (
        "computers",
        (
            "Computers for teaching",
            "کمپیوتر برای تدریس",
            "د تدریس لپاره کمپیوټر",
            "កុំព្យូទ័រសម្រាប់បង្រៀន",
        ),
    ),
    (
        "adapted",
        (
            "Infrastructure adapted for disability",
            "زیربنای مناسب برای معلولین",
            "د معلولیت لپاره برابر زیربنا",
            "ហេដ្ឋារចនាសម្ព័ន្ធសម្រាប់ជនពិការ",
        ),
    ),
    ("water", ("Basic drinking water", "آب آشامیدنی", "د څښلو اوبه", "ទឹកស្អាតសម្រាប់ផឹក")),
    ("toilets", ("Single-sex toilets", "تشناب‌های جداگانه", "جلا تشنابونه", "បង្គន់ដាច់ដោយឡែក")),
    ("handwashing", ("Handwashing facilities", "محل شستن دست", "د لاس مینځلو ځای", "កន្លែងលាងដៃ")),
]


def _label_headers(country, prefix="label"):
    return [f"{prefix}::{name}" for name, _i in LANGUAGES[country]]


def _labels(country, texts):
    return [texts[i] if i < len(texts) else texts[0] for _name, i in LANGUAGES[country]]


def _book(country, title, form_id, version, survey, choices) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "survey"
    sheet.append(
        [
            "type",
            "name",
            *_label_headers(country),
            "required",
            "constraint",
            "relevant",
            "appearance",
        ]
    )
    for row in survey:
        kind, name, texts, *rest = row
        sheet.append(
            [
                kind,
                name,
                *(_labels(country, texts) if texts else [""] * len(LANGUAGES[country])),
                *rest,
            ]
        )
    other = book.create_sheet("choices")
    other.append(["list_name", "name", *_label_headers(country)])
    for list_name, items in choices.items():
        for name, texts in items:
            other.append([list_name, name, *_labels(country, texts)])
    settings = book.create_sheet("settings")
    settings.append(["form_id", "form_title", "version", "default_language"])
    settings.append([form_id, title, version, "English (en)"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def province_choices(provinces):
    return [
        (
            p.code,
            (
                p.name_en,
                p.name_fa or p.name_en,
                p.name_ps or p.name_fa or p.name_en,
                p.name_km or p.name_en,
            ),
        )
        for p in provinces
    ]


def school_monitoring(country, provinces) -> bytes:
    survey = [
        ["start", "start", None],
        ["end", "end", None],
        ["select_one province", "province", ("Province", "ولایت", "ولایت", "ខេត្ត"), "yes"],
        ["text", "school_name", ("School name", "نام مکتب", "د ښوونځي نوم", "ឈ្មោះសាលា"), "yes"],
        ["select_one level", "level", ("Level", "دوره", "دوره", "កម្រិត"), "yes"],
        ["begin group", "enrolment", ("Enrolment", "شمولیت", "شمولیت", "ការចុះឈ្មោះ")],
        [
            "integer",
            "girls",
            ("Girls enrolled", "شاگردان دختر", "نجونې زده کوونکې", "សិស្សស្រី"),
            "yes",
            ". >= 0 and . < 5000",
        ],
        [
            "integer",
            "boys",
            ("Boys enrolled", "شاگردان پسر", "هلکان زده کوونکي", "សិស្សប្រុស"),
            "yes",
            ". >= 0 and . < 5000",
        ],
        ["end group", "", None],
        ["begin group", "teachers", ("Teachers", "معلمان", "ښوونکي", "គ្រូបង្រៀន")],
        [
            "integer",
            "female_teachers",
            ("Female teachers", "معلمان زن", "ښځینه ښوونکې", "គ្រូស្រី"),
            "yes",
            ". >= 0 and . < 300",
        ],
        [
            "integer",
            "male_teachers",
            ("Male teachers", "معلمان مرد", "نارینه ښوونکي", "គ្រូប្រុស"),
            "yes",
            ". >= 0 and . < 300",
        ],
        ["end group", "", None],
        [
            "select_multiple services",
            "services",
            (
                "Services available (SDG 4.a.1)",
                "خدمات موجود (هدف ۴.a.1)",
                "شته خدمتونه (SDG 4.a.1)",
                "សេវាដែលមាន (SDG 4.a.1)",
            ),
        ],
        ["text", "notes", ("Notes", "یادداشت", "یادښتونه", "កំណត់សម្គាល់")],
    ]
    choices = {
        "province": province_choices(provinces),
        "level": [
            ("primary", ("Primary", "ابتداییه", "لومړنی", "បឋមសិក្សា")),
            ("lower_secondary", ("Lower secondary", "متوسطه", "منځنی", "អនុវិទ្យាល័យ")),
            ("upper_secondary", ("Upper secondary", "لیسه", "لېسه", "វិទ្យាល័យ")),
        ],
        "services": SERVICES,
    }
    return _book(
        country, "School monitoring checklist", "school_monitoring", "2026110101", survey, choices
    )


def oos_listing(country, provinces) -> bytes:
    question = {
        "seeing": (
            "Difficulty seeing, even with glasses?",
            "مشکل در دیدن، حتی با عینک؟",
            "د لیدو ستونزه، حتی د عینکو سره؟",
            "ពិបាកមើលឃើញ ទោះពាក់វ៉ែនតា?",
        ),
        "hearing": (
            "Difficulty hearing, even with a hearing aid?",
            "مشکل در شنیدن؟",
            "د اورېدو ستونزه؟",
            "ពិបាកស្តាប់ឮ?",
        ),
        "walking": (
            "Difficulty walking or climbing steps?",
            "مشکل در راه رفتن؟",
            "د تګ ستونزه؟",
            "ពិបាកដើរ ឬឡើងជណ្តើរ?",
        ),
        "cognition": (
            "Difficulty remembering or concentrating?",
            "مشکل در به یاد آوردن؟",
            "د یادولو ستونزه؟",
            "ពិបាកចងចាំ ឬផ្តោតអារម្មណ៍?",
        ),
        "selfcare": (
            "Difficulty with self-care?",
            "مشکل در مراقبت از خود؟",
            "د ځان ساتنې ستونزه؟",
            "ពិបាកថែទាំខ្លួនឯង?",
        ),
        "communication": (
            "Difficulty communicating?",
            "مشکل در ارتباط؟",
            "د اړیکې ستونزه؟",
            "ពិបាកប្រាស្រ័យទាក់ទង?",
        ),
    }
    survey = [
        ["start", "start", None],
        ["end", "end", None],
        ["select_one province", "province", ("Province", "ولایت", "ولایت", "ខេត្ត"), "yes"],
        ["text", "community", ("Community / village", "قریه", "کلی", "ភូមិ"), "yes"],
        ["begin repeat", "child", ("Child", "طفل", "ماشوم", "កុមារ")],
        ["select_one sex", "sex", ("Sex", "جنسیت", "جنس", "ភេទ"), "yes"],
        [
            "integer",
            "age",
            ("Age (years)", "سن (سال)", "عمر (کال)", "អាយុ (ឆ្នាំ)"),
            "yes",
            ". >= 5 and . <= 17",
        ],
        [
            "select_one yes_no",
            "ever_attended",
            (
                "Ever attended school?",
                "آیا هرگز مکتب رفته؟",
                "ایا کله ښوونځي ته تللی؟",
                "ធ្លាប់ចូលរៀនទេ?",
            ),
            "yes",
        ],
        [
            "select_one reason",
            "reason",
            ("Main reason out of school", "دلیل اصلی", "اصلي لامل", "មូលហេតុចម្បង"),
            "yes",
        ],
        *[
            ["select_one difficulty", f"wg_{name}", texts, "yes"]
            for name, texts in question.items()
        ],
        ["end repeat", "", None],
    ]
    choices = {
        "province": province_choices(provinces),
        "sex": SEX,
        "yes_no": YES_NO,
        "reason": REASONS,
        "difficulty": DIFFICULTY,
    }
    return _book(
        country, "Out-of-school children listing", "oos_listing", "2026110101", survey, choices
    )


def activity_report(country, provinces) -> bytes:
    survey = [
        ["start", "start", None],
        ["end", "end", None],
        ["select_one quarter", "quarter", ("Quarter", "ربع", "ربع", "ត្រីមាស"), "yes"],
        [
            "select_one province",
            "province",
            ("Main province", "ولایت اصلی", "اصلي ولایت", "ខេត្តចម្បង"),
            "yes",
        ],
        ["begin repeat", "activity", ("Activity", "فعالیت", "فعالیت", "សកម្មភាព")],
        [
            "select_one activity_type",
            "activity_type",
            ("Type of activity", "نوع فعالیت", "د فعالیت ډول", "ប្រភេទសកម្មភាព"),
            "yes",
        ],
        [
            "select_one age_band",
            "age_band",
            ("Age band of beneficiaries", "گروه سنی", "د عمر ډله", "ក្រុមអាយុ"),
            "yes",
        ],
        [
            "integer",
            "female",
            ("Female beneficiaries", "مستفیدین زن", "ښځینه ګټه اخیستونکې", "អ្នកទទួលផលស្រី"),
            "yes",
            ". >= 0",
        ],
        [
            "integer",
            "male",
            ("Male beneficiaries", "مستفیدین مرد", "نارینه ګټه اخیستونکي", "អ្នកទទួលផលប្រុស"),
            "yes",
            ". >= 0",
        ],
        [
            "integer",
            "with_disability",
            (
                "Of whom with a disability",
                "از آن جمله دارای معلولیت",
                "له دوی څخه معلولین",
                "ក្នុងនោះជនពិការ",
            ),
            "yes",
            ". >= 0 and . <= ${female} + ${male}",
        ],
        ["end repeat", "", None],
    ]
    choices = {
        "quarter": [
            (f"2026Q{q}", (f"2026 Q{q}", f"ربع {q} ۲۰۲۶", f"۲۰۲۶ {q} ربع", f"ត្រីមាសទី{q} ២០២៦"))
            for q in range(1, 5)
        ],
        "province": province_choices(provinces),
        "activity_type": ACTIVITY_TYPES,
        "age_band": AGE_BANDS,
    }
    return _book(
        country,
        "Member quarterly activity report",
        "activity_report",
        "2026110101",
        survey,
        choices,
    )


DEMO_FORMS = [
    ("school_monitoring", school_monitoring),
    ("oos_listing", oos_listing),
    ("activity_report", activity_report),
]
