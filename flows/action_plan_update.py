"""Flow: the monthly action-plan update, for one day (``as_of``, default today in London)."""

from datetime import date

from prefect import flow, task

from flows.bootstrap import Platform, london_today
from flows.deliver_notifications import send_queued_notifications
from flows.run_summary import CycleOutcome, report
from governance.action_plans.use_cases import ActionPlanRun, run_action_plan_update


@task(retries=2, retry_delay_seconds=5)
def record_deadlines_and_queue_requests(as_of: date, dry_run: bool = False) -> ActionPlanRun:
    """Record the day's action-plan deadlines and queue the month's update requests (idempotent)."""
    platform = Platform.from_environment()
    return run_action_plan_update(
        as_of,
        uow=platform.uow(dry_run=dry_run),
        render=platform.renderer,
        now=platform.clock(),
        policy=platform.action_plan_policy,
    )


@flow(name="action-plan-update", log_prints=True)
def action_plan_update(as_of: date | None = None, dry_run: bool = False) -> CycleOutcome:
    """Ask each action owner for this month's update and record which actions are due soon or overdue.

    ``dry_run`` says what would be recorded and who would be asked, and changes nothing.
    """
    as_of = as_of or london_today()
    cycle = record_deadlines_and_queue_requests(as_of, dry_run)
    if dry_run:
        return report(CycleOutcome(cycle=cycle, dry_run=True), title="Action-plan update", as_of=as_of)
    return report(
        CycleOutcome(cycle=cycle, delivery=send_queued_notifications()),
        title="Action-plan update",
        as_of=as_of,
    )
