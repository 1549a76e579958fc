"""Administrative indicators on a hand-made census whose answers are worked out below."""

import pytest

from coalition.indicators.administrative import Sources, administrative_indicators
from coalition.indicators.catalogue import catalogue
from coalition.indicators.school_system import SchoolSystem
from coalition.warehouse.adapter import write_parquet
from coalition.warehouse.kinds import ENROLMENT, POPULATION, SCHOOLS

# Pre-primary at 5, primary 6-11 (grades 1-6), lower secondary 12-14.
SYSTEM = SchoolSystem(5, 1, 6, 6, 3, 3)
SERVICES = ["electricity", "internet", "computers", "adapted_infrastructure",
            "drinking_water", "single_sex_toilets", "handwashing"]  # fmt: skip
SCHOOL_ROWS = [
    # school, level, province, location, services..., teachers, female, trained, qualified
    ("S1", 1, "AF-KAB", "RUR", [1, 0, 0, 0, 1, 1, None], 10, 4, 8, 6),
    ("S2", 1, "AF-BAL", "URB", [0, 1, 1, 1, 1, 0, 1], 6, 3, 3, 3),
    ("S3", 2, "AF-BAL", "URB", [1, 1, 1, 1, 1, 1, 1], 5, 1, 5, 4),
]
ENROLMENT_ROWS = [
    # school, level, grade, sex, age, pupils, repeaters
    ("S1", 1, 1, "F", 6, 20, 0),
    ("S1", 1, 1, "M", 6, 25, 2),
    ("S1", 1, 6, "F", 11, 10, 1),
    ("S1", 1, 6, "M", 13, 8, 3),  # two years over the intended age of 11
    ("S2", 1, 2, "F", 9, 5, 0),  # two years over the intended age of 7
    ("S2", 1, 6, "M", 11, 12, 0),
    ("S3", 2, 1, "F", 12, 15, 0),
    ("S3", 2, 1, "M", 18, 1, 0),
    ("S2", 0, 1, "F", 5, 7, 0),  # pre-primary class one year before primary
]


def population_rows():
    # Per sex and single year: Kabul 10 at age 5 and 20 at 6-14; Balkh 8 and 10.
    rows = []
    for area, at_five, per_year in (("AF-KAB", 10, 20), ("AF-BAL", 8, 10)):
        for sex in "FM":
            rows.append((area, 2024, 5, sex, at_five))
            rows += [(area, 2024, age, sex, per_year) for age in range(6, 15)]
            rows.append((area, 2023, 6, sex, 999))  # another year: never counted
    return rows


@pytest.fixture
def results(tmp_path):
    paths = {name: tmp_path / f"{name}.parquet" for name in ("schools", "enrolment", "pop")}
    schools = []
    for school, level, province, location, services, *teachers in SCHOOL_ROWS:
        row = {"school": school, "level": level, "province": province, "location": location}
        row.update(zip(SERVICES, services, strict=True))
        row.update(zip(["teachers", "teachers_female", "teachers_trained",
                        "teachers_qualified"], teachers, strict=True))  # fmt: skip
        schools.append(row)
    columns = [(c.name, c.type) for c in SCHOOLS.columns]
    write_parquet(paths["schools"], columns, schools)
    enrolment_keys = ["school", "level", "grade", "sex", "age", "pupils", "repeaters"]
    write_parquet(
        paths["enrolment"],
        [(c.name, c.type) for c in ENROLMENT.columns],
        [dict(zip(enrolment_keys, r, strict=True)) for r in ENROLMENT_ROWS],
    )
    write_parquet(
        paths["pop"],
        [(c.name, c.type) for c in POPULATION.columns],
        [
            dict(zip(["area", "year", "age", "sex", "population"], r, strict=True))
            for r in population_rows()
        ],
    )
    sources = Sources(2024, paths["schools"], paths["enrolment"], paths["pop"])
    ratios, parities = administrative_indicators(sources, SYSTEM, "AF", catalogue().values())
    return (
        {(r.code, tuple(sorted(r.group))): r for r in ratios},
        {(p.code, p.index, p.group): p for p in parities},
    )


