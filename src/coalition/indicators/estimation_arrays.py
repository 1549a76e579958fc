"""The survey estimator's sums on arrays, for the usual shape of a household survey.

In a stratified cluster sample each PSU is one enumeration area: it lies in one province
and is urban or rural. Grouping columns that are constant within every PSU are then
properties of the PSU, and only the others (sex, wealth, disability) split a PSU's
members. With that known, every (domain, PSU) total the variance needs comes from one
dense array per ratio, PSUs × combinations of the person-level columns, filled by
counting (`numpy.bincount`) over the members of the ratio's universe only, instead of a
hash aggregation per grouping over every row: the same sums, four to five times sooner
and in a seventh of the memory (bench/indicators.py).

DuckDB still reads the file and evaluates the catalogue's SQL expressions; this module
only adds the rows up. It returns, per grouping, cell and ratio, the parts that
`estimation._one` turns into an estimate, exactly as the SQL path's last step does, so
the two agree to rounding (the R reference test runs both). When the data do not have
this shape (no PSUs, or too many person-level combinations for dense arrays), it returns
None and the SQL path runs.
"""

import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from coalition.warehouse.adapter import query, query_arrays

# Dense arrays hold PSUs × person-level combinations per ratio. Past four cells per row
# (with a million cells allowed in any case), they are mostly empty, and the SQL path's
# hash aggregation is the better tool.
CELLS_PER_ROW = 4
ALWAYS_ALLOWED = 1_000_000


def cell_parts(
    table: Path,
    design,
    ratios: Sequence,
    groupings: Sequence[tuple[str, ...]],
    columns: Sequence[str],
    missing: str,
    progress=None,
) -> list[tuple[tuple, int, dict]] | None:
    """[(group, ratio index, parts)] for every cell with members, or None when the data
    do not suit (the caller then uses SQL). `group` is ((column, value), ...) in the
    grouping's order; `missing` is the text standing for a NULL grouping value.
    `progress(fraction)`, if given, hears after each ratio how far it has come."""
    if not design.psu or _has_reserved_columns(table):
        return None
    source = _Source(design, columns, missing)
    values = _values(table, source, columns)
    psus = _psus(table, source, columns, values)
    if psus.count == 0:
        return []
    person = [c for c in columns if psus.codes[c] is None]
    sizes = [len(values[c]) for c in person]
    combinations = math.prod(sizes)
    if psus.count * combinations > max(ALWAYS_ALLOWED, CELLS_PER_ROW * psus.rows):
        return None
    members = _members(table, source, ratios, columns, values, person)
    labels = {c: [None if v == missing else v for v in values[c]] for c in columns}
    layouts = {g: _Layout(g, person, psus, labels) for g in groupings}
    merging = {
        own: _merging(person, sizes, own)
        for own in {layout.own_person for layout in layouts.values()}
    }
    out = []
    for k, ratio in enumerate(ratios):
        rows = members.of(k)
        names, stacked = _ratio_sums(
            rows["key"],
            rows["w"],
            rows["y"],
            None if _is_one(ratio) else rows["x"],
            psus.count * combinations,
        )
        # Per set of person-level columns a grouping keeps, the others added up: one
        # matrix product for all the sums at once.
        flat = stacked.reshape(-1, combinations)
        merged = {
            own: (flat.sum(axis=1) if not own else flat @ matrix).reshape(
                len(stacked), psus.count, -1
            )
            for own, matrix in merging.items()
        }
        for layout in layouts.values():
            out += layout.cells(k, names, merged[layout.own_person], psus, design)
        if progress is not None:
            progress((k + 1) / len(ratios))
    return out


# The engine's own working columns start so; a file with such columns of its own goes the
# SQL way, where none of the file's names can stand in for the engine's.
RESERVED = "__"


def _has_reserved_columns(table: Path) -> bool:
    names, _rows = query("SELECT * FROM dataset LIMIT 0", tables={"dataset": table})
    return any(name.startswith(RESERVED) for name in names)


