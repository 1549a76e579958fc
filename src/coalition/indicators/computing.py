"""A computation run: every catalogue indicator a changed dataset affects, stored as
results with their provenance. Called by the task and the command line.

- A household survey version gives the survey indicators of its year.
- A schools or enrolment version gives the administrative indicators of its census year,
  read with the other census table of that year and the newest population estimates.
- A population version gives the administrative indicators of every census year."""

from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coalition.geo.models import Country
from coalition.indicators.administrative import Sources, administrative_indicators
from coalition.indicators.catalogue import catalogue
from coalition.indicators.estimation import Design, EstimationError
from coalition.indicators.models import ComputationRun, Result
from coalition.indicators.school_system import SchoolSystem
from coalition.indicators.survey import survey_indicators
from coalition.warehouse.adapter import filled_columns
from coalition.warehouse.models import Dataset

CENSUS_KINDS = ("schools", "enrolment", "population")


class ComputationError(Exception):
    pass


def run_computation(run: ComputationRun) -> ComputationRun:
    version = run.dataset_version
    ComputationRun.objects.filter(pk=run.pk).update(status=ComputationRun.Status.RUNNING)
    country = Country.objects.get(code=settings.COALITION_COUNTRY)
    try:
        if version.dataset.kind == "household_persons":
            results, inputs = _survey(run, version, country), [version]
        else:
            results, inputs = _census(run, version, country)
    except (EstimationError, ComputationError) as error:
        run.status, run.error = ComputationRun.Status.FAILED, str(error)
    else:
        store = _reporter(run, COMPUTED, 100)
        with transaction.atomic():
            for start in range(0, len(results), STORE_BATCH):
                Result.objects.bulk_create(results[start : start + STORE_BATCH])
                store(min(1.0, (start + STORE_BATCH) / len(results)))
            run.inputs.set(inputs)
        run.status, run.results_count = ComputationRun.Status.SUCCEEDED, len(results)
    run.progress, run.finished_at = 100, timezone.now()
    run.save()
    return run


# A run's progress: computing takes it to COMPUTED percent, storing the results the rest.
COMPUTED = 80
STORE_BATCH = 2000


def _reporter(run: ComputationRun, start: int, end: int):
    """progress(fraction) for the part of the run between `start` and `end` percent:
    written on the run (which its page shows) when it has moved by 5 points or more."""
    written = start

    def progress(fraction: float) -> None:
        nonlocal written
        percent = int(start + (end - start) * fraction)
        if percent >= written + 5:
            run.report_progress(percent)
            written = percent

    return progress


def _path(version) -> Path:
    return Path(settings.DATA_DIR) / version.parquet


def _survey(run, version, country) -> list[Result]:
    dataset = version.dataset
    if dataset.year is None:
        raise ComputationError(_("Give the dataset its year before computing from it."))
    indicators = [i for i in catalogue().values() if i.source == "household_persons"]
    path = _path(version)
    filled = filled_columns(path, ["stratum", "psu"])
    design = Design(
        weight="weight",
        strata="stratum" if "stratum" in filled else None,
        psu="psu" if "psu" in filled else None,
    )
    estimates, parities = survey_indicators(
        path, design, SchoolSystem.of(country), indicators, progress=_reporter(run, 0, COMPUTED)
    )
    stored = [
        _result(run, dataset.year, country.code, e.code, "value", e.group, source="survey",
                value=e.value, se=e.se, ci_low=e.ci_low, ci_high=e.ci_high, n=e.n,
                numerator=e.numerator, denominator=e.denominator, deff=e.deff)
        for e in estimates
    ]  # fmt: skip
    stored += [
        _result(run, dataset.year, country.code, p.code, p.index, p.group, source="survey",
                value=p.value, n=min(p.disadvantaged.n, p.advantaged.n))
        for p in parities
    ]  # fmt: skip
    return _known_cells(stored)


def _current(kind: str, year: int | None = None):
    """The newest dataset of a kind (for a year) that holds data, and its version."""
    datasets = Dataset.objects.filter(kind=kind).order_by("-year", "-created_at", "-pk")
    if year is not None:
        datasets = datasets.filter(year=year)
    for dataset in datasets:
        version = dataset.current_version()
        if version is not None:
            return version
    return None


def _census(run, version, country) -> tuple[list[Result], list]:
    dataset = version.dataset
    if dataset.kind == "population":
        years = sorted(
            {
                y
                for y in Dataset.objects.filter(kind="enrolment").values_list("year", flat=True)
                if y
            }
        )
    elif dataset.year is None:
        raise ComputationError(_("Give the dataset its year before computing from it."))
    else:
        years = [dataset.year]
    indicators = [i for i in catalogue().values() if i.source in CENSUS_KINDS]
    population = version if dataset.kind == "population" else _current("population")
    stored, inputs = [], {version}
    progress = _reporter(run, 0, COMPUTED)
    for done, year in enumerate(years):
        schools = version if dataset.kind == "schools" else _current("schools", year)
        enrolment = version if dataset.kind == "enrolment" else _current("enrolment", year)
        used = [v for v in (schools, enrolment, population) if v is not None]
        inputs.update(used)
        sources = Sources(
            year,
            schools=_path(schools) if schools else None,
            enrolment=_path(enrolment) if enrolment else None,
            population=_path(population) if population else None,
        )
        ratios, parities = administrative_indicators(
            sources, SchoolSystem.of(country), country.code, indicators
        )
        stored += [
            _result(run, year, country.code, r.code, "value", r.group, source="count",
                    value=r.value, numerator=r.numerator, denominator=r.denominator)
            for r in ratios
        ]  # fmt: skip
        stored += [
            _result(run, year, country.code, p.code, p.index, p.group, source="count",
                    value=p.value, numerator=p.numerator, denominator=p.denominator)
            for p in parities
        ]  # fmt: skip
        progress((done + 1) / len(years))
    return _known_cells(stored), list(inputs)


def _known_cells(results: list[Result]) -> list[Result]:
    """Cells of people whose province, wealth or location is unknown describe no group
    anyone can act on: they stay in the totals but get no figure of their own."""
    return [r for r in results if r.area and all(v is not None for v in r.disaggregation.values())]


def _result(run, year, country_code, code, measure, group, **figures) -> Result:
    values = dict(group)
    cell = {c: v for c, v in group if c != "province"}
    area = values.get("province", country_code)
    return Result(
        run=run,
        indicator=code,
        measure=measure,
        year=year,
        area=area or "",
        disaggregation=cell,
        cell=cell_key(cell),
        **figures,
    )


def cell_key(cell: dict) -> str:
    """The cell as stable text: "location=RUR|sex=F"; "" for the whole population."""
    return "|".join(f"{k}={cell[k]}" for k in sorted(cell))
