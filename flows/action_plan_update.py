"""Flow: the monthly action-plan update, for one day (``as_of``, default today in London): the
month's update requests to action owners, and each plan's summary of the month just ended for its
independent chair and scrutineer, with the month's update document attached as PDF."""

from datetime import date

from prefect import flow, task
from prefect.cache_policies import NONE

from flows.adapters.documents.render import DocumentRenderer
from flows.bootstrap import Platform, london_today
from flows.each_partnership import run_in_turn
from flows.run_summary import CycleOutcome, publish, run_name
from governance.action_plans.use_cases import ActionPlanRun, run_action_plan_update
from governance.vocabulary import Cycle


@task(
    retries=2,
    retry_delay_seconds=5,
    cache_policy=NONE,  # idempotency lives in the outbox keys, not in Prefect's result cache
    task_run_name="action plans {partnership} {as_of}",
)
def record_deadlines_and_queue_requests(
    partnership: str, as_of: date, dry_run: bool = False
) -> ActionPlanRun:
    """Record the partnership's action-plan deadlines for the day, queue the month's update requests
    and the monthly summaries (idempotent)."""
    platform = Platform.from_environment()
    return run_action_plan_update(
        as_of,
        uow=platform.uow(partnership, dry_run=dry_run),
        render=platform.renderer,
        now=platform.clock(),
        policy=platform.action_plan_policy,
        documents=DocumentRenderer(),
    )


@flow(name=Cycle.ACTION_PLAN_UPDATE.value, flow_run_name=run_name, log_prints=True)
def action_plan_update(
    as_of: date | None = None, partnership: str | None = None, dry_run: bool = False
) -> CycleOutcome:
    """Ask each action owner for this month's update, record which actions are due soon or overdue,
    and send each plan's chair and scrutineer the summary of the month just ended: for the
    partnership named, or for every partnership in turn.

    ``dry_run`` says what would be recorded and who would be written to, and changes nothing.
    """
    as_of = as_of or london_today()
    outcome = CycleOutcome(cycle=Cycle.ACTION_PLAN_UPDATE, as_of=as_of, dry_run=dry_run)
    run_in_turn(
        outcome,
        record_deadlines_and_queue_requests,
        partnership,
        deliver=not dry_run,
        as_of=as_of,
        dry_run=dry_run,
    )
    return publish(outcome)
