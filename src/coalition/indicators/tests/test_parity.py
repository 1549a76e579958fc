import pytest

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
