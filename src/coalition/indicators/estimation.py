"""Survey estimation: weighted ratio estimates with Taylor-linearised standard errors for
stratified cluster designs, for every indicator and every domain in one pass.

Every estimate is a ratio R = Σ w·y / Σ w·x over a domain D (a disaggregation cell within
the indicator's universe): a proportion is the case x = 1, a mean too. Its variance is the
with-replacement (ultimate cluster) Taylor linearisation R's `survey` package computes for
`svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, fpc = ~fpc, nest = TRUE)`:

    z_i  = w_i (y_i − R x_i) / X̂           for i in D, else 0 (domains keep the whole design)
    t_hp = Σ z_i over PSU p of stratum h
    V    = Σ_h f_h n_h / (n_h − 1) · Σ_p (t_hp − t̄_h)²,   f_h = 1 − n_h / N_h with an fpc

with n_h the stratum's PSUs in the whole sample, so PSUs without a member of the domain
count as zeros, as `svyby` does. Strata with a single PSU follow `survey.lonely.psu`'s
options. The design effect is survey's default (without replacement) one, and the 95%
interval is R ± 1.959964·SE, as `confint` gives. `tests/test_survey_reference.py` compares
all of it with R on data the project generates (`survey_reference.R`).

The SQL runs in DuckDB through the warehouse: one scan of the rows aggregates every
indicator for every (domain, PSU) with GROUPING SETS; everything after that works on
those PSU totals, which are few.
"""

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from coalition.warehouse.adapter import query

Z_95 = 1.959963984540054  # qnorm(0.975)
LONELY_PSU = ("adjust", "average", "certainty", "remove", "fail")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class EstimationError(ValueError):
    """The design or the data cannot give an estimate (say, a lonely PSU under "fail")."""


@dataclass(frozen=True)
class Design:
    """Columns of the sample design. Without `psu`, every row is its own PSU; without
    `strata`, the sample is one stratum. `fpc` holds the stratum's number of PSUs in the
    population, or the sampling fraction when it is at most 1 (as `svydesign` reads it).
    `lonely_psu` is what survey's option of that name does with single-PSU strata; the
    default, "adjust", centres them on the grand mean instead of failing."""

    weight: str
    strata: str | None = None
    psu: str | None = None
    fpc: str | None = None
    lonely_psu: str = "adjust"

    def __post_init__(self):
        for column in (self.weight, self.strata, self.psu, self.fpc):
            if column is not None and not _NAME.match(column):
                raise EstimationError(f"not a column name: {column!r}")
        if self.lonely_psu not in LONELY_PSU:
            raise EstimationError(f"lonely_psu must be one of {', '.join(LONELY_PSU)}")


@dataclass(frozen=True)
class Ratio:
    """Σ w·numerator / Σ w·denominator over the rows where `universe` holds. The three
    are SQL expressions over the dataset's columns, written in the catalogue (never taken
    from a request). Rows where the numerator or denominator is NULL are left out, as
    `na.rm = TRUE` does."""

    code: str
    numerator: str
    denominator: str = "1"
    universe: str = "TRUE"


@dataclass(frozen=True)
class Estimate:
    code: str
    group: tuple[tuple[str, object], ...]  # (("sex", "F"),); () for the whole population
    value: float | None
    se: float | None
    ci_low: float | None
    ci_high: float | None
    n: int  # rows in the domain (unweighted observations)
    numerator: float  # Σ w·y
    denominator: float  # Σ w·x
    deff: float | None

    @property
    def cv(self) -> float | None:
        """Coefficient of variation, SE / |estimate|."""
        if self.se is None or not self.value:
            return None
        return self.se / abs(self.value)


def estimate(
    table: Path,
    design: Design,
    ratios: Sequence[Ratio],
    by: Sequence[Sequence[str]] = ((),),
) -> list[Estimate]:
    """Every ratio for every cell of every grouping in `by` (each a tuple of columns;
    () is the whole population), from one Parquet file."""
    groupings = [tuple(g) for g in by]
    columns = sorted({c for g in groupings for c in g})
    for column in columns:
        if not _NAME.match(column):
            raise EstimationError(f"not a column name: {column!r}")
    sql = _sql(design, ratios, groupings, columns)
    names, rows = query(sql, tables={"dataset": table})
    return _estimates(names, rows, design, ratios, groupings, columns)


