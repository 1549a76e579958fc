"""The public portal shows listed organisations only, never people, in every language."""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from coalition.network.tests.factories import ApplicationFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "portal:home",
    "portal:directory",
    "portal:sources",
    "network:apply",
    "portal:indicators",
    "portal:provinces",
    "portal:open_data",
]


@pytest.fixture
def mixed_network(org, hidden_org, partner_org, kabul, balkh):
    """Public and non-public organisations side by side."""
    return {
        "public": [org, partner_org],
        "hidden": [
            hidden_org,
            OrganisationFactory(
                name_en="Suspended Society", membership_status="suspended", areas=[kabul]
            ),
            OrganisationFactory(name_en="Lapsed League", membership_status="lapsed", areas=[balkh]),
            ApplicationFactory(
                organisation__name_en="Pending Pioneers", organisation__areas=[kabul]
            ).organisation,
        ],
    }


@pytest.mark.parametrize("name", PUBLIC_PAGES)
@pytest.mark.parametrize("language", ["en", "fa", "ps", "km"])
def test_public_pages_answer_in_every_language(client, name, language, mixed_network):
    response = client.get(reverse(name).replace("/en/", f"/{language}/", 1))
    assert response.status_code == 200
    assert f'lang="{language}"' in response.content.decode()


@pytest.mark.parametrize("user", ["anonymous", "staff", "admin", "focal_point"])
def test_directory_lists_only_public_organisations_whoever_asks(
    user, roles, as_user, mixed_network
):
    page = as_user(roles[user]).get(reverse("portal:directory")).content.decode()
    for org in mixed_network["public"]:
        assert org.name_en in page
    for org in mixed_network["hidden"]:
        assert org.name_en not in page


def test_no_personal_data_on_public_pages(client, mixed_network, org, hidden_org):
    urls = [reverse(name) for name in PUBLIC_PAGES] + [
        reverse("portal:organisation", args=[org.slug]),
        reverse("portal:directory") + "?q=Kabul",
    ]
    for url in urls:
        page = client.get(url).content.decode()
        for secret in (
            "Zarghuna Contact",
            "zarghuna@example.org",
            "Hidden Person",
            hidden_org.name_en,
        ):
            assert secret not in page, (url, secret)


def test_profiles_of_non_public_organisations_are_not_found(client, mixed_network):
    for org in mixed_network["hidden"]:
        url = reverse("portal:organisation", args=[org.slug])
        assert client.get(url).status_code == 404


def test_profile_shows_member_since_and_work(client, org, kabul):
    page = client.get(reverse("portal:organisation", args=[org.slug])).content.decode()
    assert org.name_en in page and kabul.name_en in page


def test_directory_filters(client, org, other_org, kabul, balkh, mixed_network):
    url = reverse("portal:directory")
    in_balkh = client.get(url, {"province": balkh.pk}).content.decode()
    assert other_org.name_en in in_balkh and org.name_en not in in_balkh
    by_name = client.get(url, {"q": "literacy"}).content.decode()
    assert org.name_en in by_name and other_org.name_en not in by_name
    partners = client.get(url, {"kind": "ministry"}).content.decode()
    assert "Ministry Liaison Unit" in partners and org.name_en not in partners


def test_bad_filter_values_are_ignored_not_errors(client, mixed_network):
    url = reverse("portal:directory")
    for params in (
        {"province": "abc"},
        {"province": "999999"},
        {"kind": "<script>"},
        {"page": "-1"},
        {"theme": "x" * 5000},
    ):
        assert client.get(url, params).status_code == 200


def map_value(page: str, code: str) -> str:
    match = re.search(rf'data-code="{code}" data-value="([^"]*)"', page)
    assert match, code
    return match.group(1)


def test_map_counts_public_members_per_province(client, mixed_network, org, other_org):
    page = client.get(reverse("portal:directory")).content.decode()
    # Kabul: the public member only (hidden, suspended and pending ones are not counted).
    assert map_value(page, "AF-KAB") == "1"
    assert map_value(page, "AF-BAL") == "1"
    assert map_value(page, "AF-HER") == "0"
    assert "<text" not in page  # labels are HTML, never SVG text


def test_htmx_request_gets_only_the_results(client, mixed_network):
    response = client.get(reverse("portal:directory"), HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="results"')
    assert "<html" not in page


def compressed_size(content: bytes) -> int:
    return len(gzip.compress(content, compresslevel=6))


@pytest.mark.parametrize("name", ["portal:home", "portal:directory"])
def test_public_pages_stay_light_on_first_load(client, name, org):
    """HTML + stylesheet + scripts + favicon, compressed, under ~100 KB (DESIGN §6)."""
    page = client.get(reverse(name)).content
    total = compressed_size(page)
    for asset in re.findall(rb'(?:href|src)="/static/([^"]+)"', page):
        path = finders.find(asset.decode())
        with open(path, "rb") as f:
            total += compressed_size(f.read())
    assert total < 100_000, total


def test_sources_page_carries_the_map_attribution(client):
    page = client.get(reverse("portal:sources")).content.decode()
    for required in (
        "geoBoundaries",
        "OpenStreetMap contributors",
        "ODbL",
        "iso3166-2",
        "Ministry of Economy and Finance",
    ):
        assert required in page
