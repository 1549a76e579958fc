"""The demo's synthetic statistics: imported and computed through the real code, and
calibrated near the published national figures."""

import io

import pytest
from django.core.management import call_command

from coalition.demo.statistics import load_statistics
from coalition.indicators.models import Result, Target

pytestmark = pytest.mark.django_db


def national(code, year=None, **cell):
    from coalition.indicators.computing import cell_key

    results = Result.objects.current().filter(
        indicator=code, measure="value", area="AF", cell=cell_key(cell)
    )
    return results.get(year=year) if year else results.get()


def test_the_demo_statistics_land_near_the_published_figures(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"
    lines = []
    assert load_statistics("AF", persons=30_000, progress=lines.append)
    assert any("demo-household-survey: 30" in line for line in lines), lines
    completion = national("completion_primary", 2015)
    assert completion.se > 0 and completion.n > 500
    assert completion.value == pytest.approx(54, abs=6)
    assert national("literacy_adult", 2015, sex="F").value == pytest.approx(30, abs=5)
    assert national("literacy_adult", 2015, sex="M").value == pytest.approx(55, abs=5)
    # A later survey (another sample) gives a second observation: progress can be judged.
    assert any("demo-household-survey-later: 15" in line for line in lines), lines
    later = national("completion_primary", 2021)
    assert later.value > completion.value - 3 * completion.se
    out = io.StringIO()
    call_command("indicators", "progress", "completion_primary", stdout=out)
    assert "benchmark 2030" in out.getvalue()
    assert "insufficient" not in out.getvalue().lower()
    # The school census gives the administrative indicators of its year.
    ger = national("ger_primary")
    assert ger.year == 2024 and 40 < ger.value < 150
    assert national("schools_electricity_primary").value > 0
    assert Target.objects.filter(kind="benchmark").count() == 3
    # Loading again changes nothing.
    count = Result.objects.count()
    assert not load_statistics("AF", persons=30_000, progress=lines.append)
    assert Result.objects.count() == count
