"""XLSForm conversion: the reference forms convert, match pyxform's expected XForms, and a
broken form says where it is broken."""

from pathlib import Path

import pytest
from lxml import etree

from coalition.collect.tests.factories import xlsform_bytes
from coalition.collect.xlsform import XF, XLSFormError, convert_xlsform

SHARED = Path(__file__).resolve().parents[5] / "shared" / "data" / "xlsforms"
needs_shared = pytest.mark.skipif(not SHARED.exists(), reason="../shared/data not present")
FORMS = sorted(p.name for p in SHARED.glob("*.xls*")) if SHARED.exists() else []
PAIRS = ["xlsform_spec_test", "widgets", "or_other", "repeat_date_test", "table-list"]


@needs_shared
@pytest.mark.parametrize("name", FORMS)
def test_every_reference_xlsform_converts(name):
    converted = convert_xlsform((SHARED / name).read_bytes(), name)
    root = etree.fromstring(converted.xform.encode())
    assert root.find(f".//{XF}model") is not None
    assert converted.form_id


def binds(xml: bytes) -> set[tuple]:
    root = etree.fromstring(xml)
    return {tuple(sorted(b.attrib.items())) for b in root.iter(f"{XF}bind")}


@needs_shared
@pytest.mark.parametrize("stem", PAIRS)
def test_conversion_matches_the_expected_xform(stem):
    source = next(SHARED.glob(f"{stem}.xls*"))
    converted = convert_xlsform(source.read_bytes(), source.name, root_name=stem)
    expected = (SHARED / f"{stem}.xml").read_bytes()
    assert binds(converted.xform.encode()) == binds(expected)


def test_settings_give_id_title_version_and_languages():
    content = xlsform_bytes(
        [
            ["type", "name", "label::English (en)", "label::Khmer (km)"],
            ["integer", "girls", "Girls", "ក្មេងស្រី"],
        ],
        settings=[["form_id", "form_title", "version"], ["census", "School census", "7"]],
    )
    converted = convert_xlsform(content, "whatever.xlsx")
    assert (converted.form_id, converted.title, converted.version) == (
        "census",
        "School census",
        "7",
    )
    assert set(converted.languages) == {"English (en)", "Khmer (km)"}


def test_form_without_settings_is_named_after_its_file():
    content = xlsform_bytes([["type", "name", "label"], ["text", "a", "A"]])
    assert convert_xlsform(content, "Quarterly report (v2).xlsx").form_id == "Quarterly_report__v2"


@pytest.mark.parametrize(
    "survey, sheet, row, column",
    [
        (
            [["type", "name", "label"], ["integer", "age", "Age"], ["bogus", "x", "X"]],
            "survey",
            3,
            "type",
        ),
        (
            [["type", "name", "label", "relevant"], ["integer", "age", "Age", "${nope} > 1"]],
            "survey",
            2,
            "relevant",
        ),
        (
            [["type", "name", "label"], ["integer", "age", "Age"], ["integer", "age", "Again"]],
            "survey",
            3,
            "name",
        ),
        ([["type", "name", "label"], ["text", "", "No name"]], "survey", 2, None),
    ],
)
def test_broken_forms_say_sheet_row_and_column(survey, sheet, row, column):
    with pytest.raises(XLSFormError) as caught:
        convert_xlsform(xlsform_bytes(survey), "broken.xlsx")
    error = caught.value
    assert (error.sheet, error.row, error.column) == (sheet, row, column)
    assert f"row {row}" in str(error)


@pytest.mark.parametrize(
    "content, name",
    [
        (b"", "empty.xlsx"),
        (b"not a spreadsheet at all", "fake.xlsx"),
        (b"\x00\x01\x02", "fake.xls"),
        (b"hello", "notes.txt"),
        (b"x" * (10 * 1024 * 1024 + 1), "huge.xlsx"),
    ],
)
def test_unreadable_uploads_get_a_clear_error(content, name):
    with pytest.raises(XLSFormError) as caught:
        convert_xlsform(content, name)
    assert str(caught.value)
