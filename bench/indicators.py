"""Benchmark: the full survey catalogue × every disaggregation, with standard errors, on
synthetic surveys of 100k, 1M and 10M persons (plus a census of 20k schools), next to two
baselines measured in the same run:

- pandas: a straightforward implementation of the same estimates (one groupby per
  indicator and grouping, the same linearised variance), checked to agree;
- the floor: one DuckDB scan that reads the same columns and sums them, which no engine
  reading the data can beat;
- and, to show what the floor leaves out, one scan that also evaluates every indicator's
  universe and numerator as the catalogue writes them (no per-PSU sum, no variance).

Each measurement runs in a fresh process, so its peak memory (max RSS) is its own.

    .venv/bin/python bench/indicators.py [--sizes 100000,1000000,10000000] [--pandas-max 1000000]

Targets (issue #4): 1M persons under 10 s here, at least 10x faster than pandas, within 5x
of the floor, close to linear growth.
"""

import argparse
import itertools
import math
import multiprocessing
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coalition.config.test_settings")

# 34 strata of urban and rural clusters; a cluster (PSU) is 20 persons.
PERSONS_PER_PSU = 20
PROVINCES = 34


def generate_persons(path: Path, size: int) -> None:
    """A synthetic survey made by DuckDB itself (fast at 10M rows), reproducible: every
    value is a hash of the row number."""
    from coalition.warehouse.adapter import Session

    def u(salt: int) -> str:  # uniform in [0, 1) from the row number
        return f"(hash(i, {salt}) % 1000000) / 1000000.0"

    sql = f"""
        SELECT
            (100 + 900 * {u(1)}) * (1 + (i // {PERSONS_PER_PSU}) % 7 / 10.0) AS weight,
            'S' || ((i // {PERSONS_PER_PSU}) % {2 * PROVINCES}) AS stratum,
            'P' || (i // {PERSONS_PER_PSU}) AS psu,
            'H' || (i // 5) AS household,
            CAST(floor(70 * {u(2)} * {u(3)} + 3) AS BIGINT) AS age,
            CASE WHEN {u(4)} < 0.5 THEN 'F' ELSE 'M' END AS sex,
            'AF-' || ((i // {PERSONS_PER_PSU}) % {PROVINCES}) AS province,
            CASE WHEN (i // {PERSONS_PER_PSU}) % {2 * PROVINCES} < {PROVINCES}
                 THEN 'URB' ELSE 'RUR' END AS location,
            'Q' || CAST(1 + floor(5 * {u(5)}) AS BIGINT) AS wealth,
            CASE WHEN {u(6)} < 0.08 THEN 'DIS' ELSE 'ABL' END AS disability,
            CASE WHEN {u(7)} < 0.02 THEN NULL WHEN {u(8)} < 0.7 THEN 1 ELSE 0 END AS attending,
            CAST(floor(4 * {u(9)}) AS BIGINT) AS attending_level,
            CAST(1 + floor(6 * {u(10)}) AS BIGINT) AS attending_grade,
            CAST(floor(4 * {u(11)}) AS BIGINT) AS completed_level,
            CASE WHEN {u(12)} < 0.6 THEN 1 ELSE 0 END AS literate,
            CASE WHEN {u(13)} < 0.2 THEN 1 ELSE 0 END AS education_training_12m
        FROM range({size}) t(i)
    """  # noqa: S608
    with Session() as db:
        db.write_parquet(sql, path)


