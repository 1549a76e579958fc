import csv
import io

from openpyxl import load_workbook

from coalition.core.spreadsheets import neutralise, to_csv, to_xlsx

HOSTILE = ['=HYPERLINK("http://evil")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


def test_formulas_are_neutralised():
    for value in HOSTILE:
        assert neutralise(value) == "'" + value
    assert neutralise("Kabul") == "Kabul"
    assert neutralise(-5) == -5  # numbers stay numbers


def test_csv_keeps_unicode_and_neutralises():
    content = to_csv(["name"], [["=cmd"], ["کابل"]]).decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff"))))
    assert rows == [["name"], ["'=cmd"], ["کابل"]]


def test_xlsx_cells_hold_no_formula():
    workbook = load_workbook(io.BytesIO(to_xlsx(["a"], [[v] for v in HOSTILE], title="T")))
    values = [row[0] for row in workbook["T"].iter_rows(min_row=2, values_only=True)]
    # Some XML writers turn a lone carriage return into a line feed; the apostrophe is
    # what matters.
    for value, hostile in zip(values, HOSTILE, strict=True):
        assert value in ("'" + hostile, "'" + hostile.replace("\r", "\n"))
    assert all(cell.data_type == "s" for cell in workbook["T"]["A"])
