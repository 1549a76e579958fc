import re
from pathlib import Path

from coalition.indicators.catalogue import catalogue

DOC = Path(__file__).resolve().parents[4] / "docs" / "indicators.md"


def test_every_indicator_of_the_catalogue_is_documented():
    text = DOC.read_text(encoding="utf-8")
    for code in catalogue():
        assert f"| `{code}` |" in text, code


def test_every_indicator_has_its_name_and_description_in_the_four_languages():
    for indicator in catalogue().values():
        for text in (indicator.name, indicator.description):
            assert set(text) >= {"en", "fa", "ps", "km"}, indicator.code
            assert all(text[lang].strip() for lang in ("en", "fa", "ps", "km")), indicator.code
            assert "{" not in "".join(text.values()), indicator.code  # no template left


def test_descriptions_keep_the_numbers_of_the_definition():
    """Translations written from templates must not lose a definition's numbers: each
    number in the English text is in every translation, in that script's digits."""
    digits = {"fa": "۰۱۲۳۴۵۶۷۸۹", "ps": "۰۱۲۳۴۵۶۷۸۹", "km": "០១២៣៤៥៦៧៨៩"}
    for indicator in catalogue().values():
        english = indicator.description["en"]
        numbers = re.findall(r"\d+", english)
        for lang, local in digits.items():
            text = indicator.description[lang].translate(str.maketrans(local, "0123456789"))
            for number in numbers:
                assert number in text, (indicator.code, lang, number)
