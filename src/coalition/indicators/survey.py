"""Survey indicators from a household survey persons dataset: every indicator of the
catalogue for that kind, for every allowed disaggregation, in one scan, plus their parity
indices."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from coalition.indicators.catalogue import Indicator
from coalition.indicators.estimation import Design, Estimate, estimate
from coalition.indicators.parity import PARITY_INDICES, adjusted_parity
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
SCALE = {"percent": 100.0}


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
) -> tuple[list[Estimate], list[Parity]]:
    """Estimates in the indicators' units (percentages scaled by 100) and parity indices."""
    chosen = {i.code: i for i in indicators if i.recipe["type"] == "survey_ratio"}
    if not chosen:
        return [], []
    raw = estimate(table, design, [i.ratio(system) for i in chosen.values()], groupings)
    kept = [
        _scaled(e, SCALE.get(chosen[e.code].unit, 1.0))
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
    """Each parity index wherever both of its groups were estimated with everything else
    equal: GPIA overall from the by-sex cells, GPIA among rural people from the
    sex × location cells, and so on."""
    cells = {(e.code, e.group): e for e in estimates}
    out = []
    for e in estimates:
        for index, (column, disadvantaged, advantaged) in PARITY_INDICES.items():
            values = dict(e.group)
            if values.get(column) != disadvantaged:
                continue
            other_group = tuple((c, advantaged if c == column else v) for c, v in e.group)
            other = cells.get((e.code, other_group))
            if other is None:
                continue
            rest = tuple((c, v) for c, v in e.group if c != column)
            out.append(Parity(e.code, index, rest, adjusted_parity(e.value, other.value), e, other))
    return out
