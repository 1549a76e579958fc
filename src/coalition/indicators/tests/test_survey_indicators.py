"""Survey indicators on a hand-made sample whose answers are worked out below."""

import pytest

from coalition.indicators.catalogue import catalogue
from coalition.indicators.estimation import Design
from coalition.indicators.school_system import SchoolSystem
from coalition.indicators.survey import survey_indicators
from coalition.warehouse.adapter import write_parquet

# Pre-primary from 5 (1 year), primary 6-11, lower secondary 12-14, upper secondary 15-17.
# Primary completion cohort: last grade at 11, so ages 14-16; lower secondary: 17-19.
SYSTEM = SchoolSystem(5, 1, 6, 6, 3, 3)
COLUMNS = [
    ("w", "decimal"), ("stratum", "text"), ("psu", "text"), ("sex", "text"),
    ("location", "text"), ("wealth", "text"), ("disability", "text"), ("province", "text"),
    ("age", "integer"), ("attending", "integer"), ("attending_level", "integer"),
    ("attending_grade", "integer"), ("completed_level", "integer"), ("literate", "integer"),
    ("education_training_12m", "integer"),
]  # fmt: skip
KEYS = [c for c, _t in COLUMNS]
PEOPLE = [
    # w  st   psu  sex  loc    q     dis    prov     age att lvl grd done lit train
    (1, "1", "A", "F", "RUR", "Q1", "ABL", "AF-KAB", 7, 1, 1, 2, 0, 0, None),
    (2, "1", "A", "M", "RUR", "Q1", "ABL", "AF-KAB", 9, 0, None, None, 0, 0, None),
    (1, "1", "B", "F", "URB", "Q5", "DIS", "AF-BAL", 10, 1, 1, 2, 0, 1, None),
    (3, "1", "B", "M", "URB", "Q5", "ABL", "AF-BAL", 6, 1, 0, None, 0, 0, None),
    (1, "2", "C", "F", "URB", "Q5", "ABL", "AF-BAL", 15, 1, 2, 3, 1, 1, 1),
    (2, "2", "C", "M", "RUR", "Q1", "DIS", "AF-KAB", 16, 0, None, None, 0, 0, 0),
    (1, "2", "D", "F", "RUR", "Q1", "ABL", "AF-KAB", 5, 1, 0, None, None, None, None),
    (1, "2", "D", "M", "URB", "Q5", "ABL", "AF-BAL", 5, 0, None, None, None, None, None),
    (4, "2", "D", "F", "URB", "Q5", "ABL", "AF-BAL", 40, 0, None, None, 3, 1, 0),
    (1, "2", "C", "M", "RUR", "Q1", "ABL", "AF-KAB", 11, None, None, None, 0, 0, None),
]


@pytest.fixture
def results(tmp_path):
    path = tmp_path / "persons.parquet"
    write_parquet(path, COLUMNS, [dict(zip(KEYS, p, strict=True)) for p in PEOPLE])
    design = Design(weight="w", strata="stratum", psu="psu")
    estimates, parities = survey_indicators(path, design, SYSTEM, catalogue().values())
    by_key = {(e.code, e.group): e for e in estimates}
    parity = {(p.code, p.index, p.group): p.value for p in parities}
    return by_key, parity


def value(results, code, **group):
    return results[0][(code, tuple(group.items()))].value


def test_out_of_school_counts_pre_primary_as_in_school(results):
    # Ages 6-11 with a known answer: persons 1 (in, w1), 2 (out, w2), 3 (in, w1) and
    # 4 (pre-primary at 6, in, w3); person 10 has no answer and is left out.
    assert value(results, "out_of_school_primary_survey") == pytest.approx(100 * 2 / 7)
    assert value(results, "out_of_school_primary_survey", sex="F") == 0
    assert value(results, "out_of_school_primary_survey", sex="M") == pytest.approx(40)
    assert results[0][("out_of_school_primary_survey", ())].n == 4
    # Lower is better, but parity is still F / M: here no girl is out of school.
    assert results[1][("out_of_school_primary_survey", "GPIA", ())] == 0


def test_completion_uses_the_cohort_3_to_5_years_above_the_last_grade(results):
    # Ages 14-16: person 5 completed primary (w1), person 6 did not (w2).
    assert value(results, "completion_primary") == pytest.approx(100 / 3)
    assert value(results, "completion_primary", sex="F") == 100
    assert value(results, "completion_primary", sex="M") == 0
    # F / M = 100 / 0: no parity index can be formed.
    assert results[1][("completion_primary", "GPIA", ())] is None
    # Nobody aged 17-19 (the lower secondary cohort): no estimate at all.
    assert ("completion_lower_secondary", ()) not in results[0]


def test_participation_one_year_before_primary(results):
    # Age 5: person 7 in pre-primary (w1), person 8 not attending (w1).
    assert value(results, "participation_before_primary_survey") == pytest.approx(50)


def test_literacy_and_participation_of_youth_and_adults(results):
    # 15-24: persons 5 (literate, w1) and 6 (not, w2). 15+: and person 9 (literate, w4).
    assert value(results, "literacy_youth") == pytest.approx(100 / 3)
    assert value(results, "literacy_adult") == pytest.approx(100 * 5 / 7)
    assert value(results, "literacy_adult", location="URB") == pytest.approx(100)
    # 15-64 trained in the last year: person 5 of persons 5, 6 and 9 (weights 1, 2, 4).
    assert value(results, "participation_education_training") == pytest.approx(100 / 7)


def test_over_age_for_grade(results):
    # Attending primary with a grade: persons 1 (7 in grade 2, on time) and 3 (10 in
    # grade 2, three years over the intended age of 7).
    assert value(results, "over_age_primary_survey") == pytest.approx(50)


def test_every_disaggregation_and_combination_the_catalogue_allows(results):
    estimates = results[0]
    oos = "out_of_school_primary_survey"
    assert value(results, oos, province="AF-KAB") == pytest.approx(100 * 2 / 3)
    assert value(results, oos, disability="DIS") == 0
    assert value(results, oos, sex="M", location="RUR") == 100
    assert value(results, oos, location="RUR", wealth="Q1") == pytest.approx(100 * 2 / 3)
    groupings = {tuple(c for c, _v in group) for code, group in estimates if code == oos}
    assert ("sex", "province") in groupings and ("wealth",) in groupings
    # LPIA: rural 2/3 out of school against urban 0.
    assert results[1][(oos, "LPIA", ())] is None
    assert results[1][(oos, "GPIA", (("location", "URB"),))] is None
