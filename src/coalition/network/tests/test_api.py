import json

import pytest

from coalition.network.api.serializers import PublicOrganisationSerializer

pytestmark = pytest.mark.django_db

LIST = "/api/v1/organisations/"


def slugs(response):
    return {row["slug"] for row in response.json()["results"]}


def test_anonymous_callers_get_public_fields_of_public_organisations(
    client, org, hidden_org, partner_org
):
    response = client.get(LIST)
    assert response.status_code == 200
    assert slugs(response) == {org.slug, partner_org.slug}
    row = next(r for r in response.json()["results"] if r["slug"] == org.slug)
    assert set(row) == set(PublicOrganisationSerializer.Meta.fields)
    assert row["areas"] == ["AF-KAB"]
    body = response.content.decode()
    for secret in ("listed_publicly", "membership_status", "zarghuna", "Hidden Person"):
        assert secret not in body


def test_hidden_organisation_detail_is_not_found_for_outsiders(roles, as_user, hidden_org):
    url = f"{LIST}{hidden_org.slug}/"
    expected = {
        "anonymous": 404,
        "outsider": 404,
        "other_focal_point": 404,
        "partner_viewer": 404,
        "focal_point": 404,
        "editor": 404,
        "reviewer": 200,
        "staff": 200,
        "admin": 200,
    }
    for name, user in roles.items():
        assert as_user(user).get(url).status_code == expected[name], name


def test_secretariat_lists_everything_with_internal_fields(as_user, staff_user, org, hidden_org):
    response = as_user(staff_user).get(LIST)
    assert {org.slug, hidden_org.slug} <= slugs(response)
    row = next(r for r in response.json()["results"] if r["slug"] == hidden_org.slug)
    assert row["listed_publicly"] is False and row["membership_status"] == "active"
    assert "people" not in row and "zarghuna" not in response.content.decode()


def test_focal_point_reads_own_internal_fields_but_others_public(
    as_user, focal_point, org, other_org
):
    own = as_user(focal_point).get(f"{LIST}{org.slug}/").json()
    assert own["membership_status"] == "active"
    other = as_user(focal_point).get(f"{LIST}{other_org.slug}/").json()
    assert "membership_status" not in other


def test_filters(client, org, other_org, partner_org):
    assert slugs(client.get(LIST, {"province": "AF-BAL"})) == {other_org.slug}
    assert slugs(client.get(LIST, {"relationship": "partner"})) == {partner_org.slug}
    bad = client.get(LIST, {"kind": "spaceship"})
    assert bad.status_code == 400 and "kind" in bad.json()


def test_api_is_read_only(as_user, admin_user, org):
    client = as_user(admin_user)
    response = client.patch(
        f"{LIST}{org.slug}/", data=json.dumps({"name_en": "X"}), content_type="application/json"
    )
    assert response.status_code in (403, 405)
    org.refresh_from_db()
    assert org.name_en == "Kabul Literacy Circle"


def test_areas(client):
    provinces = client.get(
        "/api/v1/areas/", {"country": "KH", "level": "province", "limit": 100}
    ).json()
    assert provinces["count"] == 25
    kabul = client.get("/api/v1/areas/AF-KAB/").json()
    assert kabul == {
        "code": "AF-KAB",
        "level": "province",
        "country": "AF",
        "parent": "AF",
        "name_en": "Kabul",
        "name_fa": "کابل",
        "name_ps": "کابل",
        "name_km": "",
    }
    districts = client.get("/api/v1/areas/", {"parent": "KH-12", "limit": 100}).json()
    assert districts["count"] == 14


def test_openapi_schema_and_docs(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    paths = json.loads(schema.content)["paths"]
    assert "/api/v1/organisations/" in paths and "/api/v1/areas/{code}/" in paths
    docs = client.get("/api/docs/")
    assert docs.status_code == 200 and b"swagger" in docs.content.lower()
