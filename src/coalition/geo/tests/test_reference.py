"""The shipped geography: 34 Afghan and 25 Cambodian provinces with ISO 3166-2 codes and
local names, checked against the reference files in ../shared/data/geo when present."""

import csv
import json
from pathlib import Path

import pytest

from coalition.geo.models import Area, Country
from coalition.geo.reference import DATA_DIR

pytestmark = pytest.mark.django_db

SHARED_GEO = Path(__file__).resolve().parents[5] / "shared" / "data" / "geo"

AF_CODES = {
    "AF-BAL",
    "AF-BAM",
    "AF-BDG",
    "AF-BDS",
    "AF-BGL",
    "AF-DAY",
    "AF-FRA",
    "AF-FYB",
    "AF-GHA",
    "AF-GHO",
    "AF-HEL",
    "AF-HER",
    "AF-JOW",
    "AF-KAB",
    "AF-KAN",
    "AF-KAP",
    "AF-KDZ",
    "AF-KHO",
    "AF-KNR",
    "AF-LAG",
    "AF-LOG",
    "AF-NAN",
    "AF-NIM",
    "AF-NUR",
    "AF-PAN",
    "AF-PAR",
    "AF-PIA",
    "AF-PKA",
    "AF-SAM",
    "AF-SAR",
    "AF-TAK",
    "AF-URU",
    "AF-WAR",
    "AF-ZAB",
}
KH_CODES = {f"KH-{n}" for n in range(1, 26)}


def test_afghan_provinces():
    provinces = Area.objects.filter(country__code="AF", level="province")
    assert set(provinces.values_list("code", flat=True)) == AF_CODES
    for province in provinces:
        assert province.name_fa and province.name_ps, province.code
        assert province.parent.code == "AF"
    kandahar = provinces.get(code="AF-KAN")
    assert (kandahar.name_en, kandahar.name_fa, kandahar.name_ps) == (
        "Kandahar",
        "قندهار",
        "کندهار",
    )


def test_cambodian_provinces_and_districts():
    provinces = Area.objects.filter(country__code="KH", level="province")
    assert set(provinces.values_list("code", flat=True)) == KH_CODES
    assert provinces.get(code="KH-12").name_km == "រាជធានីភ្នំពេញ"
    assert all(p.name_km for p in provinces)
    districts = Area.objects.filter(country__code="KH", level="district")
    assert districts.count() == 210
    assert districts.get(code="KH-D0102").parent.code == "KH-1"


@pytest.mark.skipif(not SHARED_GEO.exists(), reason="reference data not beside the checkout")
@pytest.mark.parametrize(
    "name", ["AF-provinces.geojson", "KH-provinces.geojson", "KH-districts.csv"]
)
def test_shipped_files_are_the_reference_files(name):
    assert (DATA_DIR / name).read_bytes() == (SHARED_GEO / name).read_bytes()


@pytest.mark.skipif(not SHARED_GEO.exists(), reason="reference data not beside the checkout")
def test_every_reference_name_is_loaded():
    for country, languages in (("AF", ["en", "fa", "ps"]), ("KH", ["en", "km"])):
        features = json.loads((SHARED_GEO / f"{country}-provinces.geojson").read_text())
        for feature in features["features"]:
            props = feature["properties"]
            area = Area.objects.get(code=props["code"])
            for language in languages:
                assert getattr(area, f"name_{language}") == props[f"name_{language}"]
    with open(SHARED_GEO / "KH-districts.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            assert Area.objects.get(code=f"KH-D{row['district_code']}").name_km == row["name_km"]


def test_countries_carry_the_school_system():
    af, kh = Country.objects.get(code="AF"), Country.objects.get(code="KH")
    assert af.calendar == "solar_hijri" and kh.calendar == "gregorian"
    assert af.official_ages()["primary"] == range(7, 13)
    assert af.official_ages()["lower_secondary"] == range(13, 16)
    assert kh.official_ages()["primary"] == range(6, 12)
    assert kh.official_ages()["upper_secondary"] == range(15, 18)
    assert af.language_codes == ["fa", "ps", "en"]


def test_loading_again_changes_nothing():
    from coalition.geo.reference import load

    before = Area.objects.count()
    load(Country, Area)
    assert Area.objects.count() == before


def test_names_follow_the_reader_language():
    from django.utils import translation

    kabul = Area.objects.get(code="AF-KAB")
    with translation.override("fa"):
        assert kabul.name == "کابل"
    with translation.override("km"):
        assert kabul.name == "Kabul"  # no Khmer name: falls back to English
