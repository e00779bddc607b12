"""What a cycle's flow run did, said once for the command line, the flow's log and its artifact."""

from datetime import date

from prefect.artifacts import create_markdown_artifact
from pydantic import BaseModel

from governance.action_plans.use_cases import ActionPlanRun
from governance.deadlines.use_cases import CalendarRun
from governance.notifications.use_cases import DeliveryRun


class CycleOutcome(BaseModel):
    cycle: ActionPlanRun | CalendarRun
    delivery: DeliveryRun = DeliveryRun()
    dry_run: bool = False

    def summary(self) -> str:
        if self.dry_run:
            written = ", ".join(self.cycle.recipients) or "nobody"
            return (
                f"DRY RUN, nothing was recorded or sent.\n{self.cycle.summary()}\nwould write to: {written}"
            )
        return f"{self.cycle.summary()}\n{self.delivery.summary()}"


def report(outcome: CycleOutcome, *, title: str, as_of: date) -> CycleOutcome:
    """Print the outcome (the flow logs it) and keep it as the run's markdown artifact."""
    print(outcome.summary())
    create_markdown_artifact(
        key=outcome.cycle.cycle,
        markdown=f"# {title}, {as_of:%d %B %Y}\n\n" + outcome.summary().replace("\n", "\n\n"),
        description=f"What the {title.lower()} did",
    )
    return outcome
