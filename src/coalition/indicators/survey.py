"""Survey indicators from a household survey persons dataset: every indicator of the
catalogue for that kind, for every allowed disaggregation, in one scan, plus their parity
indices."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from coalition.indicators.catalogue import Indicator
from coalition.indicators.estimation import Design, Estimate, estimate
from coalition.indicators.parity import adjusted_parity, parity_pairs
from coalition.indicators.school_system import SchoolSystem

# The groupings computed for survey indicators: each disaggregation alone, and by sex.
GROUPINGS: tuple[tuple[str, ...], ...] = (
    (),
    ("sex",),
    ("location",),
    ("wealth",),
    ("disability",),
    ("province",),
    ("sex", "location"),
    ("sex", "wealth"),
    ("sex", "disability"),
    ("sex", "province"),
    ("location", "wealth"),
)


@dataclass(frozen=True)
class Parity:
    code: str  # the indicator's
    index: str  # GPIA, LPIA, WPIA, DPIA
    group: tuple[tuple[str, object], ...]  # the other columns held equal
    value: float | None
    disadvantaged: Estimate
    advantaged: Estimate


def survey_indicators(
    table: Path,
    design: Design,
    system: SchoolSystem,
    indicators: Iterable[Indicator],
    groupings: Sequence[tuple[str, ...]] = GROUPINGS,
    progress=None,
) -> tuple[list[Estimate], list[Parity]]:
    """Estimates in the indicators' units (percentages scaled by 100) and parity indices."""
    chosen = {i.code: i for i in indicators if i.recipe["type"] == "survey_ratio"}
    if not chosen:
        return [], []
    ratios = [i.ratio(system) for i in chosen.values()]
    raw = estimate(table, design, ratios, groupings, progress)
    kept = [
        _scaled(e, chosen[e.code].scale)
        for e in raw
        if all(column in chosen[e.code].disaggregations for column, _v in e.group)
    ]
    return kept, parities(kept)


def _scaled(e: Estimate, factor: float) -> Estimate:
    if factor == 1.0:
        return e

    def times(x):
        return None if x is None else x * factor

    return Estimate(
        e.code,
        e.group,
        times(e.value),
        times(e.se),
        times(e.ci_low),
        times(e.ci_high),
        e.n,
        e.numerator,
        e.denominator,
        e.deff,
    )


def parities(estimates: Sequence[Estimate]) -> list[Parity]:
    return [
        Parity(first.code, index, rest, adjusted_parity(first.value, other.value), first, other)
        for index, first, other, rest in parity_pairs(estimates)
    ]