class _Source:
    """The SQL expressions every query here shares."""

    def __init__(self, design, columns, missing):
        self.weight = f'COALESCE(CAST("{design.weight}" AS DOUBLE), 0)'
        # A missing stratum or PSU label is a label of its own, as in the SQL path.
        self.stratum = (
            f"COALESCE(CAST(\"{design.strata}\" AS VARCHAR), '{_text(missing)}')"
            if design.strata
            else "'1'"
        )
        self.psu = f"COALESCE(CAST(\"{design.psu}\" AS VARCHAR), '{_text(missing)}')"
        self.fpc = f'CAST("{design.fpc}" AS DOUBLE)' if design.fpc else "CAST(NULL AS DOUBLE)"
        self.value = {c: f"COALESCE(CAST(\"{c}\" AS VARCHAR), '{_text(missing)}')" for c in columns}

    def codes(self, columns) -> str:
        """Each grouping column's code: its value's position in the list passed for it."""
        return "".join(
            f", CAST(list_position(?, {self.value[c]}) - 1 AS BIGINT) AS __code_{i}"
            for i, c in enumerate(columns)
        )


def _text(value: str) -> str:
    return value.replace("'", "''")


def _values(table: Path, source: _Source, columns) -> dict[str, list[str]]:
    """Each grouping column's values, in order (their codes are positions here)."""
    if not columns:
        return {}
    lists = ", ".join(
        f"list(DISTINCT {source.value[c]} ORDER BY {source.value[c]})" for c in columns
    )
    _names, [row] = query(f"SELECT {lists} FROM dataset", tables={"dataset": table})  # noqa: S608
    return {c: list(values or []) for c, values in zip(columns, row, strict=True)}


class _Psus:
    """The sample's PSUs, numbered in (stratum, PSU) order so that each stratum's are
    consecutive, with their stratum, and the code of each grouping column constant
    within every PSU (None for the others: person-level columns)."""

    def __init__(self, arrays, columns):
        self.count = len(arrays["h"])
        self.rows = int(arrays["n"].sum()) if self.count else 0
        names, stratum = np.unique(np.asarray(arrays["h"], dtype=object), return_inverse=True)
        self.stratum = stratum.astype(np.int64)
        self.strata = [str(name) for name in names]
        sizes = np.bincount(self.stratum, minlength=len(names)).astype(np.float64)
        self.stratum_sizes = sizes  # PSUs per stratum in the whole sample
        fpc = np.ma.filled(np.ma.asarray(arrays["fpc"], dtype=np.float64), np.nan)
        top = np.full(len(names), np.nan)
        np.fmax.at(top, self.stratum, fpc)
        with np.errstate(invalid="ignore", divide="ignore"):
            self.factors = np.where(
                np.isnan(top), 1.0, np.where(top <= 1, 1 - top, (top - sizes) / top)
            )
        self.codes = {}
        for i, c in enumerate(columns):
            low, high = arrays[f"low_{i}"], arrays[f"high_{i}"]
            self.codes[c] = low.astype(np.int64) if np.array_equal(low, high) else None


def _psus(table: Path, source: _Source, columns, values) -> _Psus:
    bounds = "".join(
        f", MIN(__code_{i}) AS low_{i}, MAX(__code_{i}) AS high_{i}" for i in range(len(columns))
    )
    sql = f"""
        SELECT h, p, COUNT(*) AS n, MAX(fpc) AS fpc{bounds}
        FROM (SELECT {source.stratum} AS h, {source.psu} AS p, {source.fpc} AS fpc
                     {source.codes(columns)} FROM dataset)
        GROUP BY h, p ORDER BY h, p
    """  # noqa: S608 - names are checked column names
    return _Psus(
        query_arrays(sql, [values[c] for c in columns], tables={"dataset": table}), columns
    )


class _Members:
    """Each ratio's universe members: their (PSU, person-level combination) number, weight,
    numerator and denominator. Only members travel from DuckDB, one row each per ratio:
    moving values into NumPy is what costs here."""

    def __init__(self, arrays):
        order = np.argsort(arrays["k"], kind="stable")
        self.arrays = {name: np.asarray(a)[order] for name, a in arrays.items() if name != "k"}
        self.starts = np.concatenate(
            [[0], np.cumsum(np.bincount(arrays["k"].astype(np.int64)))]
        ).astype(np.int64)

    def of(self, k: int) -> dict:
        if k + 1 >= len(self.starts):
            return {name: a[:0] for name, a in self.arrays.items()}
        part = slice(self.starts[k], self.starts[k + 1])
        return {name: a[part] for name, a in self.arrays.items()}


