"""Importing files into canonical kinds: every format, mappings, and a clear report of
every problem without writing anything."""

import pandas
import pyreadstat
import pytest
from openpyxl import Workbook

from coalition.warehouse.adapter import read_parquet
from coalition.warehouse.importing import ImportFileError, import_file
from coalition.warehouse.kinds import HOUSEHOLD_PERSONS, POPULATION

HEADER = "hhweight,age,hl4,area,wg1,wg2\n"
GOOD = HEADER + "120.5,7,1,AF-KAB,1,1\n80,12,2,AF-BAL,3,1\n95.25,30,2,,1,4\n"
MAPPING = {
    "weight": "hhweight",
    "sex": {"column": "hl4", "values": {"1": "M", "2": "F"}},
    "province": "area",
    "wg_seeing": "wg1",
    "wg_hearing": "wg2",
    "location": {"value": "RUR"},
}


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_a_clean_csv_becomes_typed_canonical_parquet(tmp_path):
    target = tmp_path / "out.parquet"
    outcome = import_file(write(tmp_path, "s.csv", GOOD), HOUSEHOLD_PERSONS, MAPPING, target)
    assert outcome.problems == [] and outcome.rows == 3
    assert len(outcome.source_sha256) == 64
    rows = read_parquet(
        target,
        "SELECT weight, age, sex, province, location, disability FROM dataset",
    )
    assert rows == [
        (120.5, 7, "M", "AF-KAB", "RUR", "ABL"),
        (80.0, 12, "F", "AF-BAL", "RUR", "DIS"),  # "a lot of difficulty" seeing
        (95.25, 30, "F", None, "RUR", "DIS"),  # cannot hear at all
    ]
    columns = read_parquet(target, "DESCRIBE SELECT * FROM dataset")
    types = {name: kind for name, kind, *_ in columns}
    assert types["age"] == "BIGINT" and types["weight"] == "DOUBLE"
    assert [name for name, *_ in columns] == [c.name for c in HOUSEHOLD_PERSONS.columns]


def test_every_problem_is_reported_with_its_rows_and_nothing_is_written(tmp_path):
    bad = HEADER + "120,seven,1,AF-KAB,1,1\n-3,12,9,AF-BAL,1,1\n,130,2,,1,5\n"
    target = tmp_path / "out.parquet"
    outcome = import_file(write(tmp_path, "s.csv", bad), HOUSEHOLD_PERSONS, MAPPING, target)
    found = {(p.column, p.message): (p.count, p.rows) for p in outcome.problems}
    assert found[("age", "not a whole number")] == (1, [1])
    assert found[("age", "above 120")] == (1, [3])
    assert found[("weight", "below 0")] == (1, [2])
    assert found[("weight", "empty, but required")] == (1, [3])
    assert found[("sex", "not one of F, M")] == (1, [2])  # code 9 has no mapping
    assert found[("wg_hearing", "above 4")] == (1, [3])
    assert not target.exists()


def test_a_missing_column_and_a_missing_required_mapping(tmp_path):
    outcome = import_file(
        write(tmp_path, "s.csv", GOOD),
        HOUSEHOLD_PERSONS,
        {**MAPPING, "weight": "wt"},
        tmp_path / "out.parquet",
    )
    assert [(p.column, p.message) for p in outcome.problems] == [
        ("weight", "The file has no column “wt”.")
    ]
    no_sex = {k: v for k, v in MAPPING.items() if k != "sex"}
    outcome = import_file(
        write(tmp_path, "s.csv", GOOD), HOUSEHOLD_PERSONS, no_sex, tmp_path / "o.parquet"
    )
    assert ("sex", "empty, but required") in [(p.column, p.message) for p in outcome.problems]


