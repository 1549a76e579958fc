"""What the public indicator pages show. Every figure comes from indicators.publishing, the
one place that applies disclosure control, so a suppressed cell reaches no page and no
download with a number."""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from coalition.core.locale import format_number
from coalition.geo.models import Area
from coalition.indicators.catalogue import Indicator, catalogue
from coalition.indicators.models import ComputationRun, Result, Target
from coalition.indicators.parity import PARITY_INDICES
from coalition.indicators.progress import Progress, classify, thresholds_from_settings
from coalition.indicators.publishing import official_values, published_area_rows, published_rows

# The SDG 4 targets our catalogue covers, with their short official titles.
SDG_TARGETS = {
    "4.1": _("Target 4.1: Universal primary and secondary education"),
    "4.2": _("Target 4.2: Early childhood development and pre-primary education"),
    "4.3": _("Target 4.3: Technical, vocational, tertiary and adult education"),
    "4.6": _("Target 4.6: Youth and adult literacy"),
    "4.a": _("Target 4.a: Education facilities and learning environments"),
    "4.c": _("Target 4.c: Teachers"),
    "": _("Other national indicators"),
}
DIMENSIONS = {
    "sex": _("Sex"),
    "location": _("Location"),
    "wealth": _("Household wealth"),
    "disability": _("Disability"),
    "province": _("Province"),
}
GROUPS = {
    ("sex", "F"): _("Female"),
    ("sex", "M"): _("Male"),
    ("location", "RUR"): _("Rural"),
    ("location", "URB"): _("Urban"),
    ("wealth", "Q1"): _("Poorest fifth"),
    ("wealth", "Q2"): _("Second fifth"),
    ("wealth", "Q3"): _("Middle fifth"),
    ("wealth", "Q4"): _("Fourth fifth"),
    ("wealth", "Q5"): _("Richest fifth"),
    ("disability", "DIS"): _("With a disability"),
    ("disability", "ABL"): _("Without a disability"),
}
PARITY_NAMES = {
    "GPIA": _("Gender parity index (female / male, adjusted)"),
    "LPIA": _("Location parity index (rural / urban, adjusted)"),
    "WPIA": _("Wealth parity index (poorest / richest fifth, adjusted)"),
    "DPIA": _("Disability parity index (with / without, adjusted)"),
}
CENSUS_MARGIN = 1.0  # percentage points; see compare()
# Compared with the national figure: the interval lies wholly above or below it.
HIGHER, LOWER, NOT_DIFFERENT = "higher", "lower", "not_different"
COMPARISONS = {
    HIGHER: _("higher than the national figure"),
    LOWER: _("lower than the national figure"),
    NOT_DIFFERENT: _("not clearly different"),
}


def country() -> str:
    return settings.COALITION_COUNTRY


def target_of(indicator: Indicator) -> str:
    """The SDG target an indicator belongs to: 4.1 for "4.1.2" and for "4.1". An indicator
    without an SDG number is one of the national plan's own."""
    parts = indicator.sdg_indicator.split(".")
    return ".".join(parts[:2]) if len(parts) >= 2 else ""


def catalogue_by_target() -> list[tuple[str, str, list[Indicator]]]:
    grouped: dict[str, list[Indicator]] = {code: [] for code in SDG_TARGETS}
    for indicator in catalogue().values():
        grouped.setdefault(target_of(indicator), []).append(indicator)
    return [(code, SDG_TARGETS.get(code, code), items) for code, items in grouped.items() if items]


def is_shown(row: dict) -> bool:
    return row["value"] is not None


def compare(row: dict, national: dict | None, unit: str = "percent") -> str | None:
    """Higher, lower or not clearly different from the national figure.

    A survey estimate differs only when its 95% interval excludes the national value. A
    census ratio counts every school, so it has no interval; a difference smaller than
    CENSUS_MARGIN (a point for percentages, 2% of the national value for ratios) is still
    called no difference, since counts carry reporting errors of that size."""
    if national is None or not is_shown(row) or not is_shown(national):
        return None
    if row["ci_low"] is not None and row["ci_high"] is not None:
        low, high = row["ci_low"], row["ci_high"]
    else:
        margin = CENSUS_MARGIN if unit == "percent" else abs(national["value"]) * 0.02
        low, high = row["value"] - margin, row["value"] + margin
    if low > national["value"]:
        return HIGHER
    if high < national["value"]:
        return LOWER
    return NOT_DIFFERENT


def lags(indicator: Indicator, comparison: str | None) -> bool:
    """Worse than the national figure, in the indicator's own direction."""
    worse = LOWER if indicator.direction == "higher" else HIGHER
    return comparison == worse


@dataclass
class TargetProgress:
    target: Target
    progress: Progress


@dataclass
class Overview:
    """An indicator's national story: its trend, the latest figure, the official series
    and the progress towards each target."""

    indicator: Indicator
    trend: list[dict]
    official: dict[int, float]
    targets: list[TargetProgress] = field(default_factory=list)

    @property
    def shown(self) -> list[dict]:
        return [row for row in self.trend if is_shown(row)]

    @property
    def latest(self) -> dict | None:
        return self.shown[-1] if self.shown else None

    @property
    def first(self) -> dict | None:
        return self.shown[0] if len(self.shown) > 1 else None

    @property
    def change(self) -> float | None:
        if self.first is None:
            return None
        return self.latest["value"] - self.first["value"]

    @property
    def years(self) -> list[int]:
        return [row["year"] for row in self.trend]


