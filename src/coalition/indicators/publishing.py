"""Results as they may leave the platform: the one place that turns stored results into
published rows, through disclosure control, with the official figure beside each. The
command line, the API, and (later) pages, reports and exports all read rows from here."""

from coalition.indicators.catalogue import catalogue
from coalition.indicators.computing import cell_key
from coalition.indicators.disclosure import Figure, Thresholds, protect
from coalition.indicators.models import OfficialValue, Result
from coalition.indicators.official import match
from coalition.indicators.querysets import is_province

FIELDS = [
    "indicator",
    "measure",
    "year",
    "area",
    "cell",
    "value",
    "se",
    "ci_low",
    "ci_high",
    "n",
    "deff",
    "flags",
    "official",
]


def published_rows(
    code: str, by: set[str] | None, *, year: int | None = None, area: str = ""
) -> list:
    """Current results of an indicator disaggregated by exactly `by` (every cell when
    `by` is None: the whole table, for downloads), protected."""
    results = Result.objects.current().filter(indicator=code)
    if by is not None:
        results = results.by(by)
    if year is not None:
        results = results.filter(year=year)
    if area:
        results = results.filter(area=area.upper())
    official = official_values(code)
    limits = Thresholds.from_settings()  # once, not once per figure
    ordered = results.order_by("measure", "year", "area", "cell")
    return [published(r, official, limits) for r in ordered]


def published_area_rows(area: str, *, measure: str = "value") -> list:
    """Every indicator's current undisaggregated results for one area (a province's
    profile, or the national figures beside it), protected; without official figures."""
    results = Result.objects.current().filter(area=area.upper(), cell="", measure=measure)
    limits = Thresholds.from_settings()
    ordered = results.order_by("indicator", "year")
    return [published(r, {}, limits) for r in ordered]


def official_values(code: str) -> dict:
    """UIS's figures for this indicator by (measure, cell, year), the newest import
    winning; they are national, so they sit next to national results only."""
    uis_id = catalogue()[code].uis_indicator_id
    if not uis_id:
        return {}
    # Only identifiers that begin like this indicator's can be this indicator's.
    candidates = OfficialValue.objects.filter(uis_indicator_id__startswith=uis_id.split(".")[0])
    found = {}
    for value in candidates.order_by("source_file_id"):
        matched = match(value.uis_indicator_id)
        if matched and matched[0] == code:
            _code, measure, cell = matched
            found[(measure, cell_key(cell), value.year)] = value.value
    return found


def published(result: Result, official: dict, limits: Thresholds) -> dict:
    """One result as it may be shown: suppressed cells keep no figures, only the flag."""
    shown = protect(
        Figure(
            value=result.value,
            source=result.source,
            n=result.n,
            se=result.se,
            ci_low=result.ci_low,
            ci_high=result.ci_high,
            numerator=result.numerator,
            denominator=result.denominator,
        ),
        limits,
    )
    national = not is_province(result.area)
    return {
        "indicator": result.indicator,
        "measure": result.measure,
        "year": result.year,
        "area": result.area,
        "cell": result.cell,
        "value": _round(shown.value),
        "se": _round(shown.se),
        "ci_low": _round(shown.ci_low),
        "ci_high": _round(shown.ci_high),
        "n": shown.n,
        "deff": _round(result.deff) if shown.value is not None else None,
        "flags": " ".join(sorted(shown.flags)),
        "official": official.get((result.measure, result.cell, result.year)) if national else None,
    }


def _round(value):
    return None if value is None else round(value, 6)
