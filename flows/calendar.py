"""Flow: keep the partnership's calendar for a day (``as_of``, default today in London).

Records every obligation's deadlines, opens those whose window opened, follows what the registry
shows done, takes the escalation ladder's steps once each, and sends what is due.
"""

from datetime import date

from prefect import flow, task

from flows.bootstrap import Platform, london_today
from flows.deliver_notifications import send_queued_notifications
from flows.run_summary import CycleOutcome, report
from governance.deadlines.use_cases import CalendarRun, run_calendar


@task(retries=2, retry_delay_seconds=5)
def keep_the_calendar(as_of: date, dry_run: bool = False) -> CalendarRun:
    """Record the day's deadlines and queue the escalation ladder's reminders (idempotent)."""
    platform = Platform.from_environment()
    return run_calendar(
        as_of, uow=platform.uow(dry_run=dry_run), render=platform.renderer, now=platform.clock()
    )


@flow(name="calendar", log_prints=True)
def calendar(as_of: date | None = None, dry_run: bool = False) -> CycleOutcome:
    """Every deadline of every obligation, recorded and followed up, for one day.

    ``dry_run`` says what would be recorded and who would be told, and changes nothing.
    """
    as_of = as_of or london_today()
    cycle = keep_the_calendar(as_of, dry_run)
    if dry_run:
        return report(CycleOutcome(cycle=cycle, dry_run=True), title="Calendar", as_of=as_of)
    return report(
        CycleOutcome(cycle=cycle, delivery=send_queued_notifications()), title="Calendar", as_of=as_of
    )
