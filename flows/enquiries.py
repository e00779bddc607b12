"""Flow: the enquiries cycle, for one day (``as_of``, default today in London).

Councillors' enquiries against the seven-day answer time: what is open and overdue, and the
business manager's weekly account. The ladder of reminders on each enquiry is the reminders
cycle's, and is not sent again here.
"""

from datetime import date

from prefect import flow, task
from prefect.cache_policies import NONE

from flows.bootstrap import Platform, london_today
from flows.each_partnership import run_in_turn
from flows.run_summary import CycleOutcome, publish, run_name
from governance.returns.enquiries_cycle import EnquiriesRun, run_enquiries
from governance.vocabulary import Cycle


@task(retries=2, retry_delay_seconds=5, cache_policy=NONE, task_run_name="enquiries {partnership} {as_of}")
def account_for_enquiries(partnership: str, as_of: date, dry_run: bool = False) -> EnquiriesRun:
    """List the open and overdue enquiries and queue the week's account to the business manager (once a week)."""
    platform = Platform.from_environment()
    return run_enquiries(
        as_of, uow=platform.uow(partnership, dry_run=dry_run), render=platform.renderer, now=platform.clock()
    )


@flow(name=Cycle.ENQUIRIES.value, flow_run_name=run_name, log_prints=True)
def enquiries(
    as_of: date | None = None, partnership: str | None = None, dry_run: bool = False
) -> CycleOutcome:
    """Councillors' enquiries against their answer time: for the partnership named, or for every
    partnership in turn.

    ``dry_run`` says what would be asked and sent, and changes nothing.
    """
    as_of = as_of or london_today()
    outcome = CycleOutcome(cycle=Cycle.ENQUIRIES, as_of=as_of, dry_run=dry_run)
    run_in_turn(
        outcome, account_for_enquiries, partnership, deliver=not dry_run, as_of=as_of, dry_run=dry_run
    )
    return publish(outcome)
