"""Web entry: the fill page, its submission endpoint, and a form's public link.

The browser itself (ODK Web Forms filling and sending) is tried in
tests/e2e/test_web_entry.py; here the server side of each door is checked."""

import io
import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from coalition.collect import services
from coalition.collect.models import Submission
from coalition.collect.tests.odk_client import fill
from coalition.collect.xlsform import with_default_language
from coalition.core.errors import DomainError, NotAllowed

pytestmark = pytest.mark.django_db

VALUES = {"school": "Shah Do Shamshira", "province": "AF-KAB", "girls": "40"}


def multipart(xml: bytes) -> dict:
    upload = io.BytesIO(xml)
    upload.name = "xml_submission_file"
    return {"xml_submission_file": upload}


def config_of(response) -> dict:
    match = re.search(
        rb'<script id="webform-config" type="application/json">(.*?)</script>',
        response.content,
        re.S,
    )
    return json.loads(match.group(1))


def make_public(form, actor):
    return services.update_form_settings(
        form=form, changes={"audience": "public_link"}, actor=actor
    )


# --- signed in ---------------------------------------------------------------------------


def test_who_may_open_the_fill_page(school_visit, check_matrix):
    url = reverse("collect:fill", args=["school_visit"])
    check_matrix(
        lambda client: client.get(url),
        # Forms to fill: the secretariat, and members of member organisations.
        {"anonymous": 302, "outsider": 404, "partner_viewer": 404, "reviewer": 404, "*": 200},
    )


def test_who_may_submit_from_the_browser(school_visit, check_matrix):
    url = reverse("collect:fill_submission", args=["school_visit"])
    check_matrix(
        lambda client: client.post(url, multipart(fill(school_visit.xform, VALUES))),
        {"anonymous": 302, "outsider": 404, "partner_viewer": 404, "reviewer": 404, "*": 201},
        snapshot=lambda: Submission.objects.count(),
    )


def test_the_page_carries_the_form_in_the_page_language(school_visit, as_user, focal_point):
    response = as_user(focal_point).get("/fa/forms/school_visit/fill/")
    assert response.status_code == 200
    config = config_of(response)
    assert 'lang="Dari (fa)" default="true()"' in config["formXml"]
    assert 'lang="English (en)" default' not in config["formXml"]
    assert config["submitUrl"] == "/fa/forms/school_visit/fill/submission"
    assert config["mediaUrl"] == "/fa/forms/school_visit/fill/media/"
    # The bundle is a module from this site; the config is data, not script.
    assert b'<script type="module" src="/static/collect/webform/webform.js">' in response.content


def test_only_the_fill_pages_relax_the_content_security_policy(school_visit, as_user, focal_point):
    client = as_user(focal_point)
    fill_policy = client.get("/en/forms/school_visit/fill/")["Content-Security-Policy"]
    assert "'wasm-unsafe-eval'" in fill_policy and "'unsafe-eval'" not in fill_policy
    other_policy = client.get("/en/forms/school_visit/")["Content-Security-Policy"]
    assert "wasm" not in other_policy and "unsafe-inline" not in other_policy


def test_a_browser_submission_is_stored_as_a_device_one(school_visit, as_user, focal_point, org):
    xml = fill(school_visit.xform, VALUES)
    response = as_user(focal_point).post("/en/forms/school_visit/fill/submission", multipart(xml))
    assert response.status_code == 201
    assert b"submit_success" in response.content
    assert response["X-OpenRosa-Version"] == "1.0"
    submission = Submission.objects.get()
    assert submission.submitted_by == focal_point and submission.organisation == org
    assert submission.data["girls"] == 40
    assert bytes(submission.versions.get().xml) == xml
    again = as_user(focal_point).post("/en/forms/school_visit/fill/submission", multipart(xml))
    assert again.status_code == 202 and Submission.objects.count() == 1


