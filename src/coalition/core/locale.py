"""Calendars and digits for the platform's locales.

Dari and Pashto readers in Afghanistan use the Solar Hijri calendar with the Afghan month
names (Hamal, Sawr, ...: not the Iranian Farvardin, ...) and Eastern Arabic-Indic digits.
English and Khmer use the Gregorian calendar; Babel supplies the Khmer month names.
"""

import datetime as dt

import jdatetime
from babel.dates import format_date as babel_format_date
from babel.numbers import format_decimal

SOLAR_HIJRI_LANGUAGES = {"fa", "ps"}

# Afghan Solar Hijri month names, in order from the spring equinox.
AFGHAN_MONTHS = {
    "fa": [
        "حمل",
        "ثور",
        "جوزا",
        "سرطان",
        "اسد",
        "سنبله",
        "میزان",
        "عقرب",
        "قوس",
        "جدی",
        "دلو",
        "حوت",
    ],
    "ps": [
        "وری",
        "غویی",
        "غبرگولی",
        "چنګاښ",
        "زمری",
        "وږی",
        "تله",
        "لړم",
        "لیندۍ",
        "مرغومی",
        "سلواغه",
        "کب",
    ],
}

EASTERN_ARABIC_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def base_language(language: str | None) -> str:
    return (language or "en").split("-")[0].lower()


def localise_digits(text: str, language: str | None) -> str:
    """Write the ASCII digits in `text` with the locale's own digits."""
    if base_language(language) in SOLAR_HIJRI_LANGUAGES:
        return text.translate(EASTERN_ARABIC_DIGITS)
    return text


def to_solar_hijri(day: dt.date) -> tuple[int, int, int]:
    j = jdatetime.date.fromgregorian(date=day)
    return j.year, j.month, j.day


def format_date(day: dt.date | dt.datetime | None, language: str | None) -> str:
    """A long, human date in the reader's calendar and digits: '۱ قوس ۱۴۰۵', '22 Nov 2026'."""
    if day is None:
        return ""
    if isinstance(day, dt.datetime):
        day = day.date()
    code = base_language(language)
    if code in SOLAR_HIJRI_LANGUAGES:
        year, month, dom = to_solar_hijri(day)
        return localise_digits(f"{dom} {AFGHAN_MONTHS[code][month - 1]} {year}", code)
    return babel_format_date(day, format="medium", locale=code if code == "km" else "en")


def format_number(
    value: int | float | None, language: str | None, decimals: int | None = None
) -> str:
    """A number in the reader's digits and separators; with `decimals`, always that many
    (figures of one table line up: 57.0, 57.9)."""
    if value is None:
        return ""
    code = base_language(language)
    pattern = None if decimals is None else "#,##0" + ("." + "0" * decimals if decimals else "")
    text = format_decimal(value, format=pattern, locale="km" if code == "km" else "en")
    if code in SOLAR_HIJRI_LANGUAGES:
        # Arabic thousands and decimal separators go with the Eastern Arabic-Indic digits.
        text = text.replace(",", "\u066c").replace(".", "\u066b")
    return localise_digits(text, code)
