"""What a cycle's flow run did, per partnership, said once for the command line, the flow's log and
its markdown artifact."""

from datetime import date

from prefect.artifacts import create_markdown_artifact
from pydantic import BaseModel

from governance.action_plans.use_cases import ActionPlanRun
from governance.deadlines.use_cases import CalendarRun
from governance.notifications.use_cases import DeliveryRun
from governance.vocabulary import Cycle


class PartnershipRun(BaseModel):
    """One partnership's part of a cycle's run: what the cycle did and what was delivered, or why it failed."""

    partnership: str
    cycle: ActionPlanRun | CalendarRun | None = None
    delivery: DeliveryRun | None = None
    failure: str | None = None

    def summary(self, *, dry_run: bool) -> str:
        if self.failure is not None:
            return f"[{self.partnership}] FAILED: {self.failure}"
        lines = [f"[{self.partnership}] {self.cycle.summary()}" if self.cycle else f"[{self.partnership}]"]
        if dry_run and self.cycle is not None:
            lines.append(f"would write to: {', '.join(self.cycle.recipients) or 'nobody'}")
        if self.delivery is not None:
            lines.append(self.delivery.summary())
        return "\n".join(lines)


class CycleOutcome(BaseModel):
    cycle: Cycle
    as_of: date | None = None
    dry_run: bool = False
    partnerships: list[PartnershipRun] = []

    def of(self, partnership: str) -> PartnershipRun:
        return next(run for run in self.partnerships if run.partnership == partnership)

    @property
    def failures(self) -> dict[str, str]:
        return {run.partnership: run.failure for run in self.partnerships if run.failure is not None}

    def summary(self) -> str:
        head = "DRY RUN, nothing was recorded or sent.\n" if self.dry_run else ""
        if not self.partnerships:
            return head + "no partnership is loaded: nothing to do"
        return head + "\n".join(run.summary(dry_run=self.dry_run) for run in self.partnerships)


def publish(outcome: CycleOutcome) -> CycleOutcome:
    """Print the outcome (the flow logs it) and keep it as the run's markdown artifact."""
    print(outcome.summary())
    title = outcome.cycle.value.replace("-", " ").capitalize()
    day = f", {outcome.as_of:%d %B %Y}" if outcome.as_of else ""
    create_markdown_artifact(
        key=outcome.cycle.value,
        markdown=f"# {title}{day}\n\n" + outcome.summary().replace("\n", "\n\n"),
        description=f"What the {title.lower()} did",
    )
    return outcome
