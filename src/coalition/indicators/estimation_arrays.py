"""The survey estimator's sums on arrays, for the usual shape of a household survey.

In a stratified cluster sample each PSU is one enumeration area: it lies in one province
and is urban or rural. Grouping columns that are constant within every PSU are then
properties of the PSU, and only the others (sex, wealth, disability) split a PSU's
members. The variance of a domain's ratio needs, per stratum, the sum and the sum of
squares of the domain's linearised PSU totals t_p = (Y_p − R·X_p) / X. A class of PSUs
(same stratum, same values of the PSU-level columns) lies wholly inside or outside a
domain, and its part of both follows from five sums over its PSUs, whatever the domain's
ratio R turns out to be:

    Σ Y_p,  Σ X_p,  Σ u_p²,  Σ u_p·X_p,  Σ X_p²        with u_p = Y_p − r₀·X_p

where r₀ is the class's own ratio, so that t_p·X = u_p − (R − r₀)·X_p is worked out from
small numbers: where every t_p is zero, R = r₀ and nothing cancels. So, per ratio and per
set of person-level columns a grouping keeps (sex; sex and wealth; ...), one dense array
of cells × PSUs is filled by counting (`numpy.bincount`) over the ratio's universe
members; its squares are added up per class (the class's PSUs are consecutive, so
`add.reduceat` does it); and each grouping then only adds its classes together, work
that no longer grows with the rows.

DuckDB reads the file, evaluates the catalogue's SQL expressions, tells which grouping
columns are PSU-level and numbers the PSUs by class. One row per person comes back: PSU,
combination of person-level values, weight, and a byte per ratio whose numerator is a
yes/no. A few bytes a person, because filling new NumPy memory is, after the sums, what
costs most here (bench/indicators.py).

This module returns, per grouping, cell and ratio, the parts that `estimation._one`
turns into an estimate, exactly as the SQL path's last step does, so the two agree to
rounding (the R reference test runs both). When the data do not have this shape (no
PSUs, too many cells for dense arrays, or columns named like the engine's own), it
returns None and the SQL path runs.
"""

import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from coalition.warehouse.adapter import Reader, reading

# Dense arrays hold PSUs × cells of the person-level columns a grouping keeps. Past four
# cells per row (with a million cells allowed in any case), they are mostly empty, and
# the SQL path's hash aggregation is the better tool.
CELLS_PER_ROW = 4
ALWAYS_ALLOWED = 1_000_000
# The engine's own working columns start so; a file with such columns of its own goes the
# SQL way, where none of the file's names can stand in for the engine's.
RESERVED = "__"


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
    if not design.psu:
        return None
    with reading({"dataset": table}) as db:
        if _has_reserved_columns(db):
            return None
        source = _Source(design, columns, missing, ratios)
        values = _values(db, source, columns)
        psus = _psus(db, source, columns, values)
        if psus.count == 0:
            return []
        allowed = max(ALWAYS_ALLOWED, CELLS_PER_ROW * psus.rows)
        if psus.combinations > allowed:
            return None
        kept = {tuple(c for c in psus.person if c in g) for g in groupings}
        own_sets = {own: _OwnSet(own, psus) for own in kept}
        if psus.count * max((own.cells for own in own_sets.values()), default=1) > allowed:
            return None
        # Numerators are taken for yes/no (a byte each) until a value says otherwise;
        # then the rows are read again with those numerators' values.
        yes_no = [True] * len(ratios)
        rows = db.arrays(*_rows_sql(source, ratios, psus, yes_no))
        yes_no = [not np.any(rows[f"__y{k}"] > 1) for k in range(len(ratios))]
        if not all(yes_no):
            rows = db.arrays(*_rows_sql(source, ratios, psus, yes_no))
    layouts = [_Layout(g, psus, own_sets, missing) for g in groupings]
    out = []
    for k in range(len(ratios)):
        universe = _Universe(rows, k, yes_no[k])
        sums = {own: own_set.class_sums(psus, universe) for own, own_set in own_sets.items()}
        for layout in layouts:
            out += layout.cells(k, sums[layout.own.columns], psus, design)
        if progress is not None:
            progress((k + 1) / len(ratios))
    return out


def _has_reserved_columns(db: Reader) -> bool:
    names, _rows = db.rows("SELECT * FROM dataset LIMIT 0")
    return any(name.startswith(RESERVED) for name in names)


class _Source:
    """The SQL expressions every query here shares."""

    def __init__(self, design, columns, missing, ratios):
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
        self.inside = [
            f"(({r.universe}) AND ({r.numerator}) IS NOT NULL AND ({r.denominator}) IS NOT NULL)"
            for r in ratios
        ]


