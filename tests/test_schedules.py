"""The schedules: every cycle declared once, each firing at its London time across the October and
March clock changes, as Prefect's scheduler computes the runs (``prefect.server.schemas.schedules
.CronSchedule.get_dates``, the same call `govern cycle list` makes), and nothing between 01:00 and
02:00 London time, the hour the clocks change in.

2026's changes: 29 March (01:00 GMT becomes 02:00 BST) and 25 October (02:00 BST becomes 01:00 GMT).
"""

import asyncio
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from prefect.server.schemas.schedules import CronSchedule

from flows.schedules import CYCLES, SCHEDULED_CYCLES, TIME_ZONE
from governance.vocabulary import Cycle

LONDON = ZoneInfo(TIME_ZONE)
CLOCK_CHANGES = {"march": date(2026, 3, 29), "october": date(2026, 10, 25)}
ONCE_A_DAY = [c for c in SCHEDULED_CYCLES if c.cron.split()[0].isdigit() and c.cron.split()[1].isdigit()]


def fires(cron: str, start: datetime, end: datetime) -> list[datetime]:
    """When Prefect's scheduler runs ``cron`` (London time) from ``start`` to ``end``, in London time."""
    schedule = CronSchedule(cron=cron, timezone=TIME_ZONE)
    return [d.astimezone(LONDON) for d in asyncio.run(schedule.get_dates(start=start, end=end))]


def week_around(day: date) -> tuple[datetime, datetime]:
    """From four days before the change to four days after, midnight to midnight in London."""
    start = datetime.combine(day - timedelta(days=4), datetime.min.time(), LONDON)
    return start, start + timedelta(days=8)


def days_matching(weekdays: str, start: datetime, end: datetime) -> list[date]:
    """The local days from ``start`` to ``end`` that a cron day-of-week field (``*`` or ``1-5``) names."""
    days = [start.date() + timedelta(days=n) for n in range((end - start).days)]
    if weekdays == "*":
        return days
    first, last = (int(x) for x in weekdays.split("-"))
    return [d for d in days if first <= d.isoweekday() % 7 <= last]


def test_every_cycle_is_scheduled_once_with_its_reason():
    assert sorted(CYCLES) == sorted(c.value for c in Cycle)
    assert len(SCHEDULED_CYCLES) == len(CYCLES)
    assert all(cycle.flow.name == cycle.name and len(cycle.why) > 40 for cycle in SCHEDULED_CYCLES)


@pytest.mark.parametrize("change", CLOCK_CHANGES.values(), ids=CLOCK_CHANGES.keys())
@pytest.mark.parametrize("cycle", ONCE_A_DAY, ids=lambda c: c.name)
def test_a_daily_cycle_fires_once_a_day_at_its_london_time_across_the_clock_change(cycle, change):
    minute, hour, _, _, weekdays = cycle.cron.split()
    start, end = week_around(change)
    runs = fires(cycle.cron, start, end)
    assert [r.date() for r in runs] == days_matching(weekdays, start, end)
    assert {(r.hour, r.minute) for r in runs} == {(int(hour), int(minute))}


@pytest.mark.parametrize("change", CLOCK_CHANGES.values(), ids=CLOCK_CHANGES.keys())
def test_the_same_london_time_is_a_different_utc_time_after_the_change(change):
    start, end = week_around(change)
    runs = fires(CYCLES["calendar"].cron, start, end)
    offsets = {r.date(): r.utcoffset() for r in runs}
    before, after = offsets[change - timedelta(days=1)], offsets[change + timedelta(days=1)]
    assert abs(before - after) == timedelta(hours=1)


@pytest.mark.parametrize("change", CLOCK_CHANGES.values(), ids=CLOCK_CHANGES.keys())
@pytest.mark.parametrize("cycle", SCHEDULED_CYCLES, ids=lambda c: c.name)
def test_nothing_runs_between_one_and_two_in_the_morning_london_time(cycle, change):
    start = datetime.combine(change - timedelta(days=1), datetime.min.time(), LONDON)
    runs = fires(cycle.cron, start, start + timedelta(days=3))  # Saturday to Monday
    assert runs, f"{cycle.name} runs on the days around the change"
    assert [r for r in runs if r.hour == 1] == []


@pytest.mark.parametrize("change", CLOCK_CHANGES.values(), ids=CLOCK_CHANGES.keys())
def test_delivery_runs_every_two_minutes_through_the_change_and_never_twice_at_once(change):
    start = datetime.combine(change, datetime.min.time(), LONDON)
    runs = fires(CYCLES["deliver-notifications"].cron, start, start + timedelta(hours=6))
    instants = [r.timestamp() for r in runs]
    gaps = {b - a for a, b in zip(instants, instants[1:], strict=False)}
    assert len(instants) == len(set(instants))
    # March: 00:58 GMT is followed by 02:00 BST, two minutes later (01:00-02:00 never happens).
    # October: 00:58 BST is followed by 02:00 GMT, two hours and two minutes later (01:00-02:00 twice).
    assert gaps == ({120.0} if change.month == 3 else {120.0, 7320.0})


def test_next_run_after_the_spring_change_is_at_half_past_six_british_summer_time():
    after = datetime(2026, 3, 29, 1, 30, tzinfo=ZoneInfo("UTC"))  # 02:30 BST, after the change
    (first,) = fires(CYCLES["calendar"].cron, after, after + timedelta(days=1))
    assert (first.isoformat(), first.astimezone(ZoneInfo("UTC")).hour) == ("2026-03-29T06:30:00+01:00", 5)