def test_the_browser_endpoint_needs_the_csrf_token(school_visit, focal_point):
    client = Client(enforce_csrf_checks=True)
    client.force_login(focal_point, backend="coalition.accounts.backends.EmailBackend")
    xml = fill(school_visit.xform, VALUES)
    response = client.post("/en/forms/school_visit/fill/submission", multipart(xml))
    assert response.status_code == 403
    assert not Submission.objects.exists()


def test_bad_browser_submissions_get_an_openrosa_error(school_visit, as_user, focal_point):
    client = as_user(focal_point)
    url = "/en/forms/school_visit/fill/submission"
    empty = client.post(url, {})
    assert empty.status_code == 400 and b"xml_submission_file" in empty.content
    hostile = client.post(url, multipart(b'<!DOCTYPE d [<!ENTITY e "x">]><data>&e;</data>'))
    assert hostile.status_code == 400
    assert not Submission.objects.exists()


def test_a_closed_form_has_no_fill_page(school_visit, as_user, staff_user, focal_point):
    services.set_form_open(form=school_visit.form, is_open=False, actor=staff_user)
    client = as_user(focal_point)
    assert client.get("/en/forms/school_visit/fill/").status_code == 404
    xml = fill(school_visit.xform, VALUES)
    assert client.post("/en/forms/school_visit/fill/submission", multipart(xml)).status_code == 404
    assert not Submission.objects.exists()


def test_media_is_served_to_those_who_may_fill(as_user, staff_user, focal_point, check_matrix):
    from coalition.collect.tests.test_media import SCHOOLS_CSV, with_csv

    services.publish_form(
        content=with_csv(),
        filename="schools.xlsx",
        actor=staff_user,
        media={"schools.csv": SCHOOLS_CSV, "map.png": b"\x89PNG...."},
    )
    url = reverse("collect:fill_media", args=["schools", "schools.csv"])
    check_matrix(
        lambda client: client.get(url),
        {"anonymous": 302, "outsider": 404, "partner_viewer": 404, "reviewer": 404, "*": 200},
    )
    response = as_user(focal_point).get(url)
    assert b"".join(response.streaming_content) == SCHOOLS_CSV
    assert as_user(focal_point).get(url + "x").status_code == 404


# --- public link -------------------------------------------------------------------------


def test_choosing_the_public_audience_makes_a_link(school_visit, staff_user):
    form = make_public(school_visit.form, staff_user)
    assert form.public_token and len(form.public_token) >= 32
    again = services.update_form_settings(form=form, changes={"is_open": True}, actor=staff_user)
    assert again.public_token == form.public_token  # saving other settings keeps the link
    closed = services.update_form_settings(
        form=form, changes={"audience": "all_members"}, actor=staff_user
    )
    assert closed.public_token is None


def test_members_may_fill_a_public_form_as_themselves(
    school_visit, staff_user, focal_point, device
):
    make_public(school_visit.form, staff_user)
    assert device(focal_point).submit(fill(school_visit.xform, VALUES)).status_code == 201
    assert Submission.objects.get().submitted_by == focal_point


def test_anyone_with_the_link_may_fill_and_submit(school_visit, staff_user):
    token = make_public(school_visit.form, staff_user).public_token
    client = Client()
    page = client.get(f"/en/f/{token}/")
    assert page.status_code == 200
    assert config_of(page)["submitUrl"] == f"/en/f/{token}/submission"
    response = client.post(f"/en/f/{token}/submission", multipart(fill(school_visit.xform, VALUES)))
    assert response.status_code == 201
    submission = Submission.objects.get()
    assert submission.submitted_by is None and submission.organisation is None
    assert submission.area.code == "AF-KAB"  # placed by its province question


