"""Flow: the monthly action-plan update, for one day (``as_of``, default today in London)."""

from datetime import date

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact
from pydantic import BaseModel

from flows.delivery import send_queued_notifications
from flows.platform import Platform, london_today
from governance.action_plan_cycle import CycleReport, run_action_plan_update
from governance.delivery import DeliveryReport


class CycleOutcome(BaseModel):
    cycle: CycleReport
    delivery: DeliveryReport

    def summary(self) -> str:
        return f"{self.cycle.summary()}\n{self.delivery.summary()}"


@task(retries=2, retry_delay_seconds=5)
def record_deadlines_and_queue_requests(as_of: date) -> CycleReport:
    """Record the day's action-plan deadlines and queue the month's update requests (idempotent)."""
    platform = Platform.from_environment()
    return run_action_plan_update(
        as_of, uow=platform.uow(), render=platform.renderer, now=platform.clock(), policy=platform.action_plan_policy
    )


@flow(name="action-plan-update", log_prints=True)
def action_plan_update(as_of: date | None = None) -> CycleOutcome:
    """Ask each action owner for this month's update and record which actions are due soon or overdue."""
    as_of = as_of or london_today()
    outcome = CycleOutcome(cycle=record_deadlines_and_queue_requests(as_of), delivery=send_queued_notifications())
    print(outcome.summary())
    create_markdown_artifact(
        key="action-plan-update",
        markdown=f"# Action-plan update, {as_of:%d %B %Y}\n\n" + outcome.summary().replace("\n", "\n\n"),
        description="What the monthly action-plan update did",
    )
    return outcome
