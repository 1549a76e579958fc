from pathlib import Path

from coalition.indicators.catalogue import catalogue

DOC = Path(__file__).resolve().parents[4] / "docs" / "indicators.md"


def test_every_indicator_of_the_catalogue_is_documented():
    text = DOC.read_text(encoding="utf-8")
    for code in catalogue():
        assert f"| `{code}` |" in text, code


def test_every_indicator_has_its_name_in_the_four_languages():
    for indicator in catalogue().values():
        assert set(indicator.name) >= {"en", "fa", "ps", "km"}, indicator.code
        assert all(indicator.name[lang].strip() for lang in ("en", "fa", "ps", "km"))
