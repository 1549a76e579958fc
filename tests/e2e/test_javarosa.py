"""End to end without a phone: JavaRosa, the form engine inside ODK Collect, fills the
form; our test client then does what Collect does (HEAD, then a multipart POST with
Digest authentication) and the submission appears in the review queue."""

import shutil
import subprocess
from pathlib import Path

import pytest
import pyxform
from django.urls import reverse

from coalition.collect.models import Submission
from coalition.collect.services import publish_form
from coalition.collect.tests.factories import publish_school_visit

pytestmark = pytest.mark.django_db

HERE = Path(__file__).resolve().parent
JAR = Path(pyxform.__file__).parent / "validators" / "odk_validate" / "bin" / "ODK_Validate.jar"
SHARED = HERE.parents[2] / "shared" / "data" / "xlsforms"


@pytest.fixture(scope="session")
def javarosa(tmp_path_factory):
    """fill(xform, answers) -> the submission XML JavaRosa produces."""
    classes = tmp_path_factory.mktemp("javarosa")
    javac, java = shutil.which("javac"), shutil.which("java")
    assert javac and java, "a JDK is needed: run scripts/install-system-deps"
    subprocess.run(
        [javac, "-cp", str(JAR), "-d", str(classes), str(HERE / "javarosa" / "FillForm.java")],
        check=True,
        capture_output=True,
    )

    def fill(xform: str, answers: list[tuple[str, str]]) -> bytes:
        form, answer_file = classes / "form.xml", classes / "answers.txt"
        form.write_text(xform, encoding="utf-8")
        answer_file.write_text("".join(f"{k}={v}\n" for k, v in answers), encoding="utf-8")
        result = subprocess.run(
            [java, "-cp", f"{JAR}:{classes}", "FillForm", str(form), str(answer_file)],
            capture_output=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stderr.decode()
        return result.stdout

    return fill


def test_collect_fills_and_sends_and_it_reaches_the_review_queue(
    javarosa, staff_user, focal_point, org, kabul, device, as_user
):
    version = publish_school_visit(staff_user)
    xml = javarosa(
        version.xform,
        [
            ("school", "Malalai Girls School"),
            ("province", "AF-KAB"),
            ("girls", "312"),
            ("distance_km", "2.5"),
            ("services", "water electricity"),
            ("teacher/teacher_name", "Fahima"),
            ("teacher/teacher_name", "Roya"),
        ],
    )
    response = device(focal_point).submit(xml)
    assert response.status_code == 201, response.content

    submission = Submission.objects.get()
    assert submission.data["girls"] == 312
    assert submission.data["services"] == ["water", "electricity"]
    assert [t["teacher_name"] for t in submission.data["teacher"]] == ["Fahima", "Roya"]
    assert submission.instance_id.startswith("uuid:")
    assert submission.started_at is not None and submission.ended_at >= submission.started_at
    assert (submission.organisation, submission.area) == (org, kabul)

    queue = as_user(staff_user).get(
        reverse("collect:submissions", args=["school_visit"]), {"state": "received"}
    )
    assert submission.instance_id in queue.content.decode()


def test_javarosa_refuses_what_the_form_forbids(javarosa, staff_user):
    version = publish_school_visit(staff_user)
    with pytest.raises(AssertionError, match=r"no choice|refused"):
        javarosa(version.xform, [("province", "AF-NOWHERE")])


@pytest.mark.skipif(not SHARED.exists(), reason="../shared/data not present")
@pytest.mark.parametrize(
    "name", sorted(p.name for p in SHARED.glob("*.xls*")) if SHARED.exists() else []
)
def test_forms_unknown_to_the_project_go_through_too(
    javarosa, staff_user, focal_point, device, name
):
    version = publish_form(content=(SHARED / name).read_bytes(), filename=name, actor=staff_user)
    xml = javarosa(version.xform, [])
    response = device(focal_point).submit(xml)
    assert response.status_code == 201, response.content
    assert Submission.objects.filter(form=version.form).count() == 1


@pytest.mark.parametrize("country", ["AF", "KH"])
def test_demo_forms_work_in_collects_engine(javarosa, staff_user, focal_point, device, country):
    from coalition.demo.forms import DEMO_FORMS
    from coalition.geo.models import Area

    provinces = list(Area.objects.filter(country__code=country, level="province"))
    answers = {
        "school_monitoring": [
            ("province", provinces[0].code),
            ("school_name", "A"),
            ("level", "primary"),
            ("enrolment/girls", "120"),
            ("enrolment/boys", "130"),
            ("services", "water toilets"),
        ],
        "oos_listing": [
            ("province", provinces[0].code),
            ("community", "B"),
            ("child/sex", "female"),
            ("child/age", "11"),
            ("child/wg_walking", "a_lot"),
        ],
        "activity_report": [
            ("quarter", "2026Q1"),
            ("activity/activity_type", "literacy"),
            ("activity/female", "30"),
            ("activity/male", "20"),
            ("activity/with_disability", "4"),
        ],
    }
    for form_id, build in DEMO_FORMS:
        version = publish_form(
            content=build(country, provinces), filename=f"{form_id}.xlsx", actor=staff_user
        )
        xml = javarosa(version.xform, answers[form_id])
        assert device(focal_point).submit(xml).status_code == 201
    listing = Submission.objects.get(form__form_id="oos_listing")
    assert listing.data["child"][0]["wg_walking"] == "a_lot"


def test_javarosa_enforces_the_demo_form_constraints(javarosa, staff_user):
    from coalition.demo.forms import activity_report
    from coalition.geo.models import Area

    provinces = list(Area.objects.filter(country__code="AF", level="province"))
    version = publish_form(
        content=activity_report("AF", provinces), filename="activity_report.xlsx", actor=staff_user
    )
    # More beneficiaries with a disability than beneficiaries: the constraint says no.
    with pytest.raises(AssertionError, match="refused activity/with_disability"):
        javarosa(
            version.xform,
            [("activity/female", "3"), ("activity/male", "2"), ("activity/with_disability", "9")],
        )


# Each case: answers given in order, then whether Collect accepts the last one.
RULE_CASES = [
    ([("school", "Ab")], False),
    ([("school", "Abc")], True),
    ([("girls", "9000")], False),
    ([("girls", "4999")], True),
    ([("girls", "300"), ("girls_6_11", "301")], False),
    ([("girls", "300"), ("girls_6_11", "300")], True),
    ([("visited", "2999-01-01")], False),
    ([("visited", "2020-01-01")], True),
    ([("teacher/teacher_name", "Zia"), ("teacher/age", "16")], False),
    ([("teacher/teacher_name", "Roya"), ("teacher/age", "18")], True),
]


def test_imports_hold_rows_to_the_same_rules_as_collect(javarosa, staff_user):
    """The importer's own XPath evaluation (collect/xpath.py) agrees with JavaRosa on
    every case: what Collect refuses, an import refuses on the same question."""
    from coalition.collect.imports import Entry, check_rules, rules_of
    from coalition.collect.tests.test_imports import publish_with_rules

    version = publish_with_rules(staff_user)
    rules = rules_of(version)
    for answers, collect_accepts in RULE_CASES:
        try:
            javarosa(version.xform, answers)
            javarosa_accepts = True
        except AssertionError as refusal:
            assert "refused" in str(refusal)
            javarosa_accepts = False
        assert javarosa_accepts == collect_accepts, answers

        record = {"school": "Malalai", "girls": "300", "has_water": "no"}
        item = None
        for path, value in answers:
            if path.startswith("teacher/"):
                item = item or {}
                item[path.split("/")[1]] = value
            else:
                record[path] = value
        if item is None:
            entry = Entry(record, "data", 2, {})
        else:
            record["teacher"] = [item]
            entry = Entry(record, "teacher", 2, {}, "teacher", item)
        broken = {column for column, _message in check_rules(entry, rules)}
        last = answers[-1][0]
        assert (last not in broken) == collect_accepts, (answers, broken)