def _text(value: str) -> str:
    return value.replace("'", "''")


def _values(db: Reader, source: _Source, columns) -> dict[str, list[str]]:
    """Each grouping column's values, in order (their codes are positions here)."""
    if not columns:
        return {}
    lists = ", ".join(
        f"list(DISTINCT {source.value[c]} ORDER BY {source.value[c]})" for c in columns
    )
    _names, [row] = db.rows(f"SELECT {lists} FROM dataset")  # noqa: S608
    return {c: list(found or []) for c, found in zip(columns, row, strict=True)}


class _Psus:
    """The sample's PSUs and what the arrays are laid out by. Grouping columns constant
    within every PSU are PSU-level (each PSU's code kept); the others are person-level.
    PSUs are numbered by class: stratum, then the values of the PSU-level columns, so
    that a class's PSUs are consecutive. With them: the strata's names in order, their
    PSU counts and finite population factors."""

    def __init__(self, arrays, strata, columns, constant, values, rows):
        self.count = len(arrays["stratum"])
        self.rows = rows
        self.values = values
        self.stratum = arrays["stratum"].astype(np.int64)
        self.strata = strata
        sizes = np.bincount(self.stratum, minlength=len(strata)).astype(np.float64)
        self.stratum_sizes = sizes  # PSUs per stratum in the whole sample
        top = np.full(len(strata), np.nan)
        np.fmax.at(top, self.stratum, arrays["fpc"].astype(np.float64))
        with np.errstate(invalid="ignore", divide="ignore"):
            self.factors = np.where(
                np.isnan(top), 1.0, np.where(top <= 1, 1 - top, (top - sizes) / top)
            )
        self.person = [c for c in columns if not constant[c]]
        self.sizes = [len(values[c]) for c in self.person]
        self.combinations = math.prod(self.sizes)
        psu_level = [c for c in columns if constant[c]]
        codes = {c: arrays[f"code_{columns.index(c)}"].astype(np.int64) for c in psu_level}
        changes = np.zeros(self.count, dtype=bool)
        if self.count:
            changes[0] = True
        for key in [self.stratum, *codes.values()]:
            changes[1:] |= key[1:] != key[:-1]
        self.starts = np.flatnonzero(changes)  # each class's first PSU
        self.lengths = np.diff(np.append(self.starts, self.count))
        self.class_stratum = self.stratum[self.starts]
        self.class_codes = {c: code[self.starts] for c, code in codes.items()}


def _psus(db: Reader, source: _Source, columns, values) -> _Psus:
    """Numbers the PSUs in a temporary table (`__order`) the rows' query joins."""
    # A column is constant within a PSU when its values' 64-bit hashes are (text compares
    # several times slower). Two of a thousand values colliding in a PSU is a chance of
    # about 3 in 10^14.
    bounds = "".join(
        f", MIN(hash(__v{i})) AS __low_{i}, MAX(hash(__v{i})) AS __high_{i}, "
        f"first(__v{i}) AS __value_{i}"
        for i in range(len(columns))
    )
    inner = "".join(f", {source.value[c]} AS __v{i}" for i, c in enumerate(columns))
    db.run(f"""
        CREATE TEMPORARY TABLE __psu AS
        SELECT __h, __p, COALESCE(MAX(__fpc), CAST('NaN' AS DOUBLE)) AS __fpc,
               COUNT(*) AS __n{bounds}
        FROM (SELECT {source.stratum} AS __h, {source.psu} AS __p, {source.fpc} AS __fpc{inner}
              FROM dataset)
        GROUP BY __h, __p
    """)  # noqa: S608 - names are checked column names
    checks = "".join(f", bool_and(__low_{i} = __high_{i})" for i in range(len(columns)))
    _names, [(rows, strata, *same)] = db.rows(
        f"SELECT COALESCE(SUM(__n), 0), list(DISTINCT __h ORDER BY __h){checks} FROM __psu"  # noqa: S608
    )
    constant = {c: bool(flag) for c, flag in zip(columns, same, strict=True)}
    by_class = [f"__value_{i}" for i, c in enumerate(columns) if constant[c]]
    # A PSU-level column's values are its PSUs' values, so their rank among the PSUs is
    # their position in the column's list (both ordered alike): no search of the list per
    # PSU, which a column of many values (a village, a household) would make slow.
    codes = "".join(
        f", CAST(dense_rank() OVER (ORDER BY __value_{i}) - 1 AS INTEGER) AS code_{i}"
        for i, c in enumerate(columns)
        if constant[c]
    )
    order = f"""
        CREATE TEMPORARY TABLE __order AS
        SELECT __h, __p, __fpc,
               CAST(row_number() OVER (ORDER BY {", ".join(["__h", *by_class, "__p"])}) - 1
                    AS INTEGER) AS __pi,
               CAST(dense_rank() OVER (ORDER BY __h) - 1 AS INTEGER) AS __stratum{codes}
        FROM __psu
    """  # noqa: S608 - names are the engine's own
    db.run(order)
    code_names = "".join(f", code_{i}" for i, c in enumerate(columns) if constant[c])
    arrays = db.arrays(
        f"SELECT __stratum AS stratum, __fpc AS fpc{code_names} FROM __order ORDER BY __pi"  # noqa: S608
    )
    return _Psus(arrays, [str(h) for h in strata or []], list(columns), constant, values, rows)


