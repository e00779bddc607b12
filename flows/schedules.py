"""Every scheduled cycle, in one place: what runs, when (Europe/London), and why.

Cron expressions are read in Europe/London, so 09:00 stays 09:00 across clock changes. Nothing is
scheduled between 01:00 and 02:00 local time, which the spring-forward day skips.
"""

from dataclasses import dataclass

from prefect import Flow
from prefect.schedules import Cron

from flows.action_plan_update import action_plan_update
from flows.calendar import calendar
from flows.deliver_notifications import deliver_notifications

TIME_ZONE = "Europe/London"


@dataclass(frozen=True)
class ScheduledCycle:
    name: str
    flow: Flow
    cron: str
    why: str


SCHEDULED_CYCLES = (
    ScheduledCycle(
        name="action-plan-update",
        flow=action_plan_update,
        cron="0 9 * * 1-5",
        why="Every weekday at 09:00: records the day's deadlines; the month's update requests go out on "
        "the first run of the month and never twice (seed 003 §2.89: the plan is updated monthly).",
    ),
    ScheduledCycle(
        name="calendar",
        flow=calendar,
        cron="30 6 * * *",
        why="Every day at 06:30: records every obligation's deadlines (sub-group reports, annual reports, committee "
        "returns, enquiries, case-review and audit clocks), opens them, and queues the escalation ladder's reminders "
        "for 09:00 (rule catalogue: `govern rules`).",
    ),
    ScheduledCycle(
        name="deliver-notifications",
        flow=deliver_notifications,
        cron="*/2 * * * *",
        why="Every 2 minutes: sends what the steps people take have queued (a request reaches its deciders within minutes) and retries what could not be delivered; nothing is dropped.",
    ),
)

CYCLES = {cycle.name: cycle for cycle in SCHEDULED_CYCLES}


def deployments() -> list:
    return [
        cycle.flow.to_deployment(
            name=cycle.name, schedules=[Cron(cycle.cron, timezone=TIME_ZONE)], description=cycle.why
        )
        for cycle in SCHEDULED_CYCLES
    ]