def test_a_replaced_link_opens_and_accepts_nothing(school_visit, staff_user):
    form = make_public(school_visit.form, staff_user)
    old = form.public_token
    services.replace_public_link(form=form, actor=staff_user)
    assert form.public_token != old
    client = Client()
    assert client.get(f"/en/f/{old}/").status_code == 404
    xml = fill(school_visit.xform, VALUES)
    assert client.post(f"/en/f/{old}/submission", multipart(xml)).status_code == 404
    assert client.get(f"/en/f/{form.public_token}/").status_code == 200
    assert not Submission.objects.exists()


def test_a_link_opens_only_its_own_form(school_visit, staff_user):
    from coalition.collect.tests.factories import xlsform_bytes

    token = make_public(school_visit.form, staff_user).public_token
    other = services.publish_form(
        content=xlsform_bytes(
            [["type", "name", "label"], ["text", "note", "Note"]],
            settings=[["form_id", "version"], ["private_form", "1"]],
        ),
        filename="private.xlsx",
        actor=staff_user,
    )
    response = Client().post(
        f"/en/f/{token}/submission", multipart(fill(other.xform, {"note": "sneaky"}))
    )
    assert response.status_code == 403
    assert not Submission.objects.exists()


def test_only_form_managers_may_replace_the_link(school_visit, staff_user, check_matrix):
    form = make_public(school_visit.form, staff_user)
    url = reverse("collect:replace_public_link", args=["school_visit"])

    def token():
        form.refresh_from_db()
        return form.public_token

    # Members may fill a public form and reviewers review it; neither manages it.
    check_matrix(
        lambda client: client.post(url),
        {
            "anonymous": 302, "outsider": 404, "partner_viewer": 404,
            "staff": 302, "admin": 302, "*": 403,
        },
        snapshot=token,
    )  # fmt: skip


def test_a_form_without_a_public_audience_has_no_link_to_replace(school_visit, staff_user):
    with pytest.raises(DomainError):
        services.replace_public_link(form=school_visit.form, actor=staff_user)
    assert school_visit.form.public_token is None


def test_replacing_needs_the_right_to_change_the_form(school_visit, staff_user, focal_point):
    form = make_public(school_visit.form, staff_user)
    with pytest.raises(NotAllowed):
        services.replace_public_link(form=form, actor=focal_point)


def test_the_form_page_shows_the_public_link(school_visit, as_user, staff_user):
    token = make_public(school_visit.form, staff_user).public_token
    page = as_user(staff_user).get("/en/forms/school_visit/")
    assert f"http://testserver/en/f/{token}/".encode() in page.content


# --- the XForm in the page's language ----------------------------------------------------


def test_default_language_moves_only_when_the_form_has_it(school_visit):
    xform = school_visit.xform
    dari = with_default_language(xform, "fa")
    assert 'lang="Dari (fa)" default="true()"' in dari
    assert dari.count('default="true()"') == 1
    assert with_default_language(xform, "km") == xform  # no Khmer labels: unchanged


def test_the_form_list_offers_the_browser_only_to_those_who_may_fill(
    school_visit, as_user, focal_point, reviewer
):
    link = b'href="/en/forms/school_visit/fill/"'
    assert link in as_user(focal_point).get("/en/forms/").content
    reviewer_page = as_user(reviewer).get("/en/forms/").content
    assert b"School visit" in reviewer_page and link not in reviewer_page


def test_a_public_forms_media_follow_its_link(staff_user):
    from coalition.collect.tests.test_media import SCHOOLS_CSV, with_csv

    version = services.publish_form(
        content=with_csv(),
        filename="schools.xlsx",
        actor=staff_user,
        media={"schools.csv": SCHOOLS_CSV, "map.png": b"\x89PNG...."},
    )
    form = make_public(version.form, staff_user)
    old = form.public_token
    response = Client().get(f"/en/f/{old}/media/schools.csv")
    assert b"".join(response.streaming_content) == SCHOOLS_CSV
    services.replace_public_link(form=form, actor=staff_user)
    assert Client().get(f"/en/f/{old}/media/schools.csv").status_code == 404
    assert Client().get(f"/en/f/{form.public_token}/media/schools.csv").status_code == 200
