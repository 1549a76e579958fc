"""Administrative indicators: ratios of counts from the school census (schools and
enrolment) with population denominators, for every allowed cell, one scan per table.

Recipes (catalogue/indicators.json), all SQL over the canonical columns:
- enrolment_over_population: Σ value (pupils, or pupils − repeaters) over the enrolment
  rows where `numerator` holds, per population of ages `ages` (both ends included) in the
  census year; `complement` gives 1 − that ratio (out-of-school rates).
- enrolment_share: pupils where `numerator` holds among pupils where `denominator` holds.
- school_share: schools reporting a service (1) among schools of the level reporting it.
- school_ratio: Σ numerator column / Σ denominator column over schools of the level.
- pupils_per_teacher: pupils enrolled at the level per teacher counted in `teachers`.

Enrolment is placed by its school's province and location (from the schools table).
National population is the country's own rows when the file has them, else the sum of
its provinces."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from coalition.indicators.catalogue import Indicator
from coalition.indicators.parity import adjusted_parity, parity_pairs
from coalition.indicators.school_system import SchoolSystem
from coalition.warehouse.adapter import query

ENROLMENT_SETS = ((), ("sex",), ("province",), ("sex", "province"))
SCHOOL_SETS = ((), ("location",), ("province",))


@dataclass(frozen=True)
class CountRatio:
    code: str
    group: tuple[tuple[str, object], ...]
    value: float | None
    numerator: float
    denominator: float


@dataclass(frozen=True)
class CountParity:
    code: str
    index: str
    group: tuple[tuple[str, object], ...]
    value: float | None
    # For disclosure control, which judges an index by the counts of both its sides: the
    # smallest count above zero of either side, and the smaller side's denominator.
    numerator: float
    denominator: float


@dataclass(frozen=True)
class Sources:
    """The census year's tables (any may be missing) and the population estimates."""

    year: int | None
    schools: Path | None = None
    enrolment: Path | None = None
    population: Path | None = None


def administrative_indicators(
    sources: Sources, system: SchoolSystem, country_code: str, indicators: Iterable[Indicator]
) -> tuple[list[CountRatio], list[CountParity]]:
    values = system.placeholders()
    chosen = [i for i in indicators if i.recipe["type"] in _COMPUTE]
    ratios: list[CountRatio] = []
    for recipe_type, compute in _COMPUTE.items():
        group = [i for i in chosen if i.recipe["type"] == recipe_type]
        if group:
            ratios += compute(sources, group, values, country_code)
    kept = [
        _scaled(r, i.scale)
        for i in chosen
        for r in ratios
        if r.code == i.code and all(c in i.disaggregations for c, _v in r.group)
    ]
    # Parity compares groups of people: enrolment figures, not schools or teachers.
    about_people = {i.code for i in chosen if i.recipe["type"].startswith("enrolment")}
    return kept, count_parities([r for r in kept if r.code in about_people])


def _scaled(r: CountRatio, factor: float) -> CountRatio:
    value = None if r.value is None else r.value * factor
    return CountRatio(r.code, r.group, value, r.numerator, r.denominator)


def _fmt(text: str, values: dict) -> str:
    return text.format(**values)


def _grouping_sql(sets, mapping: dict[str, str]) -> tuple[str, str]:
    """GROUPING SETS text and the select list of its columns (as cell names)."""
    columns = sorted({c for s in sets for c in s})
    select = ", ".join(f"{mapping[c]} AS {c}" for c in columns)
    sets_sql = ", ".join("(" + ", ".join(mapping[c] for c in s) + ")" for s in sets)
    return select, sets_sql


def _rows_by_cell(names, rows, sets) -> dict[tuple, dict]:
    """Rows keyed by their cell ((column, value), ...), GROUPING() telling which."""
    columns = sorted({c for s in sets for c in s})
    out = {}
    for row in rows:
        record = dict(zip(names, row, strict=True))
        gid = record.pop("gid")
        present = [c for i, c in enumerate(columns) if not gid & (1 << (len(columns) - 1 - i))]
        out[tuple((c, record[c]) for c in present)] = record
    return out


def _grouping_id(sets, mapping: dict[str, str]) -> str:
    """DuckDB's GROUPING() over the columns in the order _rows_by_cell reads its bits."""
    columns = sorted({c for s in sets for c in s})
    return f"GROUPING({', '.join(mapping[c] for c in columns)})" if columns else "0"


