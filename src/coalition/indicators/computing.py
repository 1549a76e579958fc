"""A computation run: every catalogue indicator a dataset version can give, stored as
results with their provenance. Called by the task and the command line."""

from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from coalition.geo.models import Country
from coalition.indicators.catalogue import catalogue
from coalition.indicators.estimation import Design, EstimationError
from coalition.indicators.models import ComputationRun, Result
from coalition.indicators.school_system import SchoolSystem
from coalition.indicators.survey import survey_indicators
from coalition.warehouse.adapter import filled_columns


def run_computation(run: ComputationRun) -> ComputationRun:
    version = run.dataset_version
    dataset = version.dataset
    ComputationRun.objects.filter(pk=run.pk).update(status=ComputationRun.Status.RUNNING)
    try:
        results = _results(run, Path(settings.DATA_DIR) / version.parquet, dataset)
    except EstimationError as error:
        run.status, run.error = ComputationRun.Status.FAILED, str(error)
    else:
        with transaction.atomic():
            Result.objects.bulk_create(results, batch_size=2000)
        run.status, run.results_count = ComputationRun.Status.SUCCEEDED, len(results)
    run.progress, run.finished_at = 100, timezone.now()
    run.save()
    return run


def _results(run, path: Path, dataset) -> list[Result]:
    indicators = [i for i in catalogue().values() if i.source == dataset.kind]
    if not indicators:
        return []
    country = Country.objects.get(code=settings.COALITION_COUNTRY)
    filled = filled_columns(path, ["stratum", "psu"])
    design = Design(
        weight="weight",
        strata="stratum" if "stratum" in filled else None,
        psu="psu" if "psu" in filled else None,
    )
    estimates, parities = survey_indicators(path, design, SchoolSystem.of(country), indicators)
    # Cells of people whose province, wealth or location is unknown describe no group
    # anyone can act on: they stay in the totals but get no figure of their own.
    estimates = [e for e in estimates if all(v is not None for _c, v in e.group)]
    parities = [p for p in parities if all(v is not None for _c, v in p.group)]
    stored = []
    for e in estimates:
        stored.append(
            _result(
                run,
                dataset,
                country.code,
                e.code,
                "value",
                e.group,
                source="survey",
                value=e.value,
                se=e.se,
                ci_low=e.ci_low,
                ci_high=e.ci_high,
                n=e.n,
                numerator=e.numerator,
                denominator=e.denominator,
                deff=e.deff,
            )
        )
    for p in parities:
        stored.append(
            _result(
                run,
                dataset,
                country.code,
                p.code,
                p.index,
                p.group,
                source="survey",
                value=p.value,
                n=min(p.disadvantaged.n, p.advantaged.n),
            )
        )
    return stored


def _result(run, dataset, country_code, code, measure, group, **figures) -> Result:
    cell = {c: v for c, v in group if c != "province"}
    area = dict(group).get("province") or country_code
    return Result(
        run=run,
        indicator=code,
        measure=measure,
        year=dataset.year,
        area=area,
        disaggregation=cell,
        cell=cell_key(cell),
        **figures,
    )


def cell_key(cell: dict) -> str:
    """The cell as stable text: "location=RUR|sex=F"; "" for the whole population."""
    return "|".join(f"{k}={cell[k]}" for k in sorted(cell))
