"""Four languages: complete catalogues, right-to-left Dari and Pashto with Solar Hijri
dates and local digits, Khmer text."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils import timezone

from coalition.core.locale import format_date
from coalition.core.management.commands.compile_translations import compile_catalogue

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")


def catalogue(language):
    with open(LOCALE_DIR / language / "LC_MESSAGES" / "django.po", "rb") as f:
        return read_po(f, locale=language)


@pytest.mark.parametrize("language", ["fa", "ps", "km"])
def test_every_string_is_translated_with_its_placeholders(language):
    problems = []
    for message in catalogue(language):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings) or message.fuzzy:
            problems.append(f"untranslated: {ids[0]!r}")
            continue
        wanted = sorted(PLACEHOLDER.findall(ids[-1]))
        for string in strings:
            if sorted(PLACEHOLDER.findall(string)) != wanted and not (
                # one-form plurals may drop the count, as "%(counter)s" in a plural id
                len(ids) > 1 and set(PLACEHOLDER.findall(string)) <= set(wanted)
            ):
                problems.append(f"placeholders differ: {ids[0]!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", ["fa", "ps", "km"])
def test_compiled_catalogues_are_up_to_date(language):
    po = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
    compiled = po.with_suffix(".mo").read_bytes()
    assert compiled == compile_catalogue(po), "run: coalition compile_translations"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fa", "ps"])
def test_dari_and_pashto_pages_are_right_to_left_with_solar_hijri_dates(client, language):
    page = client.get(f"/{language}/members/").content.decode()
    assert f'<html lang="{language}" dir="rtl">' in page
    today = format_date(timezone.localdate(), language)
    assert today in page
    assert re.search("[۰-۹]", today)
    assert not re.search(r"\b20\d\d\b", today)  # no Gregorian year


@pytest.mark.django_db
def test_khmer_pages_show_khmer(client):
    page = client.get("/km/members/").content.decode()
    assert '<html lang="km" dir="ltr">' in page
    title = re.search(r"<h1>(.*?)</h1>", page).group(1)
    assert re.fullmatch(r"[\u1780-\u17FF\u19E0-\u19FF\s]+", title), title


@pytest.mark.django_db
def test_english_pages_are_left_to_right(client):
    assert '<html lang="en" dir="ltr">' in client.get("/en/").content.decode()


@pytest.mark.django_db
def test_root_redirects_to_a_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fa")
    assert response.status_code == 302 and response["Location"] == "/fa/"


@pytest.mark.django_db
def test_language_switcher_keeps_the_page(client):
    page = client.get("/en/members/?q=kabul").content.decode()
    assert 'href="/km/members/?q=kabul"' in page
    assert 'href="/ps/members/?q=kabul"' in page


@pytest.mark.django_db
def test_django_form_errors_are_translated_for_pashto(client):
    page = client.post("/ps/network/apply/", {}).content.decode()
    assert "This field is required." not in page
