"""Whatever a visitor sends, they get a clear answer, never a 500, and nothing half-saved."""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coalition.network.models import Organisation, Person

pytestmark = pytest.mark.django_db

APPLY = "/en/network/apply/"


def valid_application(kabul, **overrides):
    data = {
        "name_en": "Valid Org",
        "kind": "national_ngo",
        "headquarters": kabul.pk,
        "areas": [kabul.pk],
        "listed_publicly": "on",
        "contact_name": "A Person",
        "contact_email": "a@example.org",
        "motivation": "Because.",
        "consent": "on",
    }
    data.update(overrides)
    return data


def test_valid_application_is_saved(client, kabul):
    response = client.post(APPLY, valid_application(kabul))
    assert response.status_code == 302
    assert Organisation.objects.filter(name_en="Valid Org", membership_status="applicant").exists()


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"name_en": ""}, "name_en"),
        ({"kind": "ministry"}, "kind"),  # partners do not apply
        ({"kind": "<script>"}, "kind"),
        ({"contact_email": "not-an-email"}, "contact_email"),
        ({"motivation": "x" * 3001}, "motivation"),
        ({"name_en": "x" * 201}, "name_en"),
        ({"areas": ["abc"]}, "areas"),
        ({"areas": ["99999999"]}, "areas"),
        ({"headquarters": "0"}, "headquarters"),
        ({"consent": ""}, "consent"),
        ({"website": "javascript:alert(1)"}, "website"),
    ],
)
def test_bad_application_says_what_is_wrong_and_saves_nothing(client, kabul, overrides, field):
    response = client.post(APPLY, valid_application(kabul, **overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Organisation.objects.exists()
    assert not Person.objects.exists()


def test_oversized_body_is_refused(client, kabul):
    response = client.post(APPLY, valid_application(kabul, motivation="x" * 3_000_000))
    assert response.status_code == 400
    assert not Organisation.objects.exists()


def test_post_without_csrf_token_is_refused(kabul):
    client = Client(enforce_csrf_checks=True)
    response = client.post(APPLY, valid_application(kabul))
    assert response.status_code == 403
    assert not Organisation.objects.exists()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "name_en",
                "kind",
                "areas",
                "themes",
                "headquarters",
                "contact_email",
                "motivation",
                "consent",
                "q",
                "province",
                "page",
                "website",
            ]
        ),
        st.text(max_size=300),
    )
)
def test_arbitrary_form_data_never_breaks_a_page(client, data):
    for url in (APPLY, reverse("portal:directory")):
        assert (
            client.post(url, data).status_code < 500
            if url == APPLY
            else client.get(url, data).status_code < 500
        )


def test_security_headers(client):
    response = client.get("/en/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_unknown_pages_answer_404_in_the_site_frame(client):
    response = client.get("/fa/members/no-such-organisation/")
    assert response.status_code == 404
    assert 'dir="rtl"' in response.content.decode()
