"""The reference geography shipped in geo/data, loaded into Country and Area rows.

Used by a data migration (with historical models) and by the tests that check it, so the
file format is read in one place.
"""

import csv
import json
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

COUNTRIES = {
    "AF": {
        "iso3": "AFG",
        "name_en": "Afghanistan",
        "name_fa": "افغانستان",
        "name_ps": "افغانستان",
        "name_km": "អាហ្វហ្គានីស្ថាន",
        "languages": "fa,ps,en",
        "calendar": "solar_hijri",
        # UIS, national education system structure (ISCED 2011).
        "preprimary_entry_age": 3,
        "preprimary_duration": 4,
        "primary_entry_age": 7,
        "primary_duration": 6,
        "lower_secondary_duration": 3,
        "upper_secondary_duration": 3,
    },
    "KH": {
        "iso3": "KHM",
        "name_en": "Cambodia",
        "name_fa": "کامبوج",
        "name_ps": "کمبوډیا",
        "name_km": "កម្ពុជា",
        "languages": "km,en",
        "calendar": "gregorian",
        "preprimary_entry_age": 3,
        "preprimary_duration": 3,
        "primary_entry_age": 6,
        "primary_duration": 6,
        "lower_secondary_duration": 3,
        "upper_secondary_duration": 3,
    },
}


@cache
def province_features(country_code: str) -> tuple[dict, ...]:
    with open(DATA_DIR / f"{country_code}-provinces.geojson", encoding="utf-8") as f:
        return tuple(json.load(f)["features"])


def district_rows(country_code: str) -> list[dict]:
    path = DATA_DIR / f"{country_code}-districts.csv"
    if not path.exists():
        return []  # Afghanistan: no clean, authoritative district list yet.
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def load(Country, Area) -> None:
    """Create or update both countries, their provinces and districts. Idempotent."""
    for code, attrs in COUNTRIES.items():
        country, _ = Country.objects.update_or_create(code=code, defaults=attrs)
        national, _ = Area.objects.update_or_create(
            code=code,
            defaults={
                "country": country,
                "level": "country",
                "parent": None,
                **{k: attrs[k] for k in ("name_en", "name_fa", "name_ps", "name_km")},
            },
        )
        provinces = {}
        for feature in province_features(code):
            props = feature["properties"]
            provinces[props["code"]], _ = Area.objects.update_or_create(
                code=props["code"],
                defaults={
                    "country": country,
                    "level": "province",
                    "parent": national,
                    "name_en": props["name_en"],
                    "name_fa": props.get("name_fa", ""),
                    "name_ps": props.get("name_ps", ""),
                    "name_km": props.get("name_km", ""),
                },
            )
        for row in district_rows(code):
            Area.objects.update_or_create(
                # National district codes are only unique within a country.
                code=f"{code}-D{row['district_code']}",
                defaults={
                    "country": country,
                    "level": "district",
                    "parent": provinces[row["province_code"]],
                    "name_en": row["name_en"],
                    "name_km": row.get("name_km", ""),
                },
            )