ENROLMENT_COLUMNS = {"sex": "e.sex", "province": "s.province", "location": "s.location"}


def _enrolment_sums(sources: Sources, sums: list[str]) -> dict[tuple, dict]:
    """Σ expressions over enrolment rows, by sex and province."""
    if sources.enrolment is None:
        return {}
    select, sets_sql = _grouping_sql(ENROLMENT_SETS, ENROLMENT_COLUMNS)
    places = (
        "(SELECT school, MAX(province) AS province, MAX(location) AS location "
        "FROM schools GROUP BY school)"
        if sources.schools
        else "(SELECT NULL AS school, NULL AS province, NULL AS location)"
    )
    grouping = _grouping_id(ENROLMENT_SETS, ENROLMENT_COLUMNS)
    sql = (
        f"SELECT {grouping} AS gid, {select}, {', '.join(sums)} "  # noqa: S608
        f"FROM enrolment e LEFT JOIN {places} s ON s.school = e.school "
        f"GROUP BY GROUPING SETS ({sets_sql})"
    )
    tables = {"enrolment": sources.enrolment}
    if sources.schools:
        tables["schools"] = sources.schools
    names, rows = query(sql, tables=tables)
    return _rows_by_cell(names, rows, ENROLMENT_SETS)


def _population(sources: Sources, ranges: list[tuple[str, str]], country_code: str):
    """Population of each age range by sex and province in the census year."""
    if sources.population is None:
        return {}
    sums = ", ".join(
        f"SUM(CASE WHEN age BETWEEN {low} AND {high} THEN population ELSE 0 END) AS r{k}"
        for k, (low, high) in enumerate(ranges)
    )
    sql = (
        f"SELECT GROUPING(sex, area) AS gid, sex, area, {sums} FROM population "  # noqa: S608
        "WHERE year = ? GROUP BY GROUPING SETS ((area), (sex, area))"
    )
    names, rows = query(sql, [sources.year], tables={"population": sources.population})
    by_area: dict[tuple, dict] = {}
    for row in rows:
        record = dict(zip(names, row, strict=True))
        by_area[(record["area"], record["sex"])] = record
    out: dict[tuple, dict] = {}
    national: dict[object, dict] = defaultdict(lambda: defaultdict(float))
    has_country = any(area == country_code for area, _sex in by_area)
    for (area, sex), record in by_area.items():
        figures = {f"r{k}": record[f"r{k}"] or 0.0 for k in range(len(ranges))}
        if area == country_code:
            national[sex] = figures
            continue
        cell = (("province", area),) if sex is None else (("sex", sex), ("province", area))
        out[tuple(sorted(cell))] = figures
        if not has_country:
            for key, value in figures.items():
                national[sex][key] += value
    for sex, figures in national.items():
        out[() if sex is None else (("sex", sex),)] = dict(figures)
    return out


def _enrolment_over_population(sources, indicators, values, country_code):
    ranges = sorted({tuple(_fmt(a, values) for a in i.recipe["ages"]) for i in indicators})
    sums = [
        f"SUM(CASE WHEN {_fmt(i.recipe['numerator'], values)} "
        f"THEN {i.recipe.get('value', 'pupils')} ELSE 0 END) AS n{k}"
        for k, i in enumerate(indicators)
    ]
    numerators = _enrolment_sums(sources, sums)
    population = _population(sources, ranges, country_code)
    out = []
    for cell, record in numerators.items():
        key = tuple(sorted(cell))
        if key not in population:
            continue
        for k, indicator in enumerate(indicators):
            ages = tuple(_fmt(a, values) for a in indicator.recipe["ages"])
            denominator = population[key][f"r{ranges.index(ages)}"]
            numerator = float(record[f"n{k}"] or 0)
            value = numerator / denominator if denominator else None
            if value is not None and indicator.recipe.get("complement"):
                # Enrolment above the population estimate means no one is out of school.
                value = max(0.0, 1 - value)
                numerator = max(0.0, denominator - numerator)
            out.append(CountRatio(indicator.code, cell, value, numerator, denominator))
    return out


