"""Flow: keep each partnership's calendar for a day (``as_of``, default today in London).

Records every obligation's deadlines, opens those whose window opened, and follows what the registry
shows done. It tells nobody: the reminders cycle (``flows/reminders.py``) climbs the escalation
ladder afterwards, over the deadlines the calendar keeps.
"""

from datetime import date

from prefect import flow, task
from prefect.cache_policies import NONE

from flows.bootstrap import Platform, london_today
from flows.each_partnership import run_in_turn
from flows.run_summary import CycleOutcome, publish, run_name
from governance.deadlines.use_cases import CalendarRun, run_calendar
from governance.vocabulary import Cycle


@task(retries=2, retry_delay_seconds=5, cache_policy=NONE, task_run_name="calendar {partnership} {as_of}")
def keep_the_calendar(partnership: str, as_of: date, dry_run: bool = False) -> CalendarRun:
    """Record the partnership's deadlines for the day, open them and follow the facts (idempotent)."""
    platform = Platform.from_environment()
    return run_calendar(as_of, uow=platform.uow(partnership, dry_run=dry_run), now=platform.clock())


@flow(name=Cycle.CALENDAR.value, flow_run_name=run_name, log_prints=True)
def calendar(
    as_of: date | None = None, partnership: str | None = None, dry_run: bool = False
) -> CycleOutcome:
    """Every deadline of every obligation, recorded and followed, for one day: for the partnership
    named, or for every partnership in turn.

    ``dry_run`` says what would be recorded, and changes nothing.
    """
    as_of = as_of or london_today()
    outcome = CycleOutcome(cycle=Cycle.CALENDAR, as_of=as_of, dry_run=dry_run)
    run_in_turn(outcome, keep_the_calendar, partnership, deliver=not dry_run, as_of=as_of, dry_run=dry_run)
    return publish(outcome)
