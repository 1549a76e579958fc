import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from coalition.collect.models import Submission
from coalition.collect.tests.odk_client import fill
from coalition.collect.tests.test_openrosa import VALUES

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(school_visit, focal_point, other_focal_point, device):
    device(focal_point).submit(fill(school_visit.xform, {**VALUES, "school": "=HYPERLINK(1)"}))
    device(other_focal_point).submit(fill(school_visit.xform, {**VALUES, "province": "AF-BAL"}))
    return school_visit


def read_csv(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_csv_main_table_within_scope_and_neutralised(as_user, focal_point, staff_user, submitted):
    url = reverse("collect:export_csv", args=["school_visit"])
    rows = read_csv(as_user(focal_point).get(url))
    header = rows[0]
    assert header[:6] == [
        "submission_id",
        "instance_id",
        "state",
        "organisation",
        "area",
        "received",
    ]
    assert {"school", "province", "girls", "services"} <= set(header)
    assert len(rows) == 2  # the focal point sees their organisation's only
    row = dict(zip(header, rows[1], strict=True))
    assert row["school"] == "'=HYPERLINK(1)"
    assert (row["girls"], row["services"], row["area"]) == ("312", "water electricity", "AF-KAB")
    assert len(read_csv(as_user(staff_user).get(url))) == 3


def test_csv_of_a_repeat_group_joins_by_submission(as_user, staff_user, submitted):
    url = reverse("collect:export_csv", args=["school_visit"])
    rows = read_csv(as_user(staff_user).get(url, {"table": "teacher"}))
    assert rows[0] == ["submission_id", "instance_id", "row", "teacher_name"]
    assert [r[2:] for r in rows[1:]] == [["1", "Fahima"], ["1", "Fahima"]]


def test_xlsx_with_labels_in_dari(as_user, staff_user, submitted):
    url = reverse("collect:export_xlsx", args=["school_visit"])
    response = as_user(staff_user).get(url, {"labels": "1", "lang": "fa"})
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["data", "teacher"]
    sheet = list(book["data"].iter_rows(values_only=True))
    header = sheet[0]
    assert "شاگردان دختر" in header and "ولایت" in header
    provinces = {row[header.index("ولایت")] for row in sheet[1:]}
    assert provinces == {"کابل", "بلخ"}
    services = {row[header.index("خدمات")] for row in sheet[1:]}
    assert services == {"آب آشامیدنی برق"}


def test_exports_follow_who_may_see_the_form(check_matrix, submitted):
    url = reverse("collect:export_csv", args=["school_visit"])
    check_matrix(
        lambda c: c.get(url),
        {
            "anonymous": 302,
            "outsider": 404,
            "partner_viewer": 404,
            "*": 200,
        },
    )


def test_unknown_table_is_not_found(as_user, staff_user, submitted):
    url = reverse("collect:export_csv", args=["school_visit"])
    assert as_user(staff_user).get(url, {"table": "nope"}).status_code == 404


def test_large_excel_exports_run_as_a_task(
    as_user, staff_user, focal_point, submitted, monkeypatch, django_capture_on_commit_callbacks
):
    from coalition.collect import views
    from coalition.collect.models import ExportJob

    monkeypatch.setattr(views, "XLSX_LIMIT", 1)  # two submissions count as "large" here
    client = as_user(staff_user)
    with django_capture_on_commit_callbacks(execute=True):  # the worker runs the task
        response = client.get(
            reverse("collect:export_xlsx", args=["school_visit"]), {"labels": "1", "lang": "fa"}
        )
    job = ExportJob.objects.get()
    assert response["Location"] == reverse("collect:export_job", args=["school_visit", job.pk])
    assert (job.status, job.progress) == ("done", 100)
    page = client.get(response["Location"]).content.decode()
    assert "Ready to download" in page
    download = client.get(response["Location"], {"download": "1"})
    book = load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    assert book.sheetnames == ["data", "teacher"]
    assert "شاگردان دختر" in next(book["data"].iter_rows(values_only=True))
    # Every sheet has its rows: the task reads the submissions afresh for each one.
    assert book["data"].max_row == 1 + Submission.objects.count()
    teachers = sum(len(s.data.get("teacher") or []) for s in Submission.objects.all())
    assert teachers > 0 and book["teacher"].max_row == 1 + teachers
    # Only the person who asked may fetch it.
    assert as_user(focal_point).get(response["Location"]).status_code == 404
