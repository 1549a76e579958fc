"""Permission matrix of the forms pages, and what they show."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coalition.collect.models import Form, FormVersion, Submission
from coalition.collect.tests.factories import MANAGE_FORM, SCHOOL_VISIT, xlsform_bytes
from coalition.collect.tests.odk_client import fill
from coalition.collect.tests.test_openrosa import VALUES

pytestmark = pytest.mark.django_db
LOGIN = 302


def school_visit_file(version="2026110102"):
    settings = [["form_id", "form_title", "version"], ["school_visit", "School visit", version]]
    return SimpleUploadedFile(
        "school_visit.xlsx",
        xlsform_bytes(SCHOOL_VISIT["survey"], SCHOOL_VISIT["choices"], settings),
    )


def test_form_list(check_matrix, school_visit):
    url = reverse("collect:forms")
    check_matrix(lambda c: c.get(url), {"anonymous": LOGIN, "*": 200})


def test_upload_page(check_matrix):
    url = reverse("collect:upload")
    check_matrix(
        lambda c: c.get(url),
        {
            "anonymous": LOGIN,
            "staff": 200,
            "admin": 200,
            "focal_point": 200,
            "other_focal_point": 200,
            "*": 403,
        },
    )


def test_publishing_a_new_version(check_matrix, school_visit):
    url = reverse("collect:upload")

    def snapshot():
        return FormVersion.objects.count()

    check_matrix(
        lambda c: c.post(url, {"file": school_visit_file()}),
        {
            "anonymous": LOGIN,
            "outsider": 403,
            "partner_viewer": 403,
            "reviewer": 403,
            "editor": 403,
            # Focal points publish only for their own organisation: this coalition form is not.
            "focal_point": 200,
            "other_focal_point": 200,
            "staff": 302,
            "admin": 200,  # staff published 2026110102 first: the same version is refused
        },
        snapshot,
    )
    assert snapshot() == 2


def test_focal_point_publishes_for_own_organisation(as_user, focal_point, org):
    content = xlsform_bytes(
        [["type", "name", "label"], ["integer", "n", "Children"]],
        settings=[["form_id", "form_title"], ["kids", "Kids"]],
    )
    response = as_user(focal_point).post(
        reverse("collect:upload"),
        {"file": SimpleUploadedFile("kids.xlsx", content), "owner": org.pk},
    )
    assert response.status_code == 302
    assert Form.objects.get(form_id="kids").owner == org


def test_focal_point_cannot_publish_for_another_organisation(as_user, focal_point, other_org):
    content = xlsform_bytes([["type", "name", "label"], ["integer", "n", "N"]])
    response = as_user(focal_point).post(
        reverse("collect:upload"),
        {"file": SimpleUploadedFile("x.xlsx", content), "owner": other_org.pk},
    )
    assert response.status_code == 200 and "owner" in response.context["form"].errors
    assert not Form.objects.exists()


def test_broken_xlsform_says_where_and_saves_nothing(as_user, staff_user):
    content = xlsform_bytes(
        [["type", "name", "label"], ["integer", "a", "A"], ["integr", "b", "B"]]
    )
    response = as_user(staff_user).post(
        reverse("collect:upload"), {"file": SimpleUploadedFile("broken.xlsx", content)}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "row 3" in page and "type" in page
    assert not Form.objects.exists()


def test_form_page(check_matrix, school_visit):
    url = reverse("collect:form", args=["school_visit"])
    check_matrix(
        lambda c: c.get(url),
        {
            "anonymous": LOGIN,
            "outsider": 404,
            "partner_viewer": 404,
            "*": 200,
        },
    )


def test_form_settings(check_matrix, school_visit):
    url = reverse("collect:form", args=["school_visit"])

    def snapshot():
        return Form.objects.get().is_open

    check_matrix(
        lambda c: c.post(url, {"audience": "all_members"}),
        MANAGE_FORM,
        snapshot,
    )
    assert snapshot() is False


def test_downloads(as_user, staff_user, school_visit):
    client = as_user(staff_user)
    base = f"/en/forms/school_visit/versions/{school_visit.pk}"
    assert client.get(f"{base}/xml/").content.decode() == school_visit.xform
    assert client.get(f"{base}/xlsform/").content[:2] == b"PK"
    assert client.get(f"{base}/pdf/").status_code == 404


def test_submissions_are_seen_within_scope(
    as_user, school_visit, focal_point, other_focal_point, reviewer, staff_user, device
):
    device(focal_point).submit(fill(school_visit.xform, VALUES))  # Kabul, org
    device(other_focal_point).submit(
        fill(school_visit.xform, {**VALUES, "province": "AF-BAL", "school": "Balkh School"})
    )
    assert Submission.objects.count() == 2
    url = reverse("collect:submissions", args=["school_visit"])

    def seen(user):
        return {s.area.code for s in as_user(user).get(url).context["page"]}

    assert seen(staff_user) == {"AF-KAB", "AF-BAL"}
    assert seen(focal_point) == {"AF-KAB"}
    assert seen(other_focal_point) == {"AF-BAL"}
    assert seen(reviewer) == {"AF-KAB"}  # Kabul only


def test_device_passwords_page(as_user, focal_point, outsider):
    client = as_user(focal_point)
    response = client.post(reverse("accounts:devices"), {"name": "Herat tablet"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    secret = response.context["created"]["secret"]
    assert secret in response.content.decode()
    token = response.context["created"]["token"]
    assert secret not in client.get(reverse("accounts:devices")).content.decode()
    # Nobody else can revoke it.
    other = as_user(outsider).post(reverse("accounts:revoke_device", args=[token.pk]))
    assert other.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    client.post(reverse("accounts:revoke_device", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None