def _enrolment_share(sources, indicators, values, _country_code):
    sums = []
    for k, i in enumerate(indicators):
        within = _fmt(i.recipe["denominator"], values)
        sums.append(f"SUM(CASE WHEN {within} THEN pupils ELSE 0 END) AS d{k}")
        sums.append(
            f"SUM(CASE WHEN {within} AND ({_fmt(i.recipe['numerator'], values)}) "
            f"THEN pupils ELSE 0 END) AS n{k}"
        )
    out = []
    for cell, record in _enrolment_sums(sources, sums).items():
        for k, indicator in enumerate(indicators):
            numerator, denominator = float(record[f"n{k}"] or 0), float(record[f"d{k}"] or 0)
            value = numerator / denominator if denominator else None
            out.append(CountRatio(indicator.code, cell, value, numerator, denominator))
    return out


SCHOOL_COLUMNS = {"province": "province", "location": "location"}


def _school_sums(sources: Sources, sums: list[str]) -> dict[tuple, dict]:
    if sources.schools is None:
        return {}
    select, sets_sql = _grouping_sql(SCHOOL_SETS, SCHOOL_COLUMNS)
    sql = (
        f"SELECT {_grouping_id(SCHOOL_SETS, SCHOOL_COLUMNS)} AS gid, {select}, {', '.join(sums)} "  # noqa: S608
        f"FROM schools GROUP BY GROUPING SETS ({sets_sql})"
    )
    names, rows = query(sql, tables={"schools": sources.schools})
    return _rows_by_cell(names, rows, SCHOOL_SETS)


def _school_share(sources, indicators, values, _country_code):
    sums = []
    for k, i in enumerate(indicators):
        within, service = _fmt(i.recipe["filter"], values), i.recipe["numerator"]
        sums.append(f"COUNT(*) FILTER (WHERE {within} AND {service} IS NOT NULL) AS d{k}")
        sums.append(f"COUNT(*) FILTER (WHERE {within} AND {service} = 1) AS n{k}")
    return _ratios(_school_sums(sources, sums), indicators)


def _school_ratio(sources, indicators, values, _country_code):
    sums = []
    for k, i in enumerate(indicators):
        within = _fmt(i.recipe["filter"], values)
        top, bottom = i.recipe["numerator"], i.recipe["denominator"]
        both = f"{within} AND {top} IS NOT NULL AND {bottom} IS NOT NULL"
        sums.append(f"SUM({bottom}) FILTER (WHERE {both}) AS d{k}")
        sums.append(f"SUM({top}) FILTER (WHERE {both}) AS n{k}")
    return _ratios(_school_sums(sources, sums), indicators)


def _ratios(cells: dict[tuple, dict], indicators) -> list[CountRatio]:
    out = []
    for cell, record in cells.items():
        for k, indicator in enumerate(indicators):
            numerator, denominator = float(record[f"n{k}"] or 0), float(record[f"d{k}"] or 0)
            value = numerator / denominator if denominator else None
            out.append(CountRatio(indicator.code, cell, value, numerator, denominator))
    return out


def _pupils_per_teacher(sources, indicators, values, _country_code):
    pupils = _enrolment_sums(
        sources,
        [
            f"SUM(CASE WHEN {_fmt(i.recipe['filter'], values)} THEN pupils ELSE 0 END) AS p{k}"
            for k, i in enumerate(indicators)
        ],
    )
    teachers = _school_sums(
        sources,
        [
            f"SUM({i.recipe['teachers']}) FILTER (WHERE {_fmt(i.recipe['filter'], values)}) AS t{k}"
            for k, i in enumerate(indicators)
        ],
    )
    out = []
    for cell, record in teachers.items():
        if cell not in pupils:
            continue
        for k, indicator in enumerate(indicators):
            numerator = float(pupils[cell][f"p{k}"] or 0)
            denominator = float(record[f"t{k}"] or 0)
            value = numerator / denominator if denominator else None
            out.append(CountRatio(indicator.code, cell, value, numerator, denominator))
    return out


_COMPUTE = {
    "enrolment_over_population": _enrolment_over_population,
    "enrolment_share": _enrolment_share,
    "school_share": _school_share,
    "school_ratio": _school_ratio,
    "pupils_per_teacher": _pupils_per_teacher,
}


def count_parities(ratios: list[CountRatio]) -> list[CountParity]:
    out = []
    for index, first, other, rest in parity_pairs(ratios):
        # An index and one side's figure give the other side's: a side too small to show
        # makes the index too small to show.
        counts = [first.numerator, first.denominator, other.numerator, other.denominator]
        smallest = min((c for c in counts if c > 0), default=0.0)
        value = adjusted_parity(first.value, other.value)
        out.append(
            CountParity(
                first.code,
                index,
                rest,
                value,
                smallest,
                min(first.denominator, other.denominator),
            )
        )
    return out
