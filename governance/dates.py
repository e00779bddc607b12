"""Dates as the partnership keeps them: Europe/London days, working days, months and financial years.

Working days are Monday to Friday except the bank holidays of England and Wales, substitute days
included (the offline ``holidays`` package, country GB, subdivision ENG). Deadlines are dates;
reminders are instants at a local time, so 09:00 stays 09:00 across the clock changes.
"""

from calendar import monthrange
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from pydantic import BaseModel, ConfigDict

LONDON = ZoneInfo("Europe/London")


def today_in_london(now: datetime) -> date:
    """The London calendar day at the instant ``now`` (which must carry a time zone)."""
    if now.tzinfo is None:
        raise ValueError("now must be time-zone aware (read the clock in UTC at the edge)")
    return now.astimezone(LONDON).date()


def at_london_time(day: date, clock_time: time) -> datetime:
    """The instant (in UTC) at which London clocks show ``clock_time`` on ``day``.

    On the spring-forward day a time in the missing hour (01:00–02:00) comes out an hour later on
    the clock, as wall clocks do; on the autumn day a repeated time is its first occurrence.
    """
    return datetime.combine(day, clock_time, tzinfo=LONDON).astimezone(UTC)


def month_label(day: date) -> str:
    """The month a day falls in, as used for monthly returns: ``2026-01``."""
    return f"{day.year:04d}-{day.month:02d}"


def last_day_of_month(day: date) -> date:
    return day.replace(day=monthrange(day.year, day.month)[1])


def first_day_of_month(day: date) -> date:
    return day.replace(day=1)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, clamped to month end: 31 January + 1 month is 28/29 February."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def days_between(start: date, end: date) -> list[date]:
    """Every day from ``start`` to ``end`` inclusive."""
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def every_months_after(anchor: date, months: int, start: date, end: date) -> list[date]:
    """The dates ``anchor`` + k × ``months`` (k = 1, 2, …) that fall from ``start`` to ``end``, month-end safe."""
    found, k = [], 1
    while (day := add_months(anchor, k * months)) <= end:
        if day >= start:
            found.append(day)
        k += 1
    return found


def months_between(start: date, end: date) -> list[date]:
    """The first day of every month from ``start``'s month to ``end``'s month inclusive."""
    first, months = first_day_of_month(start), []
    while first <= end:
        months.append(first)
        first = add_months(first, 1)
    return months


# --- working days ---------------------------------------------------------------------------


@lru_cache(maxsize=256)
def _bank_holidays(year: int) -> dict[date, str]:
    return dict(holidays.country_holidays("GB", subdiv="ENG", years=year))


def bank_holiday_name(day: date) -> str | None:
    """The name of the England and Wales bank holiday (or substitute day) on ``day``, if any."""
    return _bank_holidays(day.year).get(day)


def is_working_day(day: date) -> bool:
    """Monday to Friday, and not a bank holiday or substitute day in England and Wales."""
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


@lru_cache(
    maxsize=4096
)  # pure given the bank holidays, and asked the same days again and again by the cycles
def add_working_days(day: date, count: int) -> date:
    """The working day ``count`` working days after ``day`` (before it, when ``count`` is negative).

    The day itself is not counted: 5 working days from Thursday 2 April 2026 (before Good Friday and
    Easter Monday) is Monday 13 April. With ``count`` 0 it is ``day`` itself if that is a working
    day, else the next working day.
    """
    step = 1 if count >= 0 else -1
    if count == 0:
        while not is_working_day(day):
            day += timedelta(days=1)
        return day
    remaining = abs(count)
    while remaining:
        day += timedelta(days=step)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_before(day: date, count: int) -> date:
    """The working day ``count`` working days before ``day`` (e.g. before a board meeting)."""
    return add_working_days(day, -count)


