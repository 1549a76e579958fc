import pytest

from coalition.indicators.administrative import CountRatio, count_parities
from coalition.indicators.disclosure import SUPPRESSED, Figure, protect
from coalition.indicators.parity import adjusted_parity


def test_the_published_cambodia_example():
    # UIS: Cambodia 4.2.2 in 2019, female 55.70625, male 52.29634 -> GPIA 1.0612.
    assert adjusted_parity(55.70625, 52.29634) == pytest.approx(1.0612, abs=5e-5)


@pytest.mark.parametrize(
    ("disadvantaged", "advantaged", "expected"),
    [(40, 80, 0.5), (80, 80, 1.0), (80, 40, 1.5), (100, 1, 1.99), (0, 50, 0.0)],
)
def test_adjusted_parity_is_symmetric_and_bounded(disadvantaged, advantaged, expected):
    assert adjusted_parity(disadvantaged, advantaged) == pytest.approx(expected)


def test_no_parity_without_both_sides():
    assert adjusted_parity(None, 50) is None
    assert adjusted_parity(50, None) is None
    assert adjusted_parity(50, 0) is None


def _count_parity(girls, boys):
    """GPIA of an out-of-school rate from (numerator, denominator) counts per sex."""
    ratios = [
        CountRatio("out_of_school_primary", (("sex", sex),), 100 * n / d, n, d)
        for sex, (n, d) in (("F", girls), ("M", boys))
    ]
    [parity] = count_parities(ratios)
    return parity, protect(
        Figure(parity.value, "count", numerator=parity.numerator, denominator=parity.denominator)
    )


def test_a_census_parity_index_is_suppressed_when_either_side_is():
    """3 girls out of school (too few to show) beside a smaller, showable boys' side: the
    index times the boys' rate would give the girls' rate, so the index is withheld."""
    parity, shown = _count_parity(girls=(3, 1000), boys=(400, 900))
    assert parity.value is not None
    assert SUPPRESSED in shown.flags and shown.value is None
    _parity, shown = _count_parity(girls=(300, 1000), boys=(3, 900))
    assert SUPPRESSED in shown.flags
    # Both sides large enough: the index is shown.
    parity, shown = _count_parity(girls=(300, 1000), boys=(400, 900))
    assert shown.value == pytest.approx(parity.value) and SUPPRESSED not in shown.flags
    # Nobody out of school on one side reveals nobody: still shown.
    _parity, shown = _count_parity(girls=(0, 1000), boys=(400, 900))
    assert SUPPRESSED not in shown.flags
