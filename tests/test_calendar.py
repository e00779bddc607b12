from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from governance.dates import (
    LONDON,
    FinancialYear,
    add_months,
    add_working_days,
    at_london_time,
    bank_holiday_name,
    clear_days_before,
    days_between,
    every_months_after,
    financial_year_label,
    is_working_day,
    last_day_of_month,
    last_working_day_of_month,
    month_label,
    today_in_london,
    working_days_before,
    working_days_from,
)


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


# --- working days ---------------------------------------------------------------------------


def test_a_weekday_bank_holiday_is_not_a_working_day():
    assert date(2026, 4, 3).weekday() == 4
    assert not is_working_day(date(2026, 4, 3))
    assert not is_working_day(date(2026, 8, 31))


def test_the_boxing_day_substitute_on_monday_28_december_2026_is_not_a_working_day():
    assert not is_working_day(date(2026, 12, 28))
    assert is_working_day(date(2026, 12, 29))


def test_both_christmas_substitutes_in_2027_are_not_working_days():
    assert not is_working_day(date(2027, 12, 27))
    assert not is_working_day(date(2027, 12, 28))


def test_a_saturday_is_not_a_working_day_and_an_ordinary_monday_is():
    assert not is_working_day(date(2026, 3, 7))
    assert not is_working_day(date(2026, 3, 8))
    assert is_working_day(date(2026, 3, 9))


def test_bank_holidays_are_named_and_ordinary_days_are_not():
    assert bank_holiday_name(date(2026, 4, 3)) == "Good Friday"
    assert bank_holiday_name(date(2026, 12, 28)) == "Boxing Day (observed)"
    assert bank_holiday_name(date(2026, 3, 9)) is None


def test_5_working_days_from_the_thursday_before_easter_skip_good_friday_and_easter_monday():
    assert add_working_days(date(2026, 4, 2), 5) == date(2026, 4, 13)


def test_15_working_days_from_a_notification_before_christmas_skip_the_substitute_and_new_year():
    assert add_working_days(date(2026, 12, 14), 15) == date(2027, 1, 7)


def test_1_working_day_before_the_tuesday_after_easter_is_the_thursday_before_it():
    assert add_working_days(date(2026, 4, 7), -1) == date(2026, 4, 2)
    assert add_working_days(date(2026, 4, 13), -5) == date(2026, 4, 2)


def test_0_working_days_from_a_working_day_is_that_day():
    assert add_working_days(date(2026, 3, 9), 0) == date(2026, 3, 9)


def test_0_working_days_from_easter_saturday_is_the_tuesday_after_easter_monday():
    assert add_working_days(date(2026, 4, 4), 0) == date(2026, 4, 7)


def test_papers_10_working_days_before_a_board_meeting_skip_the_may_bank_holiday():
    assert working_days_before(date(2026, 5, 14), 10) == date(2026, 4, 29)


def test_working_days_from_count_the_end_but_not_the_start():
    assert working_days_from(date(2026, 4, 2), date(2026, 4, 13)) == 5
    assert working_days_from(date(2026, 3, 9), date(2026, 3, 10)) == 1
    assert working_days_from(date(2026, 3, 9), date(2026, 3, 9)) == 0


def test_working_days_from_a_later_day_back_to_an_earlier_one_are_negative():
    assert working_days_from(date(2026, 4, 13), date(2026, 4, 2)) == -5


def test_the_last_working_day_of_february_2026_is_friday_the_27th():
    assert last_working_day_of_month(date(2026, 2, 10)) == date(2026, 2, 27)


def test_the_last_working_day_of_august_2026_is_the_28th_because_the_31st_is_a_bank_holiday():
    assert last_working_day_of_month(date(2026, 8, 1)) == date(2026, 8, 28)


def test_the_last_working_day_of_december_2026_is_thursday_the_31st():
    assert last_working_day_of_month(date(2026, 12, 25)) == date(2026, 12, 31)


# --- clear days -----------------------------------------------------------------------------


def test_five_clear_working_days_before_tuesday_3_march_2026_means_publishing_on_monday_23_february():
    assert clear_days_before(date(2026, 3, 3), 5, working_days_only=True) == date(2026, 2, 23)