def overview(code: str) -> Overview:
    indicator = catalogue()[code]
    national = country()
    trend = [r for r in published_rows(code, set(), area=national) if r["measure"] == "value"]
    official = {
        year: value
        for (measure, cell, year), value in official_values(code).items()
        if measure == "value" and cell == "" and value is not None
    }
    observed = {row["year"]: row["value"] for row in trend if is_shown(row)}
    limits = thresholds_from_settings()
    targets = [
        TargetProgress(
            target,
            classify(
                observed,
                target.year,
                target.value,
                lower_is_better=indicator.direction == "lower",
                thresholds=limits,
            ),
        )
        for target in Target.objects.filter(indicator=code, area=national)
    ]
    return Overview(indicator, trend, dict(sorted(official.items())), targets)


@dataclass
class Group:
    label: str
    row: dict
    comparison: str | None = None


@dataclass
class Breakdown:
    dimension: str
    label: str
    groups: list[Group]
    parity: dict | None  # the parity index row for this dimension, if it has one


def group_label(dimension: str, value: str) -> str:
    return str(GROUPS.get((dimension, value), value))


def breakdowns(code: str, year: int) -> list[Breakdown]:
    """The national figure by each of the indicator's disaggregations (not by province:
    that is the map and the comparison), with the parity index beside each."""
    indicator = catalogue()[code]
    national = country()
    overall = published_rows(code, set(), year=year, area=national)
    indices = {row["measure"]: row for row in overall if row["measure"] != "value"}
    parity_of = {column: index for index, (column, _d, _a) in PARITY_INDICES.items()}
    found = []
    for dimension in indicator.disaggregations:
        if dimension == "province":
            continue
        rows = [
            r
            for r in published_rows(code, {dimension}, year=year, area=national)
            if r["measure"] == "value"
        ]
        if not rows:
            continue
        order = [value for (column, value) in GROUPS if column == dimension]
        rows.sort(key=lambda r: _position(order, r["cell"].split("=", 1)[1]))
        groups = [Group(group_label(dimension, r["cell"].split("=", 1)[1]), r) for r in rows]
        found.append(
            Breakdown(
                dimension,
                str(DIMENSIONS[dimension]),
                groups,
                indices.get(parity_of.get(dimension, "")),
            )
        )
    return found


def _position(order: list[str], value: str) -> int:
    return order.index(value) if value in order else len(order)


def province_names() -> dict[str, str]:
    """Province code → name in the reader's language."""
    return {area.code: area.name for area in Area.objects.of_deployment().provinces()}


def provinces(code: str, year: int) -> tuple[dict | None, list[Group]]:
    """Every province's figure for the year, each compared with the national figure,
    in the order of the provinces' names (a ranking would hide overlapping intervals)."""
    national = next(
        (
            r
            for r in published_rows(code, set(), year=year, area=country())
            if r["measure"] == "value"
        ),
        None,
    )
    names = province_names()
    rows = {
        r["area"]: r
        for r in published_rows(code, {"province"}, year=year)
        if r["measure"] == "value"
    }
    groups = [
        Group(names[area], rows[area], compare(rows[area], national, catalogue()[code].unit))
        for area in sorted(rows, key=lambda a: names.get(a, a))
        if area in names
    ]
    return national, groups


@dataclass
class ProfileLine:
    indicator: Indicator
    row: dict
    national: dict | None
    comparison: str | None

    @property
    def lags(self) -> bool:
        return lags(self.indicator, self.comparison)


def profile(area: str) -> list[ProfileLine]:
    """Every indicator's latest figure for one province beside the national figure of
    the same year."""
    indicators = catalogue()
    national = {(r["indicator"], r["year"]): r for r in published_area_rows(country())}
    latest: dict[str, dict] = {}
    for row in published_area_rows(area):  # ordered by year: the last one wins
        if row["indicator"] in indicators and (is_shown(row) or row["indicator"] not in latest):
            latest[row["indicator"]] = row
    lines = []
    for code, indicator in indicators.items():
        if code not in latest:
            continue
        row = latest[code]
        beside = national.get((code, row["year"]))
        lines.append(ProfileLine(indicator, row, beside, compare(row, beside, indicator.unit)))
    return lines


def provenance(code: str) -> list[ComputationRun]:
    """The computation runs behind the indicator's current national figures, with the
    dataset versions each read: a published figure traces back to its files."""
    runs = Result.objects.current().filter(indicator=code, cell="", measure="value").values("run")
    return list(
        ComputationRun.objects.filter(pk__in=runs)
        .prefetch_related("inputs__dataset")
        .order_by("pk")
    )


def decimals_of(row: dict) -> int:
    """Parity indices to two decimals (0.82), percentages and ratios to one."""
    return 2 if row.get("measure", "value") != "value" else 1


def interval_text(row: dict | None, language: str | None) -> str:
    """The 95% confidence interval, "55.1–60.7", in the reader's digits; empty for census
    figures, which count every school and have none."""
    if not row or row.get("ci_low") is None or row.get("ci_high") is None:
        return ""
    decimals = decimals_of(row)
    low = format_number(row["ci_low"], language, decimals)
    high = format_number(row["ci_high"], language, decimals)
    return f"{low}–{high}"


def latest_national() -> dict[str, dict]:
    """Each indicator's latest national figure that may be shown, in one query."""
    latest = {}
    for row in published_area_rows(country()):  # ordered by year: the last one wins
        if is_shown(row):
            latest[row["indicator"]] = row
    return latest


def headline_codes() -> list[str]:
    return [
        code
        for code in getattr(settings, "COALITION_HEADLINE_INDICATORS", ())
        if code in catalogue()
    ]