def _members(table, source: _Source, ratios, columns, values, person) -> _Members:
    combinations = "1"
    cell = "0"
    for c in person:
        size = len(values[c])
        cell = f"({cell}) * {size} + __code_{columns.index(c)}"
        combinations = f"{combinations} * {size}"
    with_x = any(not _is_one(r) for r in ratios)
    branches = []
    for k, ratio in enumerate(ratios):
        inside = (
            f"({ratio.universe}) AND ({ratio.numerator}) IS NOT NULL "
            f"AND ({ratio.denominator}) IS NOT NULL"
        )
        x = f", CAST(({ratio.denominator}) AS DOUBLE) AS x" if with_x else ""
        branch = (
            f"SELECT CAST({k} AS SMALLINT) AS k, __key AS key, __w AS w, "  # noqa: S608
            f"CAST(({ratio.numerator}) AS DOUBLE) AS y{x} FROM rows WHERE {inside}"
        )
        branches.append(branch)
    sql = f"""
        WITH psu AS (
            SELECT __h, __p, row_number() OVER (ORDER BY __h, __p) - 1 AS __pi
            FROM (SELECT DISTINCT {source.stratum} AS __h, {source.psu} AS __p FROM dataset)
        ),
        rows AS (
            SELECT * EXCLUDE (__h, __p, __pi), __pi * ({combinations}) + {cell} AS __key,
                   {source.weight} AS __w
            FROM (SELECT *, {source.stratum} AS __h, {source.psu} AS __p
                         {source.codes(columns)} FROM dataset)
            JOIN psu USING (__h, __p)
        )
        {" UNION ALL ".join(branches)}
    """  # noqa: S608 - names are checked column names; expressions come from the catalogue
    return _Members(query_arrays(sql, [values[c] for c in columns], tables={"dataset": table}))


def _is_one(ratio) -> bool:
    return ratio.denominator.strip() == "1"


def _merging(person, sizes, own) -> np.ndarray:
    """A 0/1 matrix from every combination of the person-level columns to the
    combination of those in `own` it belongs to (mixed-radix codes, first column
    highest)."""
    combinations = math.prod(sizes)
    code = np.arange(combinations)
    digits = {}
    for c, size in reversed(list(zip(person, sizes, strict=True))):
        code, digits[c] = np.divmod(code, size)
    target = np.zeros(combinations, dtype=np.int64)
    kept = 1
    for c, size in zip(person, sizes, strict=True):
        if c in own:
            target = target * size + digits[c]
            kept *= size
    matrix = np.zeros((combinations, kept))
    matrix[np.arange(combinations), target] = 1.0
    return matrix


def _ratio_sums(key, weight, y, x, cells) -> tuple[dict[str, int], np.ndarray]:
    """Per (PSU, person-level combination), over the universe's members: count (m),
    Σw·y, Σw·x and what the design effect needs (Σw, Σw·y², Σw·x·y, Σw·x²), stacked
    into one array with each name's position. Without x (a proportion), x is 1 and its
    sums are sums already made."""

    def total(values=None):
        return np.bincount(key, weights=values, minlength=cells)

    wy = weight * y
    # A yes/no numerator (the usual one) is its own square: Σw·y² is Σw·y.
    binary = bool(np.all((y == 0) | (y == 1)))
    arrays = [total(), total(wy), total(weight)]
    names = {"m": 0, "py": 1, "wd": 2, "wyy": 1}
    if not binary:
        arrays.append(total(wy * y))
        names["wyy"] = 3
    if x is None:
        names.update(px=2, wxx=2, wxy=1)
    else:
        wx = weight * x
        more = len(arrays)
        arrays += [total(wx), total(wx * y), total(wx * x)]
        names.update(px=more, wxy=more + 1, wxx=more + 2)
    return names, np.stack(arrays)


