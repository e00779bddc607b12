from datetime import UTC, date, datetime

from hypothesis import given
from hypothesis import strategies as st

from governance.calendar import add_months, financial_year_label, last_day_of_month, month_label, today_in_london


def test_31_january_plus_one_month_is_the_last_day_of_february():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)


def test_a_further_report_in_12_months_falls_on_the_same_day_next_year():
    assert add_months(date(2026, 2, 3), 12) == date(2027, 2, 3)
    assert add_months(date(2028, 2, 29), 12) == date(2029, 2, 28)


def test_financial_years_run_from_1_april_to_31_march():
    assert financial_year_label(date(2026, 3, 31)) == "2025/26"
    assert financial_year_label(date(2026, 4, 1)) == "2026/27"
    assert financial_year_label(date(1999, 12, 31)) == "1999/00"


def test_the_london_day_changes_at_london_midnight_in_summer_time():
    assert today_in_london(datetime(2026, 7, 1, 22, 59, tzinfo=UTC)) == date(2026, 7, 1)
    assert today_in_london(datetime(2026, 7, 1, 23, 0, tzinfo=UTC)) == date(2026, 7, 2)


def test_the_london_day_is_the_utc_day_in_winter():
    assert today_in_london(datetime(2026, 1, 5, 23, 59, tzinfo=UTC)) == date(2026, 1, 5)


def test_the_clock_without_a_time_zone_is_refused():
    import pytest

    with pytest.raises(ValueError, match="time-zone aware"):
        today_in_london(datetime(2026, 1, 5, 12, 0))


def test_months_are_labelled_year_then_month():
    assert month_label(date(2026, 1, 5)) == "2026-01"


days = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))


@given(days, st.integers(min_value=-240, max_value=240))
def test_adding_months_lands_in_the_right_month_never_past_its_end(day, months):
    later = add_months(day, months)
    assert (later.year * 12 + later.month) - (day.year * 12 + day.month) == months
    assert later.day == min(day.day, last_day_of_month(later).day)


@given(days)
def test_every_day_belongs_to_the_financial_year_that_starts_on_the_1_april_before_it(day):
    start = int(financial_year_label(day)[:4])
    assert date(start, 4, 1) <= day < date(start + 1, 4, 1)
