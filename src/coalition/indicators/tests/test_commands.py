"""The command line from a file to figures: import, compute, show (through disclosure
control)."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command

from coalition.indicators.models import ComputationRun, Result
from coalition.indicators.tests.test_survey_indicators import COLUMNS, PEOPLE

pytestmark = pytest.mark.django_db


@pytest.fixture
def computed(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.COALITION_COUNTRY = "KH"  # primary 6-11, as the hand-made sample expects
    source = tmp_path / "persons.csv"
    names = ["weight" if c == "w" else c for c, _t in COLUMNS]
    with open(source, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(names)
        writer.writerows([["" if v is None else v for v in person] for person in PEOPLE])
    call_command(
        "datasets", "import", "household_persons", str(source), "--name", "survey",
        "--year", "2024", stdout=io.StringIO(),
    )  # fmt: skip
    out = io.StringIO()
    call_command("indicators", "compute", stdout=out)
    assert "survey v1:" in out.getvalue()
    return settings


def show(*args):
    out = io.StringIO()
    call_command("indicators", "show", *args, "--format", "csv", stdout=out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def test_show_gives_values_with_precision_by_the_cells_asked_for(computed):
    computed.COALITION_DISCLOSURE = {"min_survey_n": 1}
    rows = show("out_of_school_primary_survey", "--by", "sex")
    values = {(r["measure"], r["cell"]): r for r in rows}
    assert float(values[("value", "sex=F")]["value"]) == 0
    assert float(values[("value", "sex=M")]["value"]) == pytest.approx(40)
    assert values[("value", "sex=M")]["n"] == "2" and values[("value", "sex=M")]["se"]
    assert {r["area"] for r in rows} == {"KH"} and {r["year"] for r in rows} == {"2024"}
    national = show("out_of_school_primary_survey")
    measures = [(r["measure"], r["cell"]) for r in national]
    assert measures == [(m, "") for m in ("DPIA", "GPIA", "LPIA", "WPIA", "value")]
    by_province = show("out_of_school_primary_survey", "--by", "province")
    assert {r["area"] for r in by_province} == {"AF-KAB", "AF-BAL"}


def test_small_cells_are_suppressed_on_the_command_line(computed):
    rows = show("out_of_school_primary_survey", "--by", "sex")  # n < 25 everywhere
    assert rows and all(r["value"] == "" and r["se"] == "" and r["n"] == "" for r in rows)
    assert all(r["flags"] == "suppressed" for r in rows)


def test_recomputing_keeps_the_old_run_and_shows_the_new(computed):
    call_command("indicators", "compute", "--dataset", "survey", stdout=io.StringIO())
    assert ComputationRun.objects.count() == 2
    latest = ComputationRun.objects.latest("pk")
    assert Result.objects.filter(run=latest).count() == latest.results_count > 0
    assert set(Result.objects.current().values_list("run", flat=True)) == {latest.pk}


def test_bad_requests_say_what_is_wrong(computed):
    with pytest.raises(CommandError, match="unknown indicator"):
        show("GER_nonsense")
    with pytest.raises(CommandError, match="cannot disaggregate by colour"):
        show("literacy_adult", "--by", "colour")
    with pytest.raises(CommandError, match="no dataset named"):
        call_command("indicators", "compute", "--dataset", "nope")


@pytest.fixture
def census(settings, tmp_path):
    from coalition.indicators.tests import test_administrative as made

    settings.DATA_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.COALITION_COUNTRY = "KH"  # primary 6-11, as the hand-made census expects
    tables = {
        "schools": (
            ["school", "level", "province", "location", *made.SERVICES, "teachers",
             "teachers_female", "teachers_trained", "teachers_qualified"],
            [[s, lv, p, loc, *services, *t] for s, lv, p, loc, services, *t in made.SCHOOL_ROWS],
        ),
        "enrolment": (
            ["school", "level", "grade", "sex", "age", "pupils", "repeaters"],
            made.ENROLMENT_ROWS,
        ),
        "population": (["area", "year", "age", "sex", "population"], made.population_rows()),
    }  # fmt: skip
    for kind, (header, rows) in tables.items():
        path = tmp_path / f"{kind}.csv"
        with open(path, "w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(header)
            writer.writerows([["" if v is None else v for v in row] for row in rows])
        call_command(
            "datasets", "import", kind, str(path), "--name", f"{kind}-2024", "--year", "2024",
            stdout=io.StringIO(),
        )  # fmt: skip
    call_command("indicators", "compute", stdout=io.StringIO())
    return settings


def test_census_figures_reach_the_command_line_with_count_suppression(census):
    rows = {(r["area"], r["measure"], r["cell"]): r for r in show("ger_primary", "--by", "sex")}
    assert float(rows[("KH", "value", "sex=F")]["value"]) == pytest.approx(100 * 35 / 180)
    national = {(r["measure"], r["cell"]): r for r in show("ger_primary")}
    assert float(national[("GPIA", "")]["value"]) == pytest.approx(35 / 45)
    # One school reported handwashing: a count below 5, suppressed.
    [handwashing] = show("schools_handwashing_primary")
    assert handwashing["value"] == "" and handwashing["flags"] == "suppressed"


def test_a_census_run_records_every_table_it_read(census):
    from coalition.warehouse.models import DatasetVersion

    latest = ComputationRun.objects.latest("pk")  # the population import came last
    assert set(latest.inputs.all()) == set(DatasetVersion.objects.all())
    # Each import recomputed the census: every run is kept, only the newest is current.
    assert ComputationRun.objects.count() == 3
    assert set(Result.objects.current().values_list("run", flat=True)) == {latest.pk}


def test_a_run_reports_its_progress_as_it_goes(computed, monkeypatch):
    """The run's page follows the computation: its progress is written as the ratios
    are done and the results stored, rising to 100."""
    from coalition.indicators import computing

    monkeypatch.setattr(computing, "STORE_BATCH", 5)  # a few batches of results
    seen = []
    write = ComputationRun.report_progress

    def recording(run, percent):
        seen.append((percent, ComputationRun.objects.get(pk=run.pk).status))
        write(run, percent)

    monkeypatch.setattr(ComputationRun, "report_progress", recording)
    call_command("indicators", "compute", "--dataset", "survey", stdout=io.StringIO())
    latest = ComputationRun.objects.latest("pk")
    assert latest.progress == 100 and latest.status == ComputationRun.Status.SUCCEEDED
    percents = [percent for percent, _status in seen]
    assert len(percents) >= 4, seen
    assert percents == sorted(percents) and percents[0] > 0 and percents[-1] <= 100
    assert any(p < computing.COMPUTED for p in percents)
    assert any(p > computing.COMPUTED for p in percents)
    assert {status for _p, status in seen} == {ComputationRun.Status.RUNNING}
