"""Bulk import: Kobo and ODK Central layouts, all or nothing, errors with sheet, row and
column, no duplicates, run as a task."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coalition.collect import services
from coalition.collect.models import ImportJob, Submission
from coalition.collect.tests.factories import MANAGE_FORM, workbook_bytes
from coalition.core.errors import DomainError, NotAllowed

pytestmark = pytest.mark.django_db

KOBO_CSV = (
    "start,end,school,province,girls,distance_km,services,services/water,"
    "services/electricity,_uuid,_index\n"
    ",,Malalai,AF-KAB,312,2.5,water electricity,1,1,a1b2,1\n"
    ",,Habibia,AF-BAL,40.0,,,0,0,c3d4,2\n"
)


def run(job):
    """What the worker does (the test backend runs tasks at once, but only on commit)."""
    return services.import_rows(ImportJob.objects.get(pk=job.pk))


def start(form, staff_user, content: bytes, name="data.csv"):
    return run(services.start_import(form=form, content=content, filename=name, actor=staff_user))


def test_kobo_csv_is_imported_through_the_receiving_service(school_visit, staff_user):
    job = start(school_visit.form, staff_user, KOBO_CSV.encode())
    assert (job.status, job.imported, job.errors) == ("succeeded", 2, [])
    malalai = Submission.objects.get(instance_id="uuid:a1b2")
    assert malalai.data["girls"] == 312 and malalai.data["services"] == ["water", "electricity"]
    assert malalai.area.code == "AF-KAB"
    assert Submission.objects.get(instance_id="uuid:c3d4").data["girls"] == 40
    again = start(school_visit.form, staff_user, KOBO_CSV.encode())
    assert (again.imported, again.duplicates) == (0, 2)
    assert Submission.objects.count() == 2


def test_odk_central_headers_with_dashes(staff_user):
    from coalition.collect.tests.factories import SCHOOL_VISIT, xlsform_bytes

    survey = [
        *SCHOOL_VISIT["survey"][:3],
        ["begin group", "enrolment", "Enrolment", "", ""],
        ["integer", "girls", "Girls", "", ""],
        ["end group", "", "", "", ""],
    ]
    version = services.publish_form(
        content=xlsform_bytes(survey, settings=[["form_id", "form_title"], ["grouped", "G"]]),
        filename="g.xlsx",
        actor=staff_user,
    )
    csv_text = "school,enrolment-girls,KEY\nA,12,uuid:k1\n"
    job = start(version.form, staff_user, csv_text.encode())
    assert job.status == "succeeded", job.errors
    assert Submission.objects.get().data["enrolment"]["girls"] == 12


def test_any_bad_row_stops_the_import_and_says_where(school_visit, staff_user):
    bad = (
        "school,province,girls,services,_uuid\n"
        "A,AF-KAB,12,water,u1\n"
        ",AF-KAB,twelve,water,u2\n"
        "C,AF-XXX,3,juice,u3\n"
    )
    job = start(school_visit.form, staff_user, bad.encode())
    assert job.status == "failed" and Submission.objects.count() == 0
    found = {(e["row"], e["column"]) for e in job.errors}
    assert found == {(3, "school"), (3, "girls"), (4, "province"), (4, "services")}
    messages = " ".join(e["message"] for e in job.errors)
    assert "“twelve” is not a whole number." in messages
    assert "“juice” is not a choice of this question." in messages


def test_a_missing_required_column_is_reported(school_visit, staff_user):
    job = start(school_visit.form, staff_user, b"girls\n3\n")
    assert job.status == "failed"
    assert {e["column"] for e in job.errors} >= {"school", "province"}


def test_wrong_encoding_gets_a_clear_error(school_visit, staff_user):
    job = start(school_visit.form, staff_user, "school,province\nKöln,AF-KAB\n".encode("latin-1"))
    assert job.status == "failed"
    assert "not UTF-8" in job.errors[0]["message"]


def test_xlsx_with_a_repeat_sheet(school_visit, staff_user):
    content = workbook_bytes(
        (
            "School visit",
            [
                ["school", "province", "girls", "_uuid", "_index"],
                ["Malalai", "AF-KAB", 312, "x1", 1],
                ["Habibia", "AF-BAL", 50, "x2", 2],
            ],
        ),
        (
            "teacher",
            [["teacher/teacher_name", "_parent_index"], ["Fahima", 1], ["Roya", 1], ["Nasrin", 2]],
        ),
    )
    job = start(school_visit.form, staff_user, content, "visits.xlsx")
    assert job.status == "succeeded", job.errors
    names = [
        t["teacher_name"] for t in Submission.objects.get(instance_id="uuid:x1").data["teacher"]
    ]
    assert names == ["Fahima", "Roya"]


@pytest.mark.parametrize("content, name", [(b"x", "data.pdf"), (b"", "data.xlsx")])
def test_unreadable_files(school_visit, staff_user, content, name):
    if name.endswith(".pdf"):
        with pytest.raises(DomainError):
            services.start_import(
                form=school_visit.form, content=content, filename=name, actor=staff_user
            )
        return
    job = start(school_visit.form, staff_user, content, name)
    assert job.status == "failed" and job.errors


def test_only_those_who_manage_the_form_import(school_visit, focal_point):
    with pytest.raises(NotAllowed):
        services.start_import(
            form=school_visit.form, content=KOBO_CSV.encode(), filename="d.csv", actor=focal_point
        )
    assert not ImportJob.objects.exists()


def test_import_pages(check_matrix, school_visit, django_capture_on_commit_callbacks):
    url = reverse("collect:import", args=["school_visit"])

    def snapshot():
        return ImportJob.objects.count()

    check_matrix(
        lambda c: c.post(url, {"file": SimpleUploadedFile("d.csv", KOBO_CSV.encode())}),
        MANAGE_FORM,
        snapshot,
    )
    assert snapshot() == 2


def test_the_job_page_shows_progress_and_problems(
    as_user, staff_user, school_visit, django_capture_on_commit_callbacks
):
    client = as_user(staff_user)
    with django_capture_on_commit_callbacks(execute=True):  # the worker runs the task
        response = client.post(
            reverse("collect:import", args=["school_visit"]),
            {"file": SimpleUploadedFile("d.csv", b"school,province,girls\nA,AF-KAB,many\n")},
        )
    page = client.get(response["Location"]).content.decode()
    assert "Failed: nothing was imported" in page and "“many” is not a whole number." in page


def publish_with_rules(staff_user):
    from coalition.collect.tests.factories import xlsform_bytes

    survey = [
        ["type", "name", "label", "required", "constraint", "constraint_message", "relevant"],
        ["text", "school", "School", "yes", "string-length(.) >= 3", "At least 3 letters", ""],
        ["integer", "girls", "Girls", "yes", ". >= 0 and . < 5000", "Between 0 and 4999", ""],
        ["integer", "girls_6_11", "Girls aged 6-11", "", ". <= ${girls}", "", ""],
        ["select_one yn", "has_water", "Drinking water?", "yes", "", "", ""],
        ["text", "water_source", "Water source", "yes", "", "", "${has_water} = 'yes'"],
        ["date", "visited", "Visit date", "", ". <= today()", "Not in the future", ""],
        ["text", "code", "School code", "", "jr:choice-name(., 'x') != ''", "", ""],
        ["begin repeat", "teacher", "Teacher", "", "", "", ""],
        ["text", "teacher_name", "Name", "", "", "", ""],
        ["integer", "age", "Age", "", ". >= 18", "Adults only", ""],
        ["end repeat", "", "", "", "", "", ""],
    ]
    return services.publish_form(
        content=xlsform_bytes(
            survey,
            [["list_name", "name", "label"], ["yn", "yes", "Yes"], ["yn", "no", "No"]],
            [["form_id", "version"], ["ruled", "1"]],
        ),
        filename="ruled.xlsx",
        actor=staff_user,
    )


HEADER = ["school", "girls", "girls_6_11", "has_water", "water_source", "visited", "_index"]


def test_the_forms_own_rules_hold_imported_rows(staff_user):
    version = publish_with_rules(staff_user)
    content = workbook_bytes(
        (
            "data",
            [
                HEADER,
                ["Malalai", 300, 120, "yes", "well", "2026-03-01", 1],  # fine
                ["Habibia", 300, 120, "no", "", "2026-03-01", 2],  # skipped question: fine
                ["Ab", 9000, 9500, "yes", "", "2999-01-01", 3],  # four rules broken
            ],
        ),
        ("teacher", [["teacher_name", "age", "_parent_index"], ["Roya", 30, 1], ["Zia", 16, 2]]),
    )
    job = start(version.form, staff_user, content, name="ruled.xlsx")
    assert job.status == "failed" and Submission.objects.count() == 0
    problems = {(e["sheet"], e["row"], e["column"]): e["message"] for e in job.errors}
    assert problems == {
        ("data", 4, "school"): "“Ab” breaks the form's rule: At least 3 letters",
        ("data", 4, "girls"): "“9000” breaks the form's rule: Between 0 and 4999",
        ("data", 4, "girls_6_11"): "“9500” breaks the form's rule . <= /data/girls.",
        ("data", 4, "water_source"): "A value is required.",
        ("data", 4, "visited"): "“2999-01-01” breaks the form's rule: Not in the future",
        ("teacher", 3, "age"): "“16” breaks the form's rule: Adults only",
    }
    # A rule this importer cannot evaluate is named, not guessed.
    assert job.unchecked_rules == ["code: constraint jr:choice-name(., 'x') != ''"]


def test_rows_that_keep_the_rules_are_imported(staff_user):
    version = publish_with_rules(staff_user)
    content = workbook_bytes(
        ("data", [HEADER, ["Malalai", 300, 120, "no", "", "2026-03-01", 1]]),
        ("teacher", [["teacher_name", "age", "_parent_index"], ["Roya", 30, 1]]),
    )
    job = start(version.form, staff_user, content, name="ruled.xlsx")
    assert job.status == "succeeded", job.errors
    data = Submission.objects.get().data
    assert data["girls_6_11"] == 120 and data["teacher"] == [{"teacher_name": "Roya", "age": 30}]


def test_a_conditionally_required_question_needs_no_column(staff_user):
    version = publish_with_rules(staff_user)
    content = workbook_bytes(("data", [["school", "girls", "has_water"], ["Malalai", 3, "no"]]))
    job = start(version.form, staff_user, content, name="ruled.xlsx")
    assert job.status == "succeeded", job.errors


def test_the_job_page_names_the_rules_it_could_not_check(
    as_user, staff_user, django_capture_on_commit_callbacks
):
    publish_with_rules(staff_user)
    client = as_user(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("collect:import", args=["ruled"]),
            {"file": SimpleUploadedFile("d.csv", b"school,girls,has_water\nMalalai,3,no\n")},
        )
    page = client.get(response["Location"]).content.decode()
    assert "1 rule of the form could not be checked here" in page
    assert "code: constraint jr:choice-name(., &#x27;x&#x27;) != &#x27;&#x27;" in page


def test_the_job_says_when_it_is_writing(school_visit, staff_user, monkeypatch):
    seen = []
    receive = services.receive_submission

    def watching(**kwargs):
        seen.append(ImportJob.objects.values_list("status", "progress").get())
        return receive(**kwargs)

    monkeypatch.setattr(services, "receive_submission", watching)
    job = start(school_visit.form, staff_user, KOBO_CSV.encode())
    assert job.status == "succeeded"
    assert seen == [("writing", 90), ("writing", 90)]
