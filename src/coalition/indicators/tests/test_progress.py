import pytest

from coalition.indicators.progress import (
    AVERAGE,
    FAST,
    INSUFFICIENT,
    NO_DATA,
    NO_PROGRESS,
    SLOW,
    classify,
)

# From 50 in 2015 to a target of 80 in 2030: 2 points a year are needed.


@pytest.mark.parametrize(
    ("latest", "status"),
    [
        (60, FAST),  # 2 a year, exactly the pace needed
        (58, AVERAGE),  # 1.6 a year: 80% of it
        (54, SLOW),  # 0.8 a year: 40%
        (50, NO_PROGRESS),
        (45, NO_PROGRESS),  # regress
        (85, FAST),  # reached already
    ],
)
def test_pace_against_the_pace_needed(latest, status):
    result = classify({2015: 50, 2020: latest}, 2030, 80)
    assert result.status == status
    if latest < 80:  # not reached: the pace needed is part of the answer
        assert result.needed_per_year == pytest.approx(2)


def test_lower_is_better_counts_decreases_as_progress():
    # Out of school: from 30% in 2015 towards 10% in 2030 (1.33 points down a year).
    assert classify({2015: 30, 2020: 23}, 2030, 10, lower_is_better=True).status == FAST
    assert classify({2015: 30, 2020: 27}, 2030, 10, lower_is_better=True).status == SLOW
    assert classify({2015: 30, 2020: 31}, 2030, 10, lower_is_better=True).status == NO_PROGRESS
    assert classify({2015: 30, 2020: 9}, 2030, 10, lower_is_better=True).status == FAST


def test_too_little_data():
    assert classify({}, 2030, 80).status == NO_DATA
    assert classify({2020: 60}, 2030, 80).status == INSUFFICIENT
    assert classify({2020: 81}, 2030, 80).status == FAST  # one year, but above the target


def test_thresholds_are_configurable():
    strict = {"fast": 1.2, "average": 0.9}
    assert classify({2015: 50, 2020: 60}, 2030, 80, thresholds=strict).status == AVERAGE
    assert classify({2015: 50, 2020: 58}, 2030, 80, thresholds=strict).status == SLOW


@pytest.mark.django_db
def test_targets_from_csv_and_progress_on_the_command_line(tmp_path, staff_user, focal_point):
    import io

    from django.core.management import CommandError, call_command

    from coalition.core.errors import DomainError, NotAllowed
    from coalition.indicators.models import ComputationRun, Result, Target
    from coalition.indicators.services import import_targets, set_target
    from coalition.warehouse.models import Dataset, DatasetVersion

    dataset = Dataset.objects.create(name="s", kind="household_persons", title="s", year=2015)
    version = DatasetVersion.objects.create(dataset=dataset, number=1, status="succeeded")
    for year, value in ((2015, 30.0), (2020, 27.0)):
        run = ComputationRun.objects.create(dataset_version=version, status="succeeded")
        Result.objects.create(run=run, indicator="out_of_school_primary_survey", year=year,
                              area="AF", value=value)  # fmt: skip
    source = tmp_path / "targets.csv"
    source.write_text(
        "indicator,area,kind,year,value,source\n"
        "out_of_school_primary_survey,AF,plan,2030,10,NESP III\n"
        "completion_primary,af,benchmark,2030,70,SDG 4 benchmark\n",
        encoding="utf-8",
    )
    out = io.StringIO()
    call_command("indicators", "targets", str(source), stdout=out)
    assert "2 targets" in out.getvalue()
    assert Target.objects.get(indicator="completion_primary").area == "AF"
    progress = io.StringIO()
    call_command("indicators", "progress", stdout=progress)
    lines = progress.getvalue().splitlines()
    # Out of school falls 0.6 a year; 1.33 are needed: slow. No completion data at all.
    assert "out_of_school_primary_survey\tAF\tplan 2030: 10\tslow\tSlow progress" in lines
    assert "completion_primary\tAF\tbenchmark 2030: 70\tno_data\tNo data" in lines

    source.write_text("indicator,area,kind,year,value\nnope,AF,plan,2030,1\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Line 2: Unknown indicator"):
        call_command("indicators", "targets", str(source))
    with pytest.raises(DomainError, match="columns"):
        import_targets(content=b"a,b\n1,2\n", actor=None)
    assert Target.objects.count() == 2
    with pytest.raises(NotAllowed):
        set_target(indicator="completion_primary", area="AF", kind="plan", year=2030,
                   value=90, actor=focal_point)  # fmt: skip
    set_target(indicator="completion_primary", area="AF", kind="plan", year=2030, value=90,
               actor=staff_user)  # fmt: skip
    assert Target.objects.count() == 3