def generate_census(folder: Path, schools: int) -> dict[str, Path]:
    from coalition.warehouse.adapter import Session
    from coalition.warehouse.kinds import SERVICES

    paths = {name: folder / f"{name}.parquet" for name in ("schools", "enrolment", "population")}
    services = ", ".join(
        f"CASE WHEN hash(s, {k}) % 10 < 6 THEN 1 ELSE 0 END AS {name}"
        for k, name in enumerate(SERVICES)
    )
    with Session() as db:
        db.write_parquet(
            f"""SELECT 'SCH' || s AS school, CAST(1 + s % 3 AS BIGINT) AS level,
                       'AF-' || (s % {PROVINCES}) AS province, NULL AS district,
                       CASE WHEN s % 4 = 0 THEN 'URB' ELSE 'RUR' END AS location, {services},
                       CAST(5 + s % 20 AS BIGINT) AS teachers,
                       CAST(2 + s % 9 AS BIGINT) AS teachers_female,
                       CAST(3 + s % 15 AS BIGINT) AS teachers_trained,
                       CAST(2 + s % 12 AS BIGINT) AS teachers_qualified
                FROM range({schools}) t(s)""",  # noqa: S608
            paths["schools"],
        )
        db.write_parquet(
            f"""SELECT 'SCH' || s AS school, CAST(1 + s % 3 AS BIGINT) AS level,
                       CAST(g AS BIGINT) AS grade, sex,
                       CAST(6 + 6 * (s % 3) + g - 1 + a AS BIGINT) AS age,
                       CAST(5 + hash(s, g, a) % 30 AS BIGINT) AS pupils,
                       CAST(hash(s, g) % 3 AS BIGINT) AS repeaters
                FROM range({schools}) t(s), range(1, 7) gr(g), range(0, 3) ag(a),
                     (VALUES ('F'), ('M')) x(sex)""",  # noqa: S608
            paths["enrolment"],
        )
        db.write_parquet(
            f"""SELECT 'AF-' || p AS area, 2024 AS year, CAST(a AS BIGINT) AS age, sex,
                       CAST(20000 + hash(p, a) % 5000 AS DOUBLE) AS population
                FROM range({PROVINCES}) t(p), range(0, 30) ag(a),
                     (VALUES ('F'), ('M')) x(sex)""",  # noqa: S608
            paths["population"],
        )
    return paths


def _setup():
    import django

    django.setup()


def _indicators():
    from coalition.indicators.catalogue import catalogue

    return [i for i in catalogue().values() if i.source == "household_persons"]


SYSTEM_AF = (3, 4, 7, 6, 3, 3)


