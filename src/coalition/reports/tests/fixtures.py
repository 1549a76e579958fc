"""An edition over a small set of results: one chapter with one indicator, a suppressed
province whose value is distinctive, so that a leak of it can be searched for."""

import pytest

from coalition.indicators.models import OfficialImport, OfficialValue, Result
from coalition.portal.tests.test_indicator_pages import CODE, SECRET, results
from coalition.reports.models import Edition
from coalition.reports.services import new_edition

__all__ = ["CODE", "SECRET", "edition", "report_results", "results"]


@pytest.fixture
def report_results(results):
    """The portal's results (a trend, groups with parity, provinces, one suppressed), and an
    official figure of public spending on education."""
    OfficialValue.objects.create(
        source_file=OfficialImport.objects.get(),
        uis_indicator_id="XGOVEXP.IMF",
        country="AFG",
        year=2019,
        value=11.5,
    )
    return results


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
    """The current national figure of 2022."""
    return Result.objects.current().get(
        indicator=CODE, year=2022, area="AF", cell="", measure="value"
    )