def working_days_from(start: date, end: date) -> int:
    """How many working days fall after ``start`` up to and including ``end`` (negative if ``end`` is earlier)."""
    if end < start:
        return -working_days_from(end, start)
    return sum(is_working_day(d) for d in days_between(start + timedelta(days=1), end))


def last_working_day_of_month(day: date) -> date:
    last = last_day_of_month(day)
    while not is_working_day(last):
        last -= timedelta(days=1)
    return last


def clear_days_before(meeting: date, count: int, *, working_days_only: bool) -> date:
    """The last day on which papers can be published to give ``count`` clear days before ``meeting``.

    Clear days exclude both the day of publication and the day of the meeting. Councils commonly
    count only working days (no weekends or bank holidays); ``working_days_only`` says which.
    """
    day, counted = meeting, 0
    while counted < count:
        day -= timedelta(days=1)
        if not working_days_only or is_working_day(day):
            counted += 1
    day -= timedelta(days=1)
    while working_days_only and not is_working_day(day):
        day -= timedelta(days=1)
    return day


# --- financial years ------------------------------------------------------------------------


class FinancialYear(BaseModel):
    """1 April to 31 March, labelled ``2025/26``."""

    model_config = ConfigDict(frozen=True)

    start_year: int

    @classmethod
    def of(cls, day: date) -> "FinancialYear":
        return cls(start_year=day.year if day.month >= 4 else day.year - 1)

    @classmethod
    def from_label(cls, label: str) -> "FinancialYear":
        start, _, end = label.partition("/")
        if not (start.isdigit() and len(start) == 4 and end == f"{(int(start) + 1) % 100:02d}"):
            raise ValueError(f"{label!r} is not a financial year label such as 2025/26")
        return cls(start_year=int(start))

    @property
    def starts_on(self) -> date:
        return date(self.start_year, 4, 1)

    @property
    def ends_on(self) -> date:
        return date(self.start_year + 1, 3, 31)

    @property
    def label(self) -> str:
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}"

    def next(self) -> "FinancialYear":
        return FinancialYear(start_year=self.start_year + 1)

    def previous(self) -> "FinancialYear":
        return FinancialYear(start_year=self.start_year - 1)

    def __contains__(self, day: object) -> bool:
        if isinstance(day, datetime):
            day = day.date()
        return isinstance(day, date) and self.starts_on <= day <= self.ends_on

    def __str__(self) -> str:
        return self.label


def financial_year_label(day: date) -> str:
    """The financial year (1 April to 31 March) a day falls in: ``2025/26``."""
    return FinancialYear.of(day).label


def financial_years_overlapping(start: date, end: date) -> list[FinancialYear]:
    first, last = FinancialYear.of(start), FinancialYear.of(end)
    return [FinancialYear(start_year=y) for y in range(first.start_year, last.start_year + 1)]


# --- the days a partnership keeps -------------------------------------------------------------

EARLIEST_DAY = date(2000, 1, 1)
LATEST_DAY = date(2099, 12, 31)
"""Every date a command gives falls in these years: the partnership's records start in 2000 and
nothing is planned beyond this century. The domain never reads the clock, so the window is fixed
rather than relative to today; it refuses the 1900 and 9999 a slip of the keyboard gives."""


def spoken(day: date) -> str:
    """A date as the pages and letters write it: ``2 December 2026``."""
    return f"{day.day} {day:%B %Y}"


PARTNERSHIP_YEARS = f"from {spoken(EARLIEST_DAY)} to {spoken(LATEST_DAY)}"


def within_partnership_years(day: date) -> bool:
    return EARLIEST_DAY <= day <= LATEST_DAY


def is_month_label(label: str) -> bool:
    """``2026-01``: a four-digit year within the partnership's years and a real month, 01 to 12."""
    year, dash, month = label.partition("-")
    if not (dash and len(year) == 4 and year.isdigit() and len(month) == 2 and month.isdigit()):
        return False
    return 1 <= int(month) <= 12 and EARLIEST_DAY.year <= int(year) <= LATEST_DAY.year