def test_columns_named_like_the_canonical_ones_need_no_mapping(tmp_path):
    text = "Area,Year,Age,Sex,Population\nAF-KAB,2025,6,F,51234.5\nAF-KAB,2025,6,M,52001\n"
    target = tmp_path / "out.parquet"
    outcome = import_file(write(tmp_path, "p.csv", text), POPULATION, {}, target)
    assert outcome.problems == []
    assert read_parquet(target, "SELECT SUM(population) FROM dataset") == [(103235.5,)]


def test_a_csv_that_is_not_utf8_gets_a_clear_error(tmp_path):
    text = "area,year,age,sex,population\nHérat,2025,6,F,1\n"
    with pytest.raises(ImportFileError, match="not UTF-8"):
        import_file(
            write(tmp_path, "p.csv", text, "latin-1"), POPULATION, {}, tmp_path / "o.parquet"
        )


def test_unknown_formats_and_empty_files(tmp_path):
    with pytest.raises(ImportFileError, match="one of these kinds"):
        import_file(write(tmp_path, "p.txt", "x"), POPULATION, {}, tmp_path / "o.parquet")
    outcome = import_file(
        write(tmp_path, "p.csv", "area,year,age,sex,population\n"),
        POPULATION,
        {},
        tmp_path / "o.parquet",
    )
    assert [p.message for p in outcome.problems] == ["The file has no rows of data."]


def frame():
    return pandas.DataFrame(
        {
            "hhweight": [120.5, 80.0, 95.25],
            "age": [7.0, 12.0, 30.0],
            "hl4": [1.0, 2.0, 2.0],
            "area": ["AF-KAB", "AF-BAL", ""],
            "wg1": [1.0, 3.0, 1.0],
            "wg2": [1.0, 1.0, 4.0],
        }
    )


@pytest.mark.parametrize("suffix", [".dta", ".sav", ".xlsx", ".parquet"])
def test_stata_spss_excel_and_parquet_files_give_the_same_dataset(tmp_path, suffix):
    source = tmp_path / f"survey{suffix}"
    if suffix == ".dta":
        pyreadstat.write_dta(frame(), source)
    elif suffix == ".sav":
        pyreadstat.write_sav(frame(), source)
    elif suffix == ".xlsx":
        book = Workbook()
        sheet = book.active
        sheet.append(list(frame().columns))
        for row in frame().itertuples(index=False):
            sheet.append(list(row))
        book.save(source)
    else:
        from coalition.warehouse.adapter import write_parquet

        columns = [(c, "decimal") for c in frame().columns if c != "area"] + [("area", "text")]
        write_parquet(source, columns, frame().to_dict("records"))
    target = tmp_path / "out.parquet"
    outcome = import_file(source, HOUSEHOLD_PERSONS, MAPPING, target)
    assert outcome.problems == []
    assert read_parquet(target, "SELECT weight, age, sex, disability FROM dataset") == [
        (120.5, 7, "M", "ABL"),
        (80.0, 12, "F", "DIS"),
        (95.25, 30, "F", "DIS"),
    ]


def test_a_corrupt_statistics_file_gets_a_clear_error(tmp_path):
    with pytest.raises(ImportFileError, match="Stata"):
        import_file(write(tmp_path, "s.dta", "not stata"), POPULATION, {}, tmp_path / "o.pq")


def test_a_column_empty_in_the_first_chunk_still_takes_text_later(tmp_path, monkeypatch):
    from coalition.warehouse import importing

    monkeypatch.setattr(importing, "CHUNK_ROWS", 2)
    book = Workbook()
    sheet = book.active
    sheet.append(["area", "year", "age", "sex", "population", "note"])
    sheet.append(["AF-KAB", 2025, 6, "F", 10, None])
    sheet.append(["AF-KAB", 2025, 6, "M", 11, None])
    sheet.append(["AF-BAL", 2025, 6, "F", 12, "estimate"])
    source = tmp_path / "p.xlsx"
    book.save(source)
    outcome = import_file(source, POPULATION, {}, tmp_path / "out.parquet")
    assert outcome.problems == [] and outcome.rows == 3
