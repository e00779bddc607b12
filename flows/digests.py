"""Flow: each day's digest for every person who chose one, and the business manager's alert about
messages that did not arrive (dead, uncertain, or left by a sender that stopped mid-send)."""

from datetime import date

from prefect import flow, task
from prefect.cache_policies import NONE

from flows.bootstrap import Platform, london_today
from flows.each_partnership import run_in_turn
from flows.run_summary import CycleOutcome, publish, run_name
from governance.notifications.digests import DigestRun, send_digests
from governance.vocabulary import Cycle


@task(retries=2, retry_delay_seconds=5, cache_policy=NONE, task_run_name="digests {partnership} {as_of}")
def gather_digests(partnership: str, as_of: date, dry_run: bool = False) -> DigestRun:
    """Queue one digest per person who chose one (idempotent: keyed by person and day)."""
    platform = Platform.from_environment()
    return send_digests(
        as_of, uow=platform.uow(partnership, dry_run=dry_run), render=platform.renderer, now=platform.clock()
    )


@flow(name=Cycle.DIGESTS.value, flow_run_name=run_name, log_prints=True)
def digests(as_of: date | None = None, partnership: str | None = None, dry_run: bool = False) -> CycleOutcome:
    """The daily digests and dead-letter alert, for the partnership named or for each in turn."""
    as_of = as_of or london_today()
    outcome = CycleOutcome(cycle=Cycle.DIGESTS, as_of=as_of, dry_run=dry_run)
    run_in_turn(outcome, gather_digests, partnership, deliver=not dry_run, as_of=as_of, dry_run=dry_run)
    return publish(outcome)
