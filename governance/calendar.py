"""Dates as the partnership keeps them: Europe/London days, months and financial years."""

from calendar import monthrange
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


def today_in_london(now: datetime) -> date:
    """The London calendar day at the instant ``now`` (which must carry a time zone)."""
    if now.tzinfo is None:
        raise ValueError("now must be time-zone aware (read the clock in UTC at the edge)")
    return now.astimezone(LONDON).date()


def month_label(day: date) -> str:
    """The month a day falls in, as used for monthly returns: ``2026-01``."""
    return f"{day.year:04d}-{day.month:02d}"


def last_day_of_month(day: date) -> date:
    return day.replace(day=monthrange(day.year, day.month)[1])


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, clamped to month end: 31 January + 1 month is 28/29 February."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def financial_year_label(day: date) -> str:
    """The financial year (1 April to 31 March) a day falls in: ``2025/26``."""
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def days_between(start: date, end: date) -> list[date]:
    """Every day from ``start`` to ``end`` inclusive."""
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]