class _Layout:
    """Where a grouping's cells lie: each (PSU, combination of the grouping's
    person-level columns) belongs to one cell, through the PSU's values of the
    grouping's PSU-level columns; worked out once for every ratio."""

    def __init__(self, grouping, person, psus: _Psus, labels):
        self.grouping = grouping
        self.own_person = tuple(c for c in person if c in grouping)
        own_psu = [c for c in grouping if c not in person]
        self.person_cells = math.prod(len(labels[c]) for c in self.own_person)
        psu_cells = math.prod(len(labels[c]) for c in own_psu)
        place = np.zeros(psus.count, dtype=np.int64)
        for c in own_psu:
            place = place * len(labels[c]) + psus.codes[c]
        self.count = psu_cells * self.person_cells
        self.index = (place[:, None] * self.person_cells + np.arange(self.person_cells)).ravel()
        self.in_stratum = np.repeat(psus.stratum, self.person_cells) * self.count + self.index
        self.groups = [
            _group(grouping, own_psu, cell // self.person_cells, self.own_person,
                   cell % self.person_cells, labels)
            for cell in range(self.count)
        ]  # fmt: skip

    def cells(self, k, names, local, psus: _Psus, design) -> list:
        """The parts of every cell with members, for ratio k."""
        flat = {i: local[i].ravel() for i in set(names.values())}
        totals = {
            i: np.bincount(self.index, weights=a, minlength=self.count) for i, a in flat.items()
        }
        n, tx, ty = totals[names["m"]], totals[names["px"]], totals[names["py"]]
        with np.errstate(invalid="ignore", divide="ignore"):
            ratio = np.where(tx != 0, ty / tx, 0.0)
            scale = np.where(tx != 0, 1.0 / tx, 0.0)
        # Each PSU's linearised total in each cell: (Y − R·X) / X̂.
        linear = (flat[names["py"]] - ratio[self.index] * flat[names["px"]]) * scale[self.index]
        size = len(psus.strata) * self.count

        def by_stratum(values):
            return np.bincount(self.in_stratum, weights=values, minlength=size).reshape(
                -1, self.count
            )

        s1, s2, has = (
            by_stratum(linear),
            by_stratum(linear * linear),
            by_stratum(flat[names["m"]]) > 0,
        )
        n_h, f = psus.stratum_sizes[:, None], psus.factors[:, None]
        keeps = design.lonely_psu in ("adjust", "remove", "certainty")
        counted = has & ((n_h > 1) | keeps)
        with np.errstate(invalid="ignore", divide="ignore"):
            spread = np.where(
                n_h > 1,
                f * n_h / np.maximum(n_h - 1, 1) * (s2 - s1 * s1 / n_h),
                f * s2 if design.lonely_psu == "adjust" else 0.0,
            )
        variance = np.where(counted, spread, 0.0).sum(axis=0).tolist()
        present, usable = has.sum(axis=0).tolist(), counted.sum(axis=0).tolist()
        alone = has & (n_h == 1)
        # The first (by name) single-PSU stratum holding members of each cell, if any.
        lonely = np.where(alone.any(axis=0), alone.argmax(axis=0), -1).tolist()
        # Python numbers from here: one conversion per array, not one per value.
        sums = {name: totals[names[source]].tolist() for name, source in _TOTALS.items()}
        counts = n.tolist()
        out = []
        for cell in np.flatnonzero(n > 0).tolist():
            parts = {name: values[cell] for name, values in sums.items()}
            parts.update(
                n=int(counts[cell]),
                v=variance[cell] if usable[cell] else None,
                present=present[cell],
                usable=usable[cell],
                lonely=psus.strata[lonely[cell]] if lonely[cell] >= 0 else None,
            )
            out.append((self.groups[cell], k, parts))
        return out


# The parts named as estimation._one reads them, and the sums they are.
_TOTALS = {"wd": "wd", "ty": "py", "tx": "px", "yy": "wyy", "xy": "wxy", "xx": "wxx"}


def _group(grouping, own_psu, psu_part, own_person, person_part, labels) -> tuple:
    """((column, value), ...) in the grouping's order, from the two mixed-radix codes."""
    found = {}
    for columns, code in ((own_psu, psu_part), (own_person, person_part)):
        for c in reversed(columns):
            code, position = divmod(code, len(labels[c]))
            found[c] = labels[c][position]
    return tuple((c, found[c]) for c in grouping)