def test_five_clear_calendar_days_before_tuesday_3_march_2026_means_publishing_on_wednesday_25_february():
    assert clear_days_before(date(2026, 3, 3), 5, working_days_only=False) == date(2026, 2, 25)


def test_five_clear_working_days_before_the_thursday_after_easter_go_back_past_both_bank_holidays():
    assert clear_days_before(date(2026, 4, 9), 5, working_days_only=True) == date(2026, 3, 30)


def test_one_clear_working_day_before_a_monday_meeting_is_the_friday_so_papers_go_out_on_thursday():
    assert clear_days_before(date(2026, 3, 9), 1, working_days_only=True) == date(2026, 3, 5)


def test_no_clear_working_days_before_a_monday_meeting_means_publishing_on_the_friday_not_the_sunday():
    assert clear_days_before(date(2026, 3, 9), 0, working_days_only=True) == date(2026, 3, 6)


# --- months ---------------------------------------------------------------------------------


def test_six_monthly_from_31_august_falls_on_the_last_day_of_february_and_back_on_31_august():
    assert every_months_after(date(2025, 8, 31), 6, date(2026, 1, 1), date(2028, 12, 31)) == [
        date(2026, 2, 28),
        date(2026, 8, 31),
        date(2027, 2, 28),
        date(2027, 8, 31),
        date(2028, 2, 29),
        date(2028, 8, 31),
    ]


def test_every_months_after_returns_only_the_dates_in_the_range_and_never_the_anchor():
    anchor = date(2025, 8, 31)
    assert every_months_after(anchor, 6, date(2026, 3, 1), date(2026, 12, 31)) == [date(2026, 8, 31)]
    assert every_months_after(anchor, 6, anchor, date(2026, 2, 27)) == []


def test_the_range_of_every_months_after_includes_both_ends():
    assert every_months_after(date(2026, 1, 15), 3, date(2026, 4, 15), date(2026, 7, 15)) == [
        date(2026, 4, 15),
        date(2026, 7, 15),
    ]


# --- financial years ------------------------------------------------------------------------


def test_the_financial_year_of_31_march_is_the_one_that_started_the_april_before():
    assert FinancialYear.of(date(2026, 3, 31)) == FinancialYear(start_year=2025)
    assert FinancialYear.of(date(2026, 4, 1)) == FinancialYear(start_year=2026)


def test_a_financial_year_runs_from_1_april_to_31_march():
    year = FinancialYear.from_label("2025/26")
    assert year.starts_on == date(2025, 4, 1)
    assert year.ends_on == date(2026, 3, 31)


def test_a_financial_year_contains_its_first_and_last_day_and_nothing_outside():
    year = FinancialYear(start_year=2025)
    assert date(2025, 4, 1) in year
    assert date(2026, 3, 31) in year
    assert date(2025, 3, 31) not in year
    assert date(2026, 4, 1) not in year
    assert "2025-06-01" not in year


def test_the_financial_years_either_side_of_2025_26_are_2024_25_and_2026_27():
    year = FinancialYear.from_label("2025/26")
    assert year.next().label == "2026/27"
    assert year.previous().label == "2024/25"


def test_the_financial_year_starting_in_1999_is_labelled_1999_00():
    assert FinancialYear(start_year=1999).label == "1999/00"
    assert FinancialYear.from_label("1999/00") == FinancialYear(start_year=1999)
    assert str(FinancialYear(start_year=1999)) == "1999/00"


@pytest.mark.parametrize("label", ["2025/27", "25/26", "2025-26", "2025/2026", "2025", "abcd/ef", ""])
def test_a_label_that_is_not_a_financial_year_is_refused(label):
    with pytest.raises(ValueError, match="not a financial year label"):
        FinancialYear.from_label(label)


# --- London clock times ---------------------------------------------------------------------


def test_09_00_in_london_is_09_00_utc_in_winter():
    assert at_london_time(date(2026, 1, 15), time(9, 0)) == datetime(2026, 1, 15, 9, 0, tzinfo=UTC)


def test_09_00_in_london_is_08_00_utc_in_summer():
    assert at_london_time(date(2026, 7, 15), time(9, 0)) == datetime(2026, 7, 15, 8, 0, tzinfo=UTC)