def engine(path: str) -> dict:
    _setup()
    from coalition.indicators.estimation import Design
    from coalition.indicators.school_system import SchoolSystem
    from coalition.indicators.survey import survey_indicators

    start = time.perf_counter()
    estimates, _parities = survey_indicators(
        Path(path),
        Design(weight="weight", strata="stratum", psu="psu"),
        SchoolSystem(*SYSTEM_AF),
        _indicators(),
    )
    return {
        "seconds": time.perf_counter() - start,
        "cells": len(estimates),
        "check": {
            (e.code, e.group): (e.value, e.se) for e in estimates[:: max(1, len(estimates) // 50)]
        },
    }


def floor(path: str) -> dict:
    """One scan over the columns the engine reads, summing them: the least any engine
    has to do."""
    _setup()
    from coalition.warehouse.adapter import query

    columns = ["weight", "stratum", "psu", "age", "sex", "province", "location", "wealth",
               "disability", "attending", "attending_level", "attending_grade",
               "completed_level", "literate", "education_training_12m"]  # fmt: skip
    sums = ", ".join(f"SUM(hash({c}))" for c in columns)
    start = time.perf_counter()
    query(f"SELECT {sums} FROM dataset", tables={"dataset": Path(path)})  # noqa: S608
    return {"seconds": time.perf_counter() - start}


def expressions(path: str) -> dict:
    """One scan that also evaluates what the catalogue asks of every row (each survey
    indicator's universe and numerator) and sums it: what no engine computing these
    indicators from the catalogue's SQL can skip, before any per-PSU sum."""
    _setup()
    from coalition.indicators.school_system import SchoolSystem
    from coalition.warehouse.adapter import query

    ratios = [i.ratio(SchoolSystem(*SYSTEM_AF)) for i in _indicators()]
    sums = ", ".join(
        f"SUM(CASE WHEN ({r.universe}) THEN CAST(({r.numerator}) AS DOUBLE) "
        f"* CAST(({r.denominator}) AS DOUBLE) * weight END)"
        for r in ratios
    )
    start = time.perf_counter()
    query(f"SELECT {sums}, SUM(hash(stratum, psu)) FROM dataset", tables={"dataset": Path(path)})  # noqa: S608
    return {"seconds": time.perf_counter() - start}


def pandas_version(path: str) -> dict:
    """The same estimates the obvious way: each indicator defined in pandas, then for
    each grouping: group by cell and PSU and compute the linearised variance."""
    _setup()
    import pandas as pd

    from coalition.indicators.school_system import SchoolSystem
    from coalition.indicators.survey import GROUPINGS

    start = time.perf_counter()
    people = _read_with_duckdb(path)
    definitions = pandas_definitions(SchoolSystem(*SYSTEM_AF).placeholders())
    n_h = people.groupby("stratum")["psu"].nunique()
    out = {}
    for indicator in _indicators():
        universe, numerator = definitions[indicator.code]
        y = numerator(people)
        rows = people.loc[universe(people) & y.notna()].copy()
        rows["wy"] = rows["weight"] * y[rows.index]
        for grouping in GROUPINGS:
            keys = list(grouping)
            by_psu = (
                rows.groupby([*keys, "stratum", "psu"], dropna=False)
                .agg(ty=("wy", "sum"), tx=("weight", "sum"))
                .reset_index()
            )
            cells = by_psu.groupby(keys, dropna=False) if keys else [((), by_psu)]
            for cell, part in cells:
                cell = cell if isinstance(cell, tuple) else (cell,)
                r = part.ty.sum() / part.tx.sum()
                t = pd.DataFrame(
                    {"stratum": part.stratum, "t": (part.ty - r * part.tx) / part.tx.sum()}
                )
                t["t2"] = t.t * t.t
                sums = t.groupby("stratum")[["t", "t2"]].sum()
                n = n_h.loc[sums.index]
                variance = (n / (n - 1) * (sums.t2 - sums.t * sums.t / n)).sum()
                out[(indicator.code, tuple(zip(keys, cell, strict=True)))] = (
                    100 * r,
                    100 * math.sqrt(variance),
                )
    return {"seconds": time.perf_counter() - start, "check": out}


def pandas_definitions(ages: dict) -> dict:
    """Universe and numerator of each survey indicator, written in pandas."""
    import numpy as np
    import pandas as pd

    def between(low, high):
        return lambda f: f.age.between(ages[low], ages[high])

    def completed(level):
        def numerator(f):
            done = f.completed_level
            return pd.Series(np.where(done.isna(), np.nan, done >= level), index=f.index)

        return numerator

    def out_of_school(f):
        return pd.Series(np.where(f.attending.isna(), np.nan, f.attending == 0), index=f.index)

    def organised_learning(f):
        yes = (f.attending == 1) & f.attending_level.isin([0, 1])
        return pd.Series(np.where(f.attending.isna(), np.nan, yes), index=f.index)

    def attending(level, duration):
        return lambda f: (
            (f.attending == 1) & (f.attending_level == level)
            & f.attending_grade.between(1, ages[duration])
        )  # fmt: skip

    def over_age(start):
        return lambda f: (f.age >= ages[start] + f.attending_grade + 1).astype(float)

    definitions = {
        "participation_before_primary_survey": (
            lambda f: f.age == ages["primary_start"] - 1,
            organised_learning,
        ),
        "participation_education_training": (
            lambda f: f.age.between(15, 64),
            lambda f: f.education_training_12m.astype(float),
        ),
        "literacy_youth": (lambda f: f.age.between(15, 24), lambda f: f.literate.astype(float)),
        "literacy_adult": (lambda f: f.age >= 15, lambda f: f.literate.astype(float)),
        "over_age_primary_survey": (attending(1, "primary_duration"), over_age("primary_start")),
        "over_age_lower_secondary_survey": (
            attending(2, "lower_secondary_duration"),
            over_age("lower_secondary_start"),
        ),
    }
    for level, isced in (("primary", 1), ("lower_secondary", 2), ("upper_secondary", 3)):
        definitions[f"completion_{level}"] = (
            between(f"{level}_completion_start", f"{level}_completion_end"),
            completed(isced),
        )
        definitions[f"out_of_school_{level}_survey"] = (
            between(f"{level}_start", f"{level}_end"),
            out_of_school,
        )
    return definitions


def _read_with_duckdb(path: str):
    # pandas.read_parquet needs pyarrow, which the project does not install.
    from coalition.warehouse.adapter import Session

    with Session() as db:
        return db.connection.execute(f"SELECT * FROM read_parquet('{path}')").df()  # noqa: S608


def census(paths: dict) -> dict:
    _setup()
    from coalition.indicators.administrative import Sources, administrative_indicators
    from coalition.indicators.catalogue import catalogue
    from coalition.indicators.school_system import SchoolSystem

    start = time.perf_counter()
    ratios, _parities = administrative_indicators(
        Sources(2024, Path(paths["schools"]), Path(paths["enrolment"]), Path(paths["population"])),
        SchoolSystem(*SYSTEM_AF),
        "AF",
        [i for i in catalogue().values() if i.source != "household_persons"],
    )
    return {"seconds": time.perf_counter() - start, "cells": len(ratios)}


def _child(target, args, queue):
    result = target(*args)
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put(result)


def measured(target, *args) -> dict:
    """Run in a fresh process: its own time and its own peak memory."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_child, args=(target, args, queue))
    process.start()
    result = queue.get()
    process.join()
    return result


def agree(ours: dict, theirs: dict) -> float:
    """The largest relative difference between engine and pandas on sampled cells."""
    worst = 0.0
    for key, (value, se) in ours.items():
        if key not in theirs or value is None:
            continue
        other_value, other_se = theirs[key]
        for a, b in ((value, other_value), (se, other_se)):
            worst = max(worst, abs(a - b) / max(abs(b), 1e-12))
    return worst


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="100000,1000000,10000000")
    parser.add_argument("--pandas-max", type=int, default=1_000_000)
    parser.add_argument("--schools", type=int, default=20_000)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-indicators-") as folder:
        for size in sizes:
            path = Path(folder) / f"persons-{size}.parquet"
            generate_persons(path, size)
            ours = measured(engine, str(path))
            base = measured(floor, str(path))
            needed = measured(expressions, str(path))
            line = (
                f"{size:>10,} persons: engine {ours['seconds']:7.2f} s "
                f"({ours['peak_mb']:6.0f} MB, {ours['cells']} cells)  "
                f"floor {base['seconds']:6.2f} s ({base['peak_mb']:5.0f} MB)  "
                f"engine/floor {ours['seconds'] / base['seconds']:5.1f}x  "
                f"catalogue's expressions alone {needed['seconds']:5.2f} s "
                f"(floor x{needed['seconds'] / base['seconds']:.1f}, "
                f"engine/them {ours['seconds'] / needed['seconds']:.1f}x)"
            )
            if size <= args.pandas_max:
                slow = measured(pandas_version, str(path))
                line += (
                    f"  pandas {slow['seconds']:7.2f} s ({slow['peak_mb']:6.0f} MB)  "
                    f"pandas/engine {slow['seconds'] / ours['seconds']:5.1f}x  "
                    f"max rel. diff {agree(ours['check'], slow['check']):.1e}"
                )
            print(line, flush=True)
            rows.append((size, ours["seconds"]))
        if len(rows) > 1:
            growth = [
                math.log(b[1] / a[1]) / math.log(b[0] / a[0]) for a, b in itertools.pairwise(rows)
            ]
            print("time growth exponent between sizes (1 = linear): "
                  + ", ".join(f"{g:.2f}" for g in growth))  # fmt: skip
        census_paths = generate_census(Path(folder), args.schools)
        result = measured(census, {k: str(v) for k, v in census_paths.items()})
        print(
            f"{args.schools:>10,} schools: census indicators {result['seconds']:.2f} s "
            f"({result['peak_mb']:.0f} MB, {result['cells']} cells)"
        )
    print(
        "targets: 1M persons < 10 s, >= 10x faster than pandas, <= 5x the floor, growth close to 1"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
