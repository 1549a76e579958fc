import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coalition.core import locale


@pytest.mark.parametrize(
    "day, language, expected",
    [
        (dt.date(2026, 11, 22), "fa", "۱ قوس ۱۴۰۵"),
        (dt.date(2026, 3, 21), "ps", "۱ وری ۱۴۰۵"),
        (dt.date(2026, 3, 20), "fa", "۲۹ حوت ۱۴۰۴"),
        (dt.date(2026, 11, 22), "en", "Nov 22, 2026"),
        (dt.date(2026, 11, 22), "km", "22 វិច្ឆិកា 2026"),
    ],
)
def test_dates_in_each_calendar(day, language, expected):
    assert locale.format_date(day, language) == expected


def test_numbers_use_local_digits():
    assert locale.format_number(12345, "fa") == "۱۲٬۳۴۵"
    assert locale.format_number(3.5, "ps") == "۳٫۵"
    assert locale.format_number(12345, "en") == "12,345"
    assert locale.format_number(None, "fa") == ""


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_solar_hijri_round_trip(day):
    import jdatetime

    year, month, dom = locale.to_solar_hijri(day)
    assert jdatetime.date(year, month, dom).togregorian() == day
    assert 1 <= month <= 12