def test_at_london_time_comes_out_in_utc():
    assert at_london_time(date(2026, 7, 15), time(9, 0)).tzinfo is UTC


def test_09_00_on_the_day_the_clocks_go_forward_is_08_00_utc():
    assert at_london_time(date(2026, 3, 29), time(9, 0)) == datetime(2026, 3, 29, 8, 0, tzinfo=UTC)


def test_01_30_on_the_day_the_clocks_go_forward_does_not_exist_and_comes_out_as_02_30_bst():
    instant = at_london_time(date(2026, 3, 29), time(1, 30))
    assert instant == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert instant.astimezone(LONDON).time() == time(2, 30)


def test_01_30_on_the_day_the_clocks_go_back_happens_twice_and_is_its_first_occurrence():
    assert at_london_time(date(2026, 10, 25), time(1, 30)) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


# --- properties -----------------------------------------------------------------------------

modern_days = st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31))
working_days = modern_days.filter(is_working_day)


@settings(max_examples=150)
@given(modern_days, st.integers(min_value=1, max_value=80))
def test_adding_working_days_lands_on_a_later_working_day_that_many_working_days_on(day, count):
    later = add_working_days(day, count)
    assert is_working_day(later)
    assert later > day
    assert working_days_from(day, later) == count


@settings(max_examples=150)
@given(working_days, st.integers(min_value=-80, max_value=80))
def test_adding_then_subtracting_working_days_from_a_working_day_returns_to_it(day, count):
    assert add_working_days(add_working_days(day, count), -count) == day


@settings(max_examples=150)
@given(working_days, st.integers(min_value=1, max_value=80))
def test_working_days_before_a_working_day_is_an_earlier_working_day_that_many_back(day, count):
    earlier = working_days_before(day, count)
    assert is_working_day(earlier)
    assert earlier < day
    assert working_days_from(day, earlier) == -count


@settings(max_examples=150)
@given(modern_days, st.integers(min_value=0, max_value=30))
def test_clear_working_days_leave_exactly_that_many_working_days_between_publication_and_meeting(
    meeting, count
):
    published = clear_days_before(meeting, count, working_days_only=True)
    between = days_between(published + timedelta(days=1), meeting - timedelta(days=1))
    assert is_working_day(published)
    assert sum(map(is_working_day, between)) == count


@settings(max_examples=150)
@given(modern_days, st.integers(min_value=1, max_value=30))
def test_clear_working_days_give_the_last_possible_publication_day(meeting, count):
    published = clear_days_before(meeting, count, working_days_only=True)
    next_working_day = add_working_days(published, 1)
    between = days_between(next_working_day + timedelta(days=1), meeting - timedelta(days=1))
    assert sum(map(is_working_day, between)) < count


@settings(max_examples=150)
@given(modern_days, st.integers(min_value=0, max_value=30))
def test_clear_calendar_days_leave_exactly_that_many_days_between_publication_and_meeting(meeting, count):
    published = clear_days_before(meeting, count, working_days_only=False)
    assert (meeting - published).days - 1 == count


@settings(max_examples=150)
@given(modern_days)
def test_every_day_belongs_to_exactly_one_financial_year(day):
    year = FinancialYear.of(day)
    assert day in year
    assert day not in year.previous()
    assert day not in year.next()


@settings(max_examples=100)
@given(st.integers(min_value=2000, max_value=2060))
def test_a_financial_year_is_found_again_from_its_label(start_year):
    year = FinancialYear(start_year=start_year)
    assert FinancialYear.from_label(year.label) == year
    assert year.next().starts_on == year.ends_on + timedelta(days=1)


@settings(max_examples=100)
@given(modern_days, st.sampled_from([time(0, 0), time(9, 0), time(12, 30), time(17, 0), time(23, 59)]))
def test_a_london_time_outside_the_changeover_hour_reads_the_same_on_london_clocks(day, clock_time):
    assert at_london_time(day, clock_time).astimezone(LONDON) == datetime.combine(
        day, clock_time, tzinfo=LONDON
    )
    assert at_london_time(day, clock_time).astimezone(LONDON).time() == clock_time