def _rows_sql(source: _Source, ratios, psus: _Psus, yes_no) -> tuple[str, list]:
    """One row per person: PSU number, code of the combination of person-level values,
    weight, and per ratio a byte: -1 outside its universe, else the yes/no (2 for any
    other value). For a numerator not taken for yes/no, the byte is 1 for members, and
    its value comes as well; the denominator where it is not 1."""
    cell = "0"
    for c, size in zip(psus.person, psus.sizes, strict=True):
        cell = f"({cell}) * {size} + (list_position(?, {source.value[c]}) - 1)"
    per_ratio = []
    for k, (ratio, inside) in enumerate(zip(ratios, source.inside, strict=True)):
        y = f"CAST(({ratio.numerator}) AS DOUBLE)"
        if yes_no[k]:
            per_ratio.append(
                # A NULL universe is outside, as in the SQL path: CASE WHEN, never NOT.
                f"CAST(CASE WHEN {inside} THEN (CASE WHEN {y} IN (0, 1) THEN {y} ELSE 2 END) "
                f"ELSE -1 END AS TINYINT) AS __y{k}"
            )
        else:
            per_ratio.append(f"CAST(CASE WHEN {inside} THEN 1 ELSE -1 END AS TINYINT) AS __y{k}")
            per_ratio.append(f"CASE WHEN {inside} THEN {y} ELSE 0 END AS __v{k}")
        if not _is_one(ratio):
            x = f"CAST(({ratio.denominator}) AS DOUBLE)"
            per_ratio.append(f"CASE WHEN {inside} THEN {x} ELSE 0 END AS __x{k}")
    sql = f"""
        SELECT __pi, __cell, __w, {", ".join(per_ratio)}
        FROM (SELECT *, {source.stratum} AS __h, {source.psu} AS __p,
                     {source.weight} AS __w, CAST({cell} AS INTEGER) AS __cell
              FROM dataset)
        JOIN __order USING (__h, __p)
    """  # noqa: S608 - names are checked column names; expressions come from the catalogue
    return sql, [psus.values[c] for c in psus.person]


def _is_one(ratio) -> bool:
    return ratio.denominator.strip() == "1"


class _Universe:
    """One ratio's members: their row positions, weights, values, PSUs and cells."""

    def __init__(self, rows, k: int, yes_no: bool):
        flag = rows[f"__y{k}"]
        self.index = np.flatnonzero(flag >= 0)
        self.weight = rows["__w"][self.index]
        self.yes_no = yes_no
        self.y = (flag if yes_no else rows[f"__v{k}"])[self.index]
        self.x = rows[f"__x{k}"][self.index] if f"__x{k}" in rows else None
        # As bincount takes them: it would convert narrower numbers at every call.
        self.psu = rows["__pi"][self.index].astype(np.intp)
        self.combination = rows["__cell"][self.index].astype(np.intp)


# The sums a grouping adds up over its classes as they are; estimation._one's names for
# them are mapped below.
_LINEAR = ("m", "wd", "py", "px", "wyy", "wxy", "wxx")


