"""The array path and the general SQL path give the same estimates on any sample: random
designs with PSU-level and person-level grouping columns, classes of PSUs that split a
stratum, missing labels, single-PSU strata, yes/no and other numerators, denominators."""

import math
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coalition.indicators import estimation_arrays
from coalition.indicators.estimation import MISSING, Design, Ratio, estimate
from coalition.warehouse.adapter import write_parquet

COLUMNS = [
    ("w", "decimal"),
    ("stratum", "text"),
    ("psu", "text"),
    ("region", "text"),
    ("sex", "text"),
    ("band", "text"),
    ("age", "integer"),
    ("yes", "integer"),
    ("score", "decimal"),
    ("size", "integer"),
]
RATIOS = [
    Ratio("yes_among_young", numerator="yes", universe="age < 12"),
    Ratio("score", numerator="score"),
    Ratio("yes_per_size", numerator="yes", denominator="size", universe="age >= 6"),
]
GROUPINGS = [(), ("sex",), ("region",), ("band",), ("sex", "region"), ("sex", "band")]


@st.composite
def samples(draw):
    """Persons in PSUs in strata; a PSU lies in one region (a PSU-level column, which may
    split a stratum into classes); sex and band vary within a PSU, with gaps."""
    rows = []
    for s in range(draw(st.integers(1, 4))):
        for p in range(draw(st.integers(1, 4))):
            region = draw(st.sampled_from(["north", "south", None]))
            for _i in range(draw(st.integers(1, 6))):
                rows.append(
                    {
                        "w": draw(st.floats(0.5, 900, allow_nan=False)),
                        "stratum": f"S{s}",
                        "psu": f"S{s}-P{p}",
                        "region": region,
                        "sex": draw(st.sampled_from(["F", "M", None])),
                        "band": draw(st.sampled_from(["a", "b", "c"])),
                        "age": draw(st.integers(0, 20)),
                        "yes": draw(st.sampled_from([0, 1, 1, None])),
                        "score": draw(st.sampled_from([0.0, 1.0, 2.5, 7.25, None])),
                        "size": draw(st.integers(1, 5)),
                    }
                )
    return rows


def by_key(estimates):
    return {(e.code, e.group): e for e in estimates}


def agree(ours, theirs):
    if ours is None or theirs is None:
        return ours is theirs
    return math.isclose(ours, theirs, rel_tol=1e-8, abs_tol=1e-10)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=samples(), lonely=st.sampled_from(["adjust", "average", "remove", "certainty"]))
def test_the_two_paths_agree_on_any_sample(rows, lonely):
    design = Design(weight="w", strata="stratum", psu="psu", lonely_psu=lonely)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sample.parquet"
        write_parquet(path, COLUMNS, rows)
        columns = sorted({c for g in GROUPINGS for c in g})
        assert estimation_arrays.cell_parts(path, design, RATIOS, GROUPINGS, columns, MISSING)
        arrays = by_key(estimate(path, design, RATIOS, GROUPINGS))
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(estimation_arrays, "cell_parts", lambda *args: None)
            sql = by_key(estimate(path, design, RATIOS, GROUPINGS))
    assert set(arrays) == set(sql)
    for key, ours in arrays.items():
        theirs = sql[key]
        assert ours.n == theirs.n, key
        for part in ("value", "se", "numerator", "denominator", "deff"):
            assert agree(getattr(ours, part), getattr(theirs, part)), (key, part)
