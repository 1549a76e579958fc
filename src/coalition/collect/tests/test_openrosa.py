"""The OpenRosa server, driven the way ODK Collect drives it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from coalition.accounts.models import AppToken
from coalition.collect import services
from coalition.collect.models import Submission, SubmissionVersion
from coalition.collect.tests.factories import xlsform_bytes
from coalition.collect.tests.odk_client import CollectClient, fill

pytestmark = pytest.mark.django_db

VALUES = {
    "school": "Malalai Girls School",
    "province": "AF-KAB",
    "girls": "312",
    "distance_km": "2.5",
    "services": "water electricity",
    "teacher/teacher_name": "Fahima",
}


def test_unauthenticated_requests_get_a_digest_challenge(school_visit):
    response = CollectClient().form_list()
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith('Digest realm="Coalition", qop="auth"')
    assert response["X-OpenRosa-Version"] == "1.0"


def test_form_list_and_download(school_visit, focal_point, device):
    client = device(focal_point)
    response = client.form_list()
    assert response.status_code == 200
    body = response.content.decode()
    assert "<formID>school_visit</formID>" in body
    assert "<version>2026110101</version>" in body
    assert f"<hash>md5:{school_visit.xform_md5}</hash>" in body
    download = client.request("GET", "/collect/forms/school_visit/form.xml")
    assert download.status_code == 200
    assert download.content.decode() == school_visit.xform


def test_form_list_shows_only_forms_the_user_may_fill(
    school_visit, focal_point, outsider, partner_viewer, other_org, device
):
    listed = services.publish_form(
        content=xlsform_bytes(
            [["type", "name", "label"], ["text", "a", "A"]],
            settings=[["form_id", "form_title"], ["listed_only", "Listed only"]],
        ),
        filename="listed.xlsx",
        actor=school_visit.created_by,
    )
    form = listed.form
    form.audience = "listed"
    form.save()
    form.allowed_organisations.set([other_org])
    assert "listed_only" not in device(focal_point).form_list().content.decode()
    for user in (outsider, partner_viewer):
        body = device(user).form_list().content.decode()
        assert "<formID>" not in body


def test_a_submission_arrives_typed_and_placed(school_visit, focal_point, org, device, kabul):
    xml = fill(school_visit.xform, VALUES)
    response = device(focal_point).submit(xml)
    assert response.status_code == 201
    assert b"submit_success" in response.content
    submission = Submission.objects.get()
    assert submission.state == "received"
    assert submission.organisation == org and submission.area == kabul
    assert submission.submitted_by == focal_point
    data = submission.data
    assert data["girls"] == 312 and data["distance_km"] == 2.5
    assert data["services"] == ["water", "electricity"]
    assert data["teacher"] == [{"teacher_name": "Fahima"}]
    assert bytes(submission.versions.get().xml) == xml  # byte-exact


def test_the_same_instance_twice_is_one_record(school_visit, focal_point, device):
    client = device(focal_point)
    xml = fill(school_visit.xform, VALUES)
    assert client.submit(xml).status_code == 201
    assert client.submit(xml).status_code == 202
    assert Submission.objects.count() == 1 and SubmissionVersion.objects.count() == 1


def test_a_different_document_with_a_used_instance_id_is_refused(school_visit, focal_point, device):
    client = device(focal_point)
    client.submit(fill(school_visit.xform, VALUES, instance_id="uuid:one"))
    response = client.submit(
        fill(school_visit.xform, {**VALUES, "girls": "1"}, instance_id="uuid:one")
    )
    assert response.status_code == 409
    assert Submission.objects.get().data["girls"] == 312


def test_an_edit_becomes_a_new_version_with_history(school_visit, focal_point, device):
    client = device(focal_point)
    client.submit(fill(school_visit.xform, VALUES, instance_id="uuid:first"))
    edited = fill(
        school_visit.xform,
        {**VALUES, "girls": "320"},
        instance_id="uuid:second",
        deprecated_id="uuid:first",
    )
    assert client.submit(edited).status_code == 201
    submission = Submission.objects.get()
    assert submission.instance_id == "uuid:second" and submission.data["girls"] == 320
    assert list(submission.versions.values_list("instance_id", flat=True)) == [
        "uuid:second",
        "uuid:first",
    ]


def test_split_submission_with_attachments(school_visit, focal_point, device):
    client = device(focal_point)
    xml = fill(school_visit.xform, VALUES)
    first = client.submit(xml, attachments=[("photo1.jpg", b"\xff\xd8one")], incomplete=True)
    assert first.status_code == 201
    assert Submission.objects.get().is_complete is False
    last = client.submit(xml, attachments=[("photo2.jpg", b"\xff\xd8two")])
    assert last.status_code == 201
    submission = Submission.objects.get()
    assert submission.is_complete
    names = sorted(submission.versions.get().attachments.values_list("name", flat=True))
    assert names == ["photo1.jpg", "photo2.jpg"]


@pytest.mark.parametrize(
    "xml, status",
    [
        (b"<data id='nosuchform'><meta><instanceID>uuid:x</instanceID></meta></data>", 404),
        (
            b"<data id='school_visit' version='999'><meta><instanceID>uuid:x</instanceID></meta>"
            b"</data>",
            400,
        ),
        (b"<data id='school_visit' version='2026110101'></data>", 400),  # no instanceID
        (b"<data id='school_visit'", 400),  # not well-formed
        (
            b"<?xml version='1.0'?><!DOCTYPE d [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
            b"<data id='school_visit' version='2026110101'><school>&x;</school>"
            b"<meta><instanceID>uuid:x</instanceID></meta></data>",
            400,
        ),  # XXE
        (
            b"<?xml version='1.0'?><!DOCTYPE l [<!ENTITY a 'aaaaaaaaaa'>"
            b"<!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'><!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;'>]>"
            b"<data id='school_visit' version='2026110101'><school>&c;</school>"
            b"<meta><instanceID>uuid:x</instanceID></meta></data>",
            400,
        ),  # billion laughs
    ],
)
def test_hostile_or_wrong_submissions_are_refused_and_nothing_is_saved(
    school_visit, focal_point, device, xml, status
):
    response = device(focal_point).submit(xml)
    assert response.status_code == status
    assert b"OpenRosaResponse" in response.content
    assert not Submission.objects.exists()


def test_closed_forms_accept_nothing(school_visit, focal_point, staff_user, device):
    services.set_form_open(form=school_visit.form, is_open=False, actor=staff_user)
    response = device(focal_point).submit(fill(school_visit.xform, VALUES))
    assert response.status_code == 403
    assert not Submission.objects.exists()


def test_outsiders_cannot_submit(school_visit, outsider, partner_viewer, reviewer, device):
    for user in (outsider, partner_viewer, reviewer):
        response = device(user).submit(fill(school_visit.xform, VALUES))
        assert response.status_code == 403, user
    assert not Submission.objects.exists()


def test_wrong_or_revoked_device_passwords_are_refused(school_visit, focal_point):
    assert CollectClient(focal_point.email, "wrong-token").form_list().status_code == 401
    from coalition.accounts.services import create_app_token, revoke_app_token

    token, secret = create_app_token(user=focal_point, name="Lost phone", actor=focal_point)
    revoke_app_token(app_token=token, actor=focal_point)
    assert CollectClient(focal_point.email, secret).form_list().status_code == 401
    # The login password is not a device password.
    assert CollectClient(focal_point.email, "correct horse battery").form_list().status_code == 401


def test_a_preflight_head_from_a_known_phone_needs_no_database(
    school_visit, focal_point, device, django_assert_num_queries
):
    from coalition.accounts.services import revoke_app_token

    phone = device(focal_point)
    assert phone.submit(fill(school_visit.xform, VALUES)).status_code == 201
    with django_assert_num_queries(0):
        assert phone.request("HEAD", "/collect/submission").status_code == 204
    # A removed device password stops submissions at once; only the harmless HEAD may
    # still answer 204 for up to a minute in a process that saw the phone recently.
    revoke_app_token(app_token=AppToken.objects.get(user=focal_point), actor=focal_point)
    before = Submission.objects.count()
    assert phone.submit(fill(school_visit.xform, VALUES)).status_code == 401
    assert Submission.objects.count() == before
    assert phone.request("GET", "/collect/formList").status_code == 401


def test_device_password_records_its_use(school_visit, focal_point, device):
    from datetime import timedelta

    phone = device(focal_point)
    phone.form_list()
    token = AppToken.objects.get(user=focal_point)
    first = token.last_used_at
    assert first <= timezone.now()
    phone.form_list()  # within the hour: no write
    assert AppToken.objects.get(pk=token.pk).last_used_at == first
    AppToken.objects.filter(pk=token.pk).update(last_used_at=first - timedelta(hours=2))
    phone.form_list()  # over an hour later: recorded again
    assert AppToken.objects.get(pk=token.pk).last_used_at > first


def test_basic_auth_is_refused_over_plain_http(school_visit, focal_point):
    import base64

    from coalition.accounts.services import create_app_token

    _token, secret = create_app_token(user=focal_point, name="Phone", actor=focal_point)
    credentials = base64.b64encode(f"{focal_point.email}:{secret}".encode()).decode()
    client = CollectClient()
    plain = client.client.get("/collect/formList", HTTP_AUTHORIZATION=f"Basic {credentials}")
    assert plain.status_code == 401
    secure = client.client.get(
        "/collect/formList", HTTP_AUTHORIZATION=f"Basic {credentials}", secure=True
    )
    assert secure.status_code == 200


def test_truncated_multipart_body_is_a_clear_error(school_visit, focal_point, device):
    client = device(focal_point)
    head = client.request("HEAD", "/collect/submission")
    assert head.status_code == 204
    assert head["X-OpenRosa-Accept-Content-Length"]
    body = (
        b'--BOUNDARY\r\nContent-Disposition: form-data; name="xml_submission_file"; '
        b'filename="s.xml"\r\nContent-Type: text/xml\r\n\r\n<data id='
    )
    first = client.client.post(
        "/collect/submission", data=body, content_type="multipart/form-data; boundary=BOUNDARY"
    )
    authorization = client._digest("POST", "/collect/submission", first["WWW-Authenticate"])
    response = client.client.post(
        "/collect/submission",
        data=body,
        content_type="multipart/form-data; boundary=BOUNDARY",
        HTTP_AUTHORIZATION=authorization,
    )
    assert response.status_code == 400
    assert not Submission.objects.exists()


def test_form_list_queries_do_not_grow_with_forms(
    school_visit, staff_user, focal_point, device, django_assert_max_num_queries
):
    client = device(focal_point)
    client.form_list()  # the Digest challenge
    for n in range(5):
        services.publish_form(
            content=xlsform_bytes(
                [["type", "name", "label"], ["text", "a", "A"]],
                settings=[["form_id", "form_title"], [f"f{n}", f"F{n}"]],
            ),
            filename=f"f{n}.xlsx",
            actor=staff_user,
        )
    with django_assert_max_num_queries(8):
        body = client.form_list().content.decode()
    assert body.count("<formID>") == 6


def test_a_submission_is_few_statements_and_all_or_nothing(school_visit, focal_point, org, device):
    """On PostgreSQL both rows go in with one statement, and a refused copy leaves no
    half-written submission behind."""
    client = device(focal_point)
    client.submit(fill(school_visit.xform, VALUES))  # the device's password is now known
    xml = fill(school_visit.xform, VALUES, instance_id="uuid:counted")
    with CaptureQueriesContext(connection) as queries:
        assert client.submit(xml).status_code == 201
    statements = [q["sql"] for q in queries.captured_queries]
    reads = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    writes = [s for s in statements if s.lstrip().upper().startswith(("INSERT", "WITH"))]
    assert len(reads) == 2  # the device's password with its roles; the form and version
    assert len(writes) == (1 if connection.vendor == "postgresql" else 2)
    stored = SubmissionVersion.objects.select_related("submission").get(instance_id="uuid:counted")
    assert stored.submission.instance_id == "uuid:counted"
    assert stored.submission.organisation == org  # the roles read with the password
    assert bytes(stored.xml) == xml

    before = (Submission.objects.count(), SubmissionVersion.objects.count())
    changed = fill(school_visit.xform, {**VALUES, "girls": "1"}, instance_id="uuid:counted")
    assert client.submit(changed).status_code == 409
    assert (Submission.objects.count(), SubmissionVersion.objects.count()) == before
