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

Designs with PSUs usually take the array path (estimation_arrays.py): the same parts,
added up in NumPy. Otherwise the SQL below runs in DuckDB through the warehouse: one
scan of the rows aggregates every indicator for every (domain, PSU) with GROUPING SETS;
everything after that works on those PSU totals, which are few.
"""

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from coalition.indicators import estimation_arrays
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


def estimate(
    table: Path,
    design: Design,
    ratios: Sequence[Ratio],
    by: Sequence[Sequence[str]] = ((),),
    progress=None,
) -> list[Estimate]:
    """Every ratio for every cell of every grouping in `by` (each a tuple of columns;
    () is the whole population), from one Parquet file. `progress(fraction)`, if given,
    hears how far the work has come."""
    groupings = [tuple(g) for g in by]
    columns = sorted({c for g in groupings for c in g})
    for column in columns:
        if not _NAME.match(column):
            raise EstimationError(f"not a column name: {column!r}")
    cells = estimation_arrays.cell_parts(
        table, design, ratios, groupings, columns, MISSING, progress
    )
    if cells is None:  # not a shape the array path takes: the general SQL, in one go
        sql = _sql(design, ratios, groupings, columns)
        names, rows = query(sql, tables={"dataset": table})
        if progress is not None:
            progress(1.0)
        return _estimates(names, rows, design, ratios, groupings, columns)
    out = []
    for group, k, parts in cells:
        one = _one(parts, design)
        if one is not None:
            out.append(Estimate(ratios[k].code, group, *one))
    return out


MISSING = "\x01"  # stands for a NULL value of a grouping column inside the SQL


def _sql(design: Design, ratios, groupings, columns) -> str:
    """All in DuckDB, one row per cell back to Python: (1) one scan sums each ratio's
    parts per cell and PSU (GROUPING SETS), another per cell; (2) each PSU total is
    linearised with its cell's ratio; (3) their sums and sums of squares per cell and
    stratum; (4) the variance per cell, with each stratum's PSU count and fpc taken from
    the whole sample. A grouping column's own NULLs are kept apart from the NULLs
    GROUPING SETS makes for columns a grouping leaves out."""
    # A missing stratum or PSU label is a label of its own (a NULL would not join).
    stratum = (
        f"COALESCE(CAST(\"{design.strata}\" AS VARCHAR), '{MISSING}')" if design.strata else "'1'"
    )
    psu = (
        f"COALESCE(CAST(\"{design.psu}\" AS VARCHAR), '{MISSING}')"
        if design.psu
        else "CAST(row_number() OVER () AS VARCHAR)"
    )
    fpc = f'CAST("{design.fpc}" AS DOUBLE)' if design.fpc else "CAST(NULL AS DOUBLE)"
    by_columns = "".join(
        f', COALESCE(CAST("{c}" AS VARCHAR), \'{MISSING}\') AS "{c}"' for c in columns
    )
    quoted = [f'"{c}"' for c in columns]
    # Columns a grouping leaves out come back NULL; '' makes them joinable.
    cell_out = "".join(f", COALESCE({q}, '') AS {q}" for q in quoted)
    cell = ", ".join(["gid", *quoted])
    ks = range(len(ratios))
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
    psu_sums = ", ".join(
        f"SUM(d{k}) AS m{k}, SUM(w * y{k}) AS py{k}, SUM(w * x{k}) AS px{k}" for k in ks
    )
    cell_sums = ", ".join(
        f"SUM(d{k}) AS n{k}, SUM(w * d{k}) AS wd{k}, SUM(w * y{k}) AS ty{k}, "
        f"SUM(w * x{k}) AS tx{k}, SUM(w * y{k} * y{k}) AS yy{k}, "
        f"SUM(w * x{k} * y{k}) AS xy{k}, SUM(w * x{k} * x{k}) AS xx{k}"
        for k in ks
    )
    # z's PSU total: (py - R px) / X with R = Y / X; NULL where the cell's X is zero.
    linear = {
        k: f"CASE WHEN c.tx{k} <> 0 THEN (p.py{k} - c.ty{k} / c.tx{k} * p.px{k}) / c.tx{k} END"
        for k in ks
    }
    stratum_sums = ", ".join(
        f"SUM({linear[k]}) AS s1_{k}, SUM(({linear[k]}) * ({linear[k]})) AS s2_{k}, "
        f"SUM(p.m{k}) AS m{k}"
        for k in ks
    )
    keeps = "('adjust', 'remove', 'certainty')"
    lonely = _quote_text(design.lonely_psu)
    counted = {k: f"m{k} > 0 AND (n_h > 1 OR {lonely} IN {keeps})" for k in ks}
    variance_sums = ", ".join(
        f"SUM(CASE WHEN n_h > 1 THEN f * n_h / (n_h - 1) * (s2_{k} - s1_{k} * s1_{k} / n_h) "
        f"WHEN {lonely} = 'adjust' THEN f * s2_{k} ELSE 0 END) FILTER (WHERE {counted[k]}) "
        f"AS v{k}, COUNT(*) FILTER (WHERE m{k} > 0) AS present{k}, "
        f"COUNT(*) FILTER (WHERE {counted[k]}) AS usable{k}, "
        f"MIN(CASE WHEN m{k} > 0 AND n_h = 1 THEN h END) AS lonely{k}"
        for k in ks
    )
    psu_sets = ", ".join(
        "(" + ", ".join([*(f'"{c}"' for c in g), "h", "p"]) + ")" for g in groupings
    )
    cell_sets = ", ".join("(" + ", ".join(f'"{c}"' for c in g) + ")" for g in groupings)
    grouping_id = f"GROUPING({', '.join(quoted)})" if columns else "0"
    joined = " AND ".join(f"p.{x} = c.{x}" for x in ["gid", *quoted])
    return f"""
        WITH base AS (
            SELECT CAST("{design.weight}" AS DOUBLE) AS w, {stratum} AS h, {psu} AS p,
                   {fpc} AS fpc{by_columns}, {", ".join(per_ratio)}
            FROM dataset
        ),
        design AS (
            SELECT h, COUNT(DISTINCT p) AS n_h,
                   CASE WHEN MAX(fpc) IS NULL THEN 1.0
                        WHEN MAX(fpc) <= 1 THEN 1 - MAX(fpc)
                        ELSE (MAX(fpc) - COUNT(DISTINCT p)) / MAX(fpc) END AS f
            FROM base GROUP BY h
        ),
        psus AS (
            SELECT {grouping_id} AS gid{cell_out}, h, p, {psu_sums}
            FROM base GROUP BY GROUPING SETS ({psu_sets})
        ),
        cells AS (
            SELECT {grouping_id} AS gid{cell_out}, {cell_sums}
            FROM base GROUP BY GROUPING SETS ({cell_sets})
        ),
        strata AS (
            SELECT {", ".join("p." + x for x in ["gid", *quoted])}, p.h, {stratum_sums}
            FROM psus p JOIN cells c ON {joined}
            GROUP BY {", ".join("p." + x for x in ["gid", *quoted])}, p.h
        ),
        variances AS (
            SELECT {cell}, {variance_sums}
            FROM strata JOIN design USING (h) GROUP BY {cell}
        )
        SELECT * FROM cells JOIN variances USING ({cell})
    """  # noqa: S608 - names are checked column names; expressions come from the catalogue


def _quote_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _estimates(names, rows, design, ratios, groupings, columns) -> list[Estimate]:
    """One row per cell: the estimates, intervals and design effects of every ratio."""
    index = {name: i for i, name in enumerate(names)}
    gids = {_gid(g, columns): g for g in groupings}
    out = []
    for row in rows:
        grouping = gids[row[0]]
        group = tuple((c, _value(row[index[c]])) for c in grouping)
        for k, ratio in enumerate(ratios):
            one = _one({name: row[index[f"{name}{k}"]] for name in _PARTS}, design)
            if one is not None:
                out.append(Estimate(ratio.code, group, *one))
    return out


def _value(text: str):
    return None if text == MISSING else text


_PARTS = ("n", "wd", "ty", "tx", "yy", "xy", "xx", "v", "present", "usable", "lonely")


def _gid(grouping: tuple[str, ...], columns: list[str]) -> int:
    """DuckDB's GROUPING(): one bit per column, the first the highest, set when the
    column is rolled up (not in this grouping)."""
    bits = 0
    for column in columns:
        bits = (bits << 1) | (column not in grouping)
    return bits


def _one(parts: dict, design: Design):
    n = int(parts["n"] or 0)
    if n == 0:
        return None  # nobody of the universe in this cell
    total_y, total_x = parts["ty"] or 0.0, parts["tx"] or 0.0
    if total_x == 0:
        return (None, None, None, None, n, total_y, total_x, None)
    if parts["lonely"] is not None and design.lonely_psu == "fail":
        raise EstimationError(f"stratum {parts['lonely']} has only one PSU")
    ratio = total_y / total_x
    variance = None
    if parts["usable"]:
        # "average" leaves lonely strata out and scales the others up to all strata.
        variance = (parts["v"] or 0.0) * parts["present"] / parts["usable"]
        # A sum of squares: below zero only by rounding, where it is zero in truth.
        variance = max(variance, 0.0)
    se = math.sqrt(variance) if variance is not None else None
    deff = _deff(variance, n, parts["wd"] or 0.0, ratio, total_x, parts)
    low, high = (ratio - Z_95 * se, ratio + Z_95 * se) if se is not None else (None, None)
    return (ratio, se, low, high, n, total_y, total_x, deff)


def _deff(variance, n, weight, ratio, total_x, parts) -> float | None:
    """Design effect against simple random sampling without replacement of the same
    size, as survey's svymean(deff = TRUE) and svyratio(deff = TRUE) give it."""
    if variance is None or n < 2 or weight <= n:
        return None
    yy, xy, xx = parts["yy"] or 0.0, parts["xy"] or 0.0, parts["xx"] or 0.0
    residual = (yy - 2 * ratio * xy + ratio * ratio * xx) / (total_x * total_x)
    srs = n / (n - 1) * residual / weight * weight * weight * (weight - n) / (weight * n)
    return variance / srs if srs > 0 else None
