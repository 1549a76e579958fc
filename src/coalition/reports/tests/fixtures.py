"""An edition over a small set of results: one chapter with one indicator, a suppressed
province whose value is distinctive, so that a leak of it can be searched for."""

import pytest
from django.core.cache import cache

from coalition.indicators.models import OfficialImport, OfficialValue, Result, Target
from coalition.portal.tests.test_indicator_pages import CODE, SECRET, add, run_of
from coalition.reports.models import Edition
from coalition.reports.services import new_edition

__all__ = ["CODE", "SECRET", "edition", "report_results"]


@pytest.fixture
def report_results(db):
    cache.clear()
    first, latest = run_of(2015), run_of(2022)
    add(first, 2015, value=48.0, se=1.0, ci_low=46.0, ci_high=50.0, n=3000)
    add(latest, 2022, value=54.2, se=1.1, ci_low=52.0, ci_high=56.4, n=4000)
    add(latest, 2022, cell="sex=F", value=44.0, se=1.5, ci_low=41.0, ci_high=47.0, n=1900)
    add(latest, 2022, cell="sex=M", value=63.0, se=1.5, ci_low=60.0, ci_high=66.0, n=2100)
    add(latest, 2022, measure="GPIA", value=0.70, n=1900)
    add(latest, 2022, area="AF-KAB", value=70.5, se=2.0, ci_low=66.6, ci_high=74.4, n=400)
    add(latest, 2022, area="AF-BAL", value=40.5, se=2.0, ci_low=36.6, ci_high=44.4, n=300)
    add(latest, 2022, area="AF-NUR", value=SECRET, se=9.0, ci_low=13.77, ci_high=49.06, n=12)
    source = OfficialImport.objects.create(filename="uis.csv", sha256="0", source="UIS")
    OfficialValue.objects.create(
        source_file=source, uis_indicator_id="CR.1", country="AFG", year=2022, value=51.3
    )
    OfficialValue.objects.create(
        source_file=source, uis_indicator_id="XGOVEXP.IMF", country="AFG", year=2019, value=11.5
    )
    Target.objects.create(indicator=CODE, area="AF", kind="benchmark", year=2030, value=90)
    return latest


@pytest.fixture
def edition(report_results) -> Edition:
    made = new_edition(
        kind="spotlight",
        year=2026,
        languages=["en", "fa", "km"],
        title={"en": "Spotlight on SDG 4", "fa": "گزارش ویژه هدف ۴", "km": "របាយការណ៍ SDG 4"},
        actor=None,
    )
    for section in made.sections.filter(kind="chapter"):
        section.indicators = [CODE] if section.target == "4.1" else []
        section.save()
    return made


def national_value() -> Result:
    return Result.objects.get(year=2022, area="AF", cell="", measure="value")