class _OwnSet:
    """The person-level columns one or more groupings keep, and where each combination of
    all person-level columns falls among theirs (mixed-radix codes, first column
    highest)."""

    def __init__(self, columns, psus: _Psus):
        self.columns = columns
        code = np.arange(psus.combinations)
        digits = {}
        for c, size in reversed(list(zip(psus.person, psus.sizes, strict=True))):
            code, digits[c] = np.divmod(code, size)
        proj = np.zeros(psus.combinations, dtype=np.int64)
        for c, size in zip(psus.person, psus.sizes, strict=True):
            if c in columns:
                proj = proj * size + digits[c]
        self.proj = proj
        self.cells = math.prod(len(psus.values[c]) for c in columns)

    def class_sums(self, psus: _Psus, universe: _Universe) -> dict:
        """Per cell of these columns × class of PSUs, every part a grouping needs, and
        the class's own ratio r₀ the squares are centred on. Cells are rows, so that
        adding up a class's PSUs runs along memory."""
        cells, count = self.cells, psus.count
        key = universe.psu if cells == 1 else self.proj[universe.combination] * count + universe.psu

        def per_psu(weights=None):
            return np.bincount(key, weights=weights, minlength=count * cells).reshape(cells, count)

        def per_class(values):
            return np.add.reduceat(values, psus.starts, axis=1)

        w, y, x = universe.weight, universe.y, universe.x
        wy = w * y
        wx = w if x is None else w * x
        psu = {"m": per_psu(), "wd": per_psu(w), "py": per_psu(wy)}
        psu["px"] = psu["wd"] if x is None else per_psu(wx)
        reduced = {name: per_class(values) for name, values in psu.items()}
        reduced["m"] = reduced["m"].astype(np.float64)
        with np.errstate(invalid="ignore", divide="ignore"):
            r0 = np.where(reduced["px"] != 0, reduced["py"] / reduced["px"], 0.0)
        py, px = psu["py"], psu["px"]
        u = py - np.repeat(r0, psus.lengths, axis=1) * px
        reduced.update(uu=per_class(u * u), ux=per_class(u * px), xx2=per_class(px * px))
        # Person-level sums of squares for the design effect; a yes/no is its own square.
        reduced["wyy"] = reduced["py"] if universe.yes_no else per_class(per_psu(wy * y))
        reduced["wxy"] = reduced["py"] if x is None else per_class(per_psu(wx * y))
        reduced["wxx"] = reduced["wd"] if x is None else per_class(per_psu(wx * x))
        reduced["r0"] = r0
        return reduced


class _Layout:
    """Where a grouping's cells lie: each (class of PSUs, cell of the grouping's
    person-level columns) belongs to one (stratum, cell), through the class's values of
    the grouping's PSU-level columns; worked out once for every ratio."""

    def __init__(self, grouping, psus: _Psus, own_sets: dict, missing):
        self.grouping = grouping
        self.own = own_sets[tuple(c for c in psus.person if c in grouping)]
        own_psu = [c for c in grouping if c not in psus.person]
        labels = {c: [None if v == missing else v for v in psus.values[c]] for c in grouping}
        person_cells = self.own.cells
        place = np.zeros(len(psus.starts), dtype=np.int64)
        psu_cells = 1
        for c in own_psu:
            place = place * len(labels[c]) + psus.class_codes[c]
            psu_cells *= len(labels[c])
        self.count = psu_cells * person_cells
        # In the order of the class sums: person-level cell, then class.
        cell = place[None, :] * person_cells + np.arange(person_cells)[:, None]
        self.cell = cell
        self.key = (psus.class_stratum[None, :] * self.count + cell).ravel()
        self.groups = [
            _group(grouping, own_psu, c // person_cells, self.own.columns,
                   c % person_cells, labels)
            for c in range(self.count)
        ]  # fmt: skip

    def cells(self, k, sums: dict, psus: _Psus, design) -> list:
        """The parts of every cell with members, for ratio k."""
        size = len(psus.strata) * self.count

        def by_stratum(values):
            return np.bincount(self.key, weights=values.ravel(), minlength=size).reshape(
                -1, self.count
            )

        part = {}
        for name in _LINEAR:
            # Parts that are the same array (a yes/no's Σw·y² is its Σw·y) are added once.
            same = next((other for other in part if sums[other] is sums[name]), None)
            part[name] = part[same] if same else by_stratum(sums[name])
        n, ty, tx = part["m"].sum(axis=0), part["py"].sum(axis=0), part["px"].sum(axis=0)
        with np.errstate(invalid="ignore", divide="ignore"):
            ratio = np.where(tx != 0, ty / tx, 0.0)
            scale = np.where(tx != 0, 1.0 / tx, 0.0)
        # Per class: Σ (u_p − δ·X_p)², δ the cell's ratio less the class's (docstring).
        shift = ratio[self.cell] - sums["r0"]
        squares = sums["uu"] - 2 * shift * sums["ux"] + shift * shift * sums["xx2"]
        # Per stratum: Σ t_p and Σ t_p² of the linearised PSU totals.
        s1 = (part["py"] - ratio * part["px"]) * scale
        s2 = by_stratum(squares) * scale * scale
        has = part["m"] > 0
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
        totals = {name: part[source].sum(axis=0).tolist() for name, source in _TOTALS.items()}
        counts = n.tolist()
        out = []
        for cell in np.flatnonzero(n > 0).tolist():
            parts = {name: values[cell] for name, values in totals.items()}
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
