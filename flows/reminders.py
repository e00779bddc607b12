"""Flow: the escalation ladder's daily sweep for each partnership (``as_of``, default today in London).

Every open deadline with a step reached that day gets it once (reminders before the due date, then
overdue notices and escalation), in one message per person, sent at the reminder time. Runs after
the calendar cycle, which records and opens the deadlines it sweeps.

Run for every partnership, the flow first takes every partnership's steps in one set-based sweep
(``registry.sql.escalation_sweep``), then tells each partnership's people what was taken. Should
the sweep fail, each partnership's own run takes its steps, as a run for one partnership does.
"""

from datetime import date

from prefect import flow, task
from prefect.cache_policies import NONE

from flows.bootstrap import Platform, london_today
from flows.each_partnership import run_in_turn
from flows.run_summary import CycleOutcome, publish, run_name
from governance.deadlines.escalation import StepsRecorded
from governance.deadlines.reminders import RemindersRun, run_reminders
from governance.vocabulary import Cycle
from registry.sql.escalation_sweep import take_every_partnerships_steps


@task(retries=2, retry_delay_seconds=5, cache_policy=NONE, task_run_name="escalation sweep {as_of}")
def sweep_every_partnership(as_of: date) -> StepsRecorded:
    """Record the day's escalation steps for every partnership at once (each step once, however run)."""
    recorded = take_every_partnerships_steps(Platform.from_environment().engine, as_of)
    print(
        f"escalation sweep, every partnership: {recorded.to_tell} steps to tell, {recorded.skipped} skipped"
    )
    return recorded


@task(retries=2, retry_delay_seconds=5, cache_policy=NONE, task_run_name="reminders {partnership} {as_of}")
def climb_the_ladder(partnership: str, as_of: date, dry_run: bool = False) -> RemindersRun:
    """Take the day's escalation steps and queue one message per person (idempotent: each step once)."""
    platform = Platform.from_environment()
    return run_reminders(
        as_of, uow=platform.uow(partnership, dry_run=dry_run), render=platform.renderer, now=platform.clock()
    )


@flow(name=Cycle.REMINDERS.value, flow_run_name=run_name, log_prints=True)
def reminders(
    as_of: date | None = None, partnership: str | None = None, dry_run: bool = False
) -> CycleOutcome:
    """The reminders, overdue notices and escalations due on one day: for the partnership named, or
    for every partnership in turn.

    ``dry_run`` says who would be told of what, and changes nothing.
    """
    as_of = as_of or london_today()
    outcome = CycleOutcome(cycle=Cycle.REMINDERS, as_of=as_of, dry_run=dry_run)
    if partnership is None and not dry_run:
        sweep_every_partnership(as_of, return_state=True)  # on failure, each partnership's run takes its own
    run_in_turn(outcome, climb_the_ladder, partnership, deliver=not dry_run, as_of=as_of, dry_run=dry_run)
    return publish(outcome)
