"""Flow: the review-clocks cycle, for one day (``as_of``, default today in London).

Case-review and audit clocks: each agency asked for its information or chronology when a review's
clock starts, and chased before the date; each audit return asked for when its window opens, and
chased weekly once late.
"""

from datetime import date

from prefect import flow, task
from prefect.cache_policies import NONE

from flows.bootstrap import Platform, london_today
from flows.each_partnership import run_in_turn
from flows.run_summary import CycleOutcome, publish, run_name
from governance.returns.review_clocks import ReviewClocksRun, run_review_clocks
from governance.vocabulary import Cycle


@task(
    retries=2, retry_delay_seconds=5, cache_policy=NONE, task_run_name="review clocks {partnership} {as_of}"
)
def ask_and_chase_for_reviews_and_audits(
    partnership: str, as_of: date, dry_run: bool = False
) -> ReviewClocksRun:
    """Queue the requests and chasers the running review clocks and audits call for today (idempotent by outbox key)."""
    platform = Platform.from_environment()
    return run_review_clocks(
        as_of, uow=platform.uow(partnership, dry_run=dry_run), render=platform.renderer, now=platform.clock()
    )


@flow(name=Cycle.REVIEW_CLOCKS.value, flow_run_name=run_name, log_prints=True)
def review_clocks(
    as_of: date | None = None, partnership: str | None = None, dry_run: bool = False
) -> CycleOutcome:
    """Case-review and audit clocks with their requests and chasers: for the partnership named, or
    for every partnership in turn.

    ``dry_run`` says what would be asked and sent, and changes nothing.
    """
    as_of = as_of or london_today()
    outcome = CycleOutcome(cycle=Cycle.REVIEW_CLOCKS, as_of=as_of, dry_run=dry_run)
    run_in_turn(
        outcome,
        ask_and_chase_for_reviews_and_audits,
        partnership,
        deliver=not dry_run,
        as_of=as_of,
        dry_run=dry_run,
    )
    return publish(outcome)