def value(results, code, **cell):
    return results[0][(code, tuple(sorted(cell.items())))].value


def test_enrolment_ratios(results):
    # Primary enrolment 80 of all ages; population 6-11 is 360 (240 Kabul, 120 Balkh).
    assert value(results, "ger_primary") == pytest.approx(100 * 80 / 360)
    assert value(results, "ger_primary", sex="F") == pytest.approx(100 * 35 / 180)
    assert value(results, "ger_primary", province="AF-KAB") == pytest.approx(100 * 63 / 240)
    assert value(results, "ger_primary", sex="M", province="AF-BAL") == pytest.approx(20)
    # Of official age (6-11): 72; the 13-year-old in grade 6 is not.
    assert value(results, "ner_primary") == pytest.approx(20)
    assert value(results, "aner_primary") == pytest.approx(20)
    # Lower secondary (12-14): 16 pupils for 180 people; 15 of them aged 12.
    assert value(results, "ger_lower_secondary") == pytest.approx(100 * 16 / 180)
    assert value(results, "ner_lower_secondary") == pytest.approx(100 * 15 / 180)


def test_gender_parity_of_enrolment(results):
    gpia = results[1][("ger_primary", "GPIA", ())]
    assert gpia.value == pytest.approx((35 / 180) / (45 / 180))


def test_out_of_school_counts_every_level(results):
    # Aged 6-11 and enrolled anywhere: 72 of 360.
    assert value(results, "out_of_school_primary") == pytest.approx(80)
    assert results[0][("out_of_school_primary", ())].numerator == 288


def test_intake_to_the_last_grade_leaves_out_repeaters(results):
    # Grade 6: (10 - 1) + (8 - 3) + 12 = 26 new entrants; 60 people aged 11.
    assert value(results, "intake_last_grade_primary") == pytest.approx(100 * 26 / 60)


def test_over_age_and_participation_before_primary(results):
    assert value(results, "over_age_primary") == pytest.approx(100 * 13 / 80)
    # Age 5 in pre-primary or primary: 7 of 36.
    assert value(results, "participation_before_primary") == pytest.approx(100 * 7 / 36)


def test_school_services_and_teachers(results):
    assert value(results, "schools_electricity_primary") == pytest.approx(50)
    assert value(results, "schools_electricity_primary", location="RUR") == pytest.approx(100)
    # S1 did not report handwashing: only S2 counts.
    assert results[0][("schools_handwashing_primary", ())].denominator == 1
    assert value(results, "trained_teachers_primary") == pytest.approx(100 * 11 / 16)
    assert value(results, "qualified_teachers_primary") == pytest.approx(100 * 9 / 16)
    assert value(results, "female_teachers_primary") == pytest.approx(100 * 7 / 16)
    assert value(results, "pupil_trained_teacher_ratio_primary") == pytest.approx(80 / 11)
    assert value(results, "pupil_trained_teacher_ratio_primary", province="AF-KAB") == (
        pytest.approx(63 / 8)
    )


def test_cells_follow_the_catalogue(results):
    def groupings(code):
        return {tuple(c for c, _v in cell) for each, cell in results[0] if each == code}

    # Teachers are counted by place, not split by sex; the pupil-teacher ratio by province.
    assert groupings("trained_teachers_primary") == {(), ("location",), ("province",)}
    assert groupings("pupil_trained_teacher_ratio_primary") == {(), ("province",)}
    assert groupings("ger_primary") == {(), ("sex",), ("province",), ("province", "sex")}


def test_parity_only_compares_groups_of_people(results):
    assert ("ger_primary", "GPIA", ()) in results[1]
    assert not any(code.startswith(("schools_", "trained_")) for code, _i, _g in results[1])
