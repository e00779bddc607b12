"""What a cycle's flow run did, per partnership, said once for the command line, the flow's log and
its markdown artifact, and the run's name and tags, so the Prefect UI reads in the users' words."""

import logging
from datetime import date

from prefect.artifacts import create_markdown_artifact
from pydantic import BaseModel, SerializeAsAny

from governance.notifications.use_cases import DeliveryRun
from governance.vocabulary import Cycle


class PartnershipRun(BaseModel):
    """One partnership's part of a cycle's run: what the cycle did and what was delivered, or why it failed.

    ``cycle`` is the use case's own result (any cycle's: ``CalendarRun``, ``ActionPlanRun``, a board
    pack's, an annual report's …). Each has ``cycle``, ``as_of``, ``recipients`` and ``summary()``,
    and where they apply ``asked``, ``overdue`` and ``sent``, which the artifact lists."""

    partnership: str
    cycle: SerializeAsAny[BaseModel] | None = None
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

    def failed(self) -> list[str]:
        """What went wrong: the partnership's run itself, or messages that could not be delivered."""
        if self.failure is not None:
            return [self.failure]
        return list(self.delivery.errors) if self.delivery is not None else []

    def markdown(self, *, dry_run: bool) -> str:
        """The partnership's section of the artifact: what was asked of whom, overdue, sent, failed."""
        if self.failure is not None:
            return f"## {self.partnership}\n\n**Failed:** {self.failure}\n"
        cycle = self.cycle
        parts = [f"## {self.partnership}", cycle.summary() if cycle is not None else "nothing to do"]
        sent = list(_listed(cycle, "sent"))
        if self.delivery is not None:
            sent.append(self.delivery.summary())
        asked_title = "Would ask" if dry_run else "Asked"
        for title, items in (
            (asked_title, _listed(cycle, "asked")),
            ("Overdue", _listed(cycle, "overdue")),
            ("Sent", sent),
            ("Failed", self.failed()),
        ):
            parts.append(f"**{title}:** " + ("none" if not items else "\n" + _bullets(items)))
        return "\n\n".join(parts) + "\n"


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

    def markdown(self) -> str:
        title = self.cycle.value.replace("-", " ").capitalize()
        day = f", {self.as_of:%d %B %Y}" if self.as_of else ""
        head = f"# {title}{day}\n\n" + (
            "*Dry run: nothing was recorded or sent.*\n\n" if self.dry_run else ""
        )
        if not self.partnerships:
            return head + "No partnership is loaded: nothing to do.\n"
        return head + "\n".join(run.markdown(dry_run=self.dry_run) for run in self.partnerships)


def _listed(result: BaseModel | None, field: str) -> list[str]:
    """A result's list of what was asked, overdue or sent; a count where the result keeps only that."""
    value = getattr(result, field, None)
    if isinstance(value, int) and not isinstance(value, bool):
        return [f"{value} {field}"] if value else []
    return [str(item) for item in value or ()]


def _bullets(items: list[str], most: int = 50) -> str:
    shown = [f"- {item}" for item in items[:most]]
    if len(items) > most:
        shown.append(f"- … and {len(items) - most} more")
    return "\n".join(shown)


def run_name() -> str:
    """A flow run's name: its cycle, the partnership (or "all") and the date it runs as of, e.g.
    ``calendar-bradford-2026-12-01``; a run without ``as_of`` runs as of today in London."""
    from prefect.runtime import flow_run

    from flows.bootstrap import london_today

    parameters = flow_run.parameters or {}
    day = parameters.get("as_of") or london_today()
    return f"{flow_run.flow_name}-{parameters.get('partnership') or 'all'}-{day}"


def run_tags(cycle: Cycle | str, partnership: str | None) -> list[str]:
    """The tags a cycle's runs carry, to filter them in the Prefect UI: the cycle and the partnership."""
    return [f"cycle:{Cycle(cycle).value}", f"partnership:{partnership or 'all'}"]


def publish(outcome: CycleOutcome) -> CycleOutcome:
    """Print the outcome (the flow logs it), log failures as errors (the command line exits 1 on them)
    and keep the outcome as the run's markdown artifact."""
    print(outcome.summary())
    failed = {run.partnership: run.failed() for run in outcome.partnerships if run.failure is not None}
    for partnership, reasons in failed.items():
        _logger().error("[%s] %s FAILED: %s", partnership, outcome.cycle.value, "; ".join(reasons))
    only = outcome.partnerships[0].partnership if len(outcome.partnerships) == 1 else "all"
    create_markdown_artifact(
        key=f"{outcome.cycle.value}-{only}",
        markdown=outcome.markdown(),
        description=f"What the {outcome.cycle.value.replace('-', ' ')} did for {only}",
    )
    return outcome


def _logger() -> logging.Logger | logging.LoggerAdapter:
    """The run's logger (its logs reach the Prefect server); outside a run, e.g. ``flow.fn()``, a plain one."""
    from prefect.exceptions import MissingContextError
    from prefect.logging import get_run_logger

    try:
        return get_run_logger()
    except MissingContextError:
        return logging.getLogger(__name__)
