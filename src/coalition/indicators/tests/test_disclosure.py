from coalition.indicators.disclosure import (
    SUPPRESSED,
    UNRELIABLE,
    Figure,
    Thresholds,
    protect,
)

LIMITS = Thresholds()


def survey(n, value=0.5, se=0.05):
    return Figure(value=value, source="survey", n=n, se=se, ci_low=0.4, ci_high=0.6)


def test_a_survey_cell_below_25_observations_is_suppressed_entirely():
    shown = protect(survey(24), LIMITS)
    assert shown.value is None and shown.se is None and shown.ci_low is None
    assert shown.n is None and shown.flags == {SUPPRESSED}
    assert protect(survey(25), LIMITS).value == 0.5


def test_a_coefficient_of_variation_above_30_percent_is_flagged_not_hidden():
    shown = protect(survey(100, value=0.10, se=0.031), LIMITS)
    assert shown.value == 0.10 and shown.flags == {UNRELIABLE}
    assert protect(survey(100, value=0.10, se=0.03), LIMITS).flags == frozenset()


def test_a_count_cell_below_5_is_suppressed():
    small = Figure(value=0.75, source="count", numerator=3, denominator=4)
    assert protect(small, LIMITS).value is None
    assert protect(small, LIMITS).numerator is None
    fine = Figure(value=0.5, source="count", numerator=5, denominator=10)
    assert protect(fine, LIMITS) == fine
    nobody = Figure(value=0.0, source="count", numerator=0, denominator=12)
    assert protect(nobody, LIMITS).value == 0.0


def test_thresholds_come_from_settings(settings):
    settings.COALITION_DISCLOSURE = {"min_survey_n": 50}
    limits = Thresholds.from_settings()
    assert limits.min_survey_n == 50 and limits.min_count == 5
    assert protect(survey(40), limits).flags == {SUPPRESSED}