def _sql(design: Design, ratios, groupings, columns) -> str:
    stratum = f'CAST("{design.strata}" AS VARCHAR)' if design.strata else "'1'"
    psu = (
        f'CAST("{design.psu}" AS VARCHAR)'
        if design.psu
        else "CAST(row_number() OVER () AS VARCHAR)"
    )
    fpc = f'CAST("{design.fpc}" AS DOUBLE)' if design.fpc else "CAST(NULL AS DOUBLE)"
    by_columns = "".join(f', CAST("{c}" AS VARCHAR) AS "{c}"' for c in columns)
    per_ratio = []
    for k, ratio in enumerate(ratios):
        inside = (
            f"(({ratio.universe}) AND ({ratio.numerator}) IS NOT NULL "
            f"AND ({ratio.denominator}) IS NOT NULL)"
        )
        per_ratio.append(
            f"CASE WHEN {inside} THEN 1 ELSE 0 END AS d{k}, "
            f"CASE WHEN {inside} THEN CAST(({ratio.numerator}) AS DOUBLE) ELSE 0 END AS y{k}, "
            f"CASE WHEN {inside} THEN CAST(({ratio.denominator}) AS DOUBLE) ELSE 0 END AS x{k}"
        )
    sums = []
    for k in range(len(ratios)):
        sums += [
            f"SUM(d{k}) AS n{k}",
            f"SUM(w * d{k}) AS wd{k}",
            f"SUM(w * y{k}) AS ty{k}",
            f"SUM(w * x{k}) AS tx{k}",
            f"SUM(w * y{k} * y{k}) AS yy{k}",
            f"SUM(w * x{k} * y{k}) AS xy{k}",
            f"SUM(w * x{k} * x{k}) AS xx{k}",
        ]
    quoted = [f'"{c}"' for c in columns]
    sets = ", ".join("(" + ", ".join([*(f'"{c}"' for c in g), "h", "p"]) + ")" for g in groupings)
    grouping_id = f"GROUPING({', '.join(quoted)})" if columns else "0"
    return f"""
        WITH base AS (
            SELECT CAST("{design.weight}" AS DOUBLE) AS w, {stratum} AS h, {psu} AS p,
                   {fpc} AS fpc{by_columns}, {", ".join(per_ratio)}
            FROM dataset
        )
        SELECT {grouping_id} AS gid, {", ".join([*quoted, "h", "p"])},
               {", ".join(sums)}
        FROM base
        GROUP BY GROUPING SETS ({sets})
        UNION ALL
        SELECT -1, {", ".join(["NULL"] * len(columns) + ["h", "NULL"])},
               {", ".join(["COUNT(DISTINCT p)", "MAX(fpc)"] + ["NULL"] * (7 * len(ratios) - 2))}
        FROM base GROUP BY h
    """  # noqa: S608 - names are checked column names; expressions come from the catalogue


def _estimates(names, rows, design, ratios, groupings, columns) -> list[Estimate]:
    """From PSU totals to estimates: cheap, whatever the number of persons."""
    index = {name: i for i, name in enumerate(names)}
    strata = {}  # h -> (PSUs in the sample, fpc)
    cells: dict[tuple, list[tuple]] = {}
    for row in rows:
        if row[0] == -1:
            strata[row[index["h"]]] = (row[index["n0"]], row[index["wd0"]])
            continue
        key = (row[0], *(row[index[c]] for c in columns))
        cells.setdefault(key, []).append(row)
    gids = {_gid(g, columns): g for g in groupings}
    out = []
    for key, psus in cells.items():
        grouping = gids[key[0]]
        group = tuple((c, key[1 + columns.index(c)]) for c in grouping)
        for k, ratio in enumerate(ratios):
            one = _one(k, psus, index, strata, design)
            if one is not None:
                out.append(Estimate(ratio.code, group, *one))
    return out


def _gid(grouping: tuple[str, ...], columns: list[str]) -> int:
    """DuckDB's GROUPING(): one bit per column, the first the highest, set when the
    column is rolled up (not in this grouping)."""
    bits = 0
    for column in columns:
        bits = (bits << 1) | (column not in grouping)
    return bits


def _one(k, psus, index, strata, design):
    col = {name: index[f"{name}{k}"] for name in ("n", "wd", "ty", "tx", "yy", "xy", "xx")}
    n = sum(int(row[col["n"]] or 0) for row in psus)
    if n == 0:
        return None  # nobody of the universe in this cell
    total_y = sum(row[col["ty"]] or 0.0 for row in psus)
    total_x = sum(row[col["tx"]] or 0.0 for row in psus)
    weight = sum(row[col["wd"]] or 0.0 for row in psus)
    if total_x == 0:
        return (None, None, None, None, n, total_y, total_x, None)
    ratio = total_y / total_x
    by_stratum: dict[str, list[float]] = {}
    for row in psus:
        if not row[col["n"]]:
            continue  # no member of the domain in this PSU: a zero, counted through n_h
        t = (row[col["ty"]] - ratio * row[col["tx"]]) / total_x
        by_stratum.setdefault(row[index["h"]], []).append(t)
    variance = _variance(by_stratum, strata, design.lonely_psu)
    se = math.sqrt(variance) if variance is not None and variance >= 0 else None
    deff = _deff(variance, n, weight, ratio, total_x, psus, col)
    low, high = (ratio - Z_95 * se, ratio + Z_95 * se) if se is not None else (None, None)
    return (ratio, se, low, high, n, total_y, total_x, deff)


def _variance(by_stratum, strata, lonely: str) -> float | None:
    variance, present, usable = 0.0, 0, 0
    for h, totals in by_stratum.items():
        n_h, fpc = strata[h]
        present += 1
        f = 1.0 if fpc is None else (1 - fpc if fpc <= 1 else (fpc - n_h) / fpc)
        s1, s2 = sum(totals), sum(t * t for t in totals)
        if n_h > 1:
            variance += f * n_h / (n_h - 1) * (s2 - s1 * s1 / n_h)
            usable += 1
        elif lonely == "fail":
            raise EstimationError(f"stratum {h} has only one PSU")
        elif lonely == "adjust":
            variance += f * s2  # centred on the grand mean, which is zero
            usable += 1
        elif lonely in ("remove", "certainty"):
            usable += 1  # contributes nothing
        # "average": left out here, and the others scaled up below
    if usable == 0:
        return None
    return variance * present / usable


def _deff(variance, n, weight, ratio, total_x, psus, col) -> float | None:
    """Design effect against simple random sampling without replacement of the same
    size, as survey's svymean(deff = TRUE) and svyratio(deff = TRUE) give it."""
    if variance is None or n < 2 or weight <= n:
        return None
    yy = sum(row[col["yy"]] or 0.0 for row in psus)
    xy = sum(row[col["xy"]] or 0.0 for row in psus)
    xx = sum(row[col["xx"]] or 0.0 for row in psus)
    residual = (yy - 2 * ratio * xy + ratio * ratio * xx) / (total_x * total_x)
    srs = n / (n - 1) * residual / weight * weight * weight * (weight - n) / (weight * n)
    return variance / srs if srs > 0 else None
