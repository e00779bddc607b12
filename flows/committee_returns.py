"""Flow: the committee-returns cycle, for one day (``as_of``, default today in London).

A resolution's further report and an area committee's six-monthly update: the ACTION owner told
when the draft committee report opens, then a week before the papers deadline (five clear days
before the meeting) and on the day, until the report is approved.
"""

from datetime import date

from prefect import flow, task
from prefect.cache_policies import NONE

from flows.bootstrap import Platform, london_today
from flows.each_partnership import run_in_turn
from flows.run_summary import CycleOutcome, publish, run_name
from governance.returns.committee_cycle import CommitteeReturnsRun, run_committee_returns
from governance.vocabulary import Cycle


@task(
    retries=2,
    retry_delay_seconds=5,
    cache_policy=NONE,
    task_run_name="committee returns {partnership} {as_of}",
)
def open_and_track_committee_reports(
    partnership: str, as_of: date, dry_run: bool = False
) -> CommitteeReturnsRun:
    """Open the draft committee report of each return due, and tell its owner how it stands against the papers deadline (idempotent by outbox key)."""
    platform = Platform.from_environment()
    return run_committee_returns(
        as_of, uow=platform.uow(partnership, dry_run=dry_run), render=platform.renderer, now=platform.clock()
    )


@flow(name=Cycle.COMMITTEE_RETURNS.value, flow_run_name=run_name, log_prints=True)
def committee_returns(
    as_of: date | None = None, partnership: str | None = None, dry_run: bool = False
) -> CycleOutcome:
    """Committee returns, from the draft to the papers deadline: for the partnership named, or for
    every partnership in turn.

    ``dry_run`` says what would be asked and sent, and changes nothing.
    """
    as_of = as_of or london_today()
    outcome = CycleOutcome(cycle=Cycle.COMMITTEE_RETURNS, as_of=as_of, dry_run=dry_run)
    run_in_turn(
        outcome,
        open_and_track_committee_reports,
        partnership,
        deliver=not dry_run,
        as_of=as_of,
        dry_run=dry_run,
    )
    return publish(outcome)
