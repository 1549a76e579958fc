"""Official UIS series: the bulk CSV format, the benchmark tables workbook, and their
place next to the coalition's figures."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from coalition.core.errors import DomainError
from coalition.geo.models import Country
from coalition.indicators.models import OfficialValue
from coalition.indicators.official import match, read_bulk_csv
from coalition.indicators.services import import_official_series

pytestmark = pytest.mark.django_db

BENCHMARK = Path(__file__).resolve().parents[5] / "shared/data/uis/SDG4_Benchmark_Tables_2021.xlsx"
BULK = (
    "INDICATOR_ID,COUNTRY_ID,YEAR,VALUE,MAGNITUDE,QUALIFIER\n"
    "CR.1,AFG,2015,54.21079,,\n"
    "CR.1.F,AFG,2015,40.1,,UIS_EST\n"
    "CR.1.GPIA,AFG,2015,0.58,,\n"
    "NERA.AGM1.F.CP,AFG,2019,,SUPP,\n"
    "CR.1,KHM,2014,72.28277,,\n"
)


def test_the_bulk_format_keeps_the_deployments_country_and_uis_notes():
    figures = read_bulk_csv(BULK.encode(), "AFG")
    assert [(f.uis_indicator_id, f.year, f.value) for f in figures] == [
        ("CR.1", 2015, 54.21079),
        ("CR.1.F", 2015, 40.1),
        ("CR.1.GPIA", 2015, 0.58),
        ("NERA.AGM1.F.CP", 2019, None),
    ]
    assert figures[1].qualifier == "UIS_EST" and figures[3].magnitude == "SUPP"


def test_a_file_that_is_not_the_bulk_format_is_refused():
    with pytest.raises(DomainError, match="columns"):
        read_bulk_csv(b"a,b\n1,2\n", "AFG")
    with pytest.raises(DomainError, match="Line 2"):
        read_bulk_csv(b"INDICATOR_ID,COUNTRY_ID,YEAR,VALUE\nCR.1,AFG,twenty,1\n", "AFG")


@pytest.mark.parametrize(
    ("uis", "expected"),
    [
        ("CR.1", ("completion_primary", "value", {})),
        ("CR.1.F", ("completion_primary", "value", {"sex": "F"})),
        (
            "CR.1.RUR.Q1.F",
            ("completion_primary", "value", {"location": "RUR", "wealth": "Q1", "sex": "F"}),
        ),
        ("CR.1.GPIA", ("completion_primary", "GPIA", {})),
        ("NERA.AGM1.F.CP", ("participation_before_primary", "value", {"sex": "F"})),
        ("SCHBSP.1.WELEC", ("schools_electricity_primary", "value", {})),
        ("CR.1.ABL.WHATEVER", None),
        ("XGOVEXP.IMF", None),
    ],
)
def test_uis_identifiers_are_read_as_indicator_and_cell(uis, expected):
    assert match(uis) == expected


@pytest.mark.skipif(not BENCHMARK.exists(), reason="needs ../shared/data")
def test_the_benchmark_tables_give_afghanistans_completion_rates():
    afghanistan = Country.objects.get(code="AF")
    batch = import_official_series(
        content=BENCHMARK.read_bytes(), filename=BENCHMARK.name, actor=None, country=afghanistan
    )
    values = {(v.uis_indicator_id, v.year): v.value for v in batch.values.all()}
    assert values[("CR.1", 2015)] == pytest.approx(54.21079)
    assert values[("CR.1", 2011)] == pytest.approx(40.72569)
    assert {v.country for v in batch.values.all()} == {"AFG"}
    # Nine tabs hold figures for Afghanistan (the README of ../shared/data lists them).
    assert len({v.uis_indicator_id for v in batch.values.all()}) == 9


def test_official_figures_appear_next_to_the_coalitions(tmp_path, settings):
    from coalition.indicators.tests.test_commands import COLUMNS, PEOPLE  # hand-made survey

    settings.DATA_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.COALITION_COUNTRY = "KH"
    settings.COALITION_DISCLOSURE = {"min_survey_n": 1}
    source = tmp_path / "persons.csv"
    names = ["weight" if c == "w" else c for c, _t in COLUMNS]
    source.write_text(
        ",".join(names) + "\n"
        + "\n".join(",".join("" if v is None else str(v) for v in p) for p in PEOPLE) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    call_command(
        "datasets", "import", "household_persons", str(source), "--name", "s", "--year",
        "2014", stdout=io.StringIO(),
    )  # fmt: skip
    call_command("indicators", "compute", stdout=io.StringIO())
    bulk = tmp_path / "uis.csv"
    bulk.write_text(BULK.replace("AFG", "XXX"), encoding="utf-8")
    out = io.StringIO()
    call_command("indicators", "official", str(bulk), stdout=out)
    assert "1 official figures for KHM (1 next to indicators" in out.getvalue()
    shown = io.StringIO()
    call_command("indicators", "show", "completion_primary", "--format", "csv", stdout=shown)
    line = next(
        r for r in shown.getvalue().splitlines() if r.startswith("completion_primary,value")
    )
    assert line.endswith(",72.28277")
    assert OfficialValue.objects.count() == 1
    other = tmp_path / "notes.txt"
    other.write_text("x", encoding="utf-8")
    with pytest.raises(CommandError, match="benchmark tables"):
        call_command("indicators", "official", str(other))
