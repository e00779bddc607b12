"""The cycles a replay runs, in the order of a day's schedule, each as its flow's task calls its use case.

Each entry calls the one governance use case its cycle's flow task calls, with the same arguments,
but with the replay's day for the clock, the copy's unit of work, and the capture for a notifier.
A cycle whose use case is not importable is left out and said (``not replayed``), not guessed at.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy.engine import Engine

from flows.replay_documents import ReplayDocuments
from governance.action_plans.model import ActionPlanPolicy
from governance.dates import at_london_time
from governance.notifications.model import MessageRenderer, Notifier
from governance.vocabulary import Cycle
from registry.unit_of_work import SqlUnitOfWork


@dataclass(frozen=True)
class ReplayDay:
    """What every cycle's run needs on one replayed day."""

    engine: Engine
    day: date
    renderer: MessageRenderer
    notifier: Notifier
    now: datetime
    action_plan_policy: ActionPlanPolicy = field(default_factory=ActionPlanPolicy)
    documents: ReplayDocuments = field(default_factory=ReplayDocuments)
    """What renders the board packs and summaries the cycles attach (typeset only if asked)."""

    def uow(self, partnership: str) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.engine, partnership=partnership)

    def end_of_day(self) -> datetime:
        """The day's last minute in London: its delivery sends everything due that day."""
        return at_london_time(self.day, time(23, 59)) + timedelta(seconds=0)

    def daily(self, use_case: Callable[..., Any], partnership: str, **more: Any) -> Any:
        """The common shape of a cycle's use case: ``(as_of, *, uow, render, now, ...)``."""
        return use_case(self.day, uow=self.uow(partnership), render=self.renderer, now=self.now, **more)


Run = Callable[[ReplayDay, str], Any]


def _calendar() -> Run:
    from governance.deadlines.use_cases import run_calendar

    return lambda d, key: d.daily(run_calendar, key)


def _reminders() -> Run:
    from governance.deadlines.reminders import run_reminders

    return lambda d, key: d.daily(run_reminders, key)


def _sub_group_reporting() -> Run:
    from governance.boards.use_cases import run_sub_group_reporting

    return lambda d, key: d.daily(run_sub_group_reporting, key, documents=d.documents)


def _annual_report() -> Run:
    from governance.reports.annual_cycle import run_annual_report
    from registry.sql.messages_on_record import OutboxOnRecord

    return lambda d, key: d.daily(run_annual_report, key, messages=OutboxOnRecord(d.engine, key))


def _annual_report_dispatches() -> Run:
    """After the day's delivery, as the annual-report flow does: each statutory copy the outbox sent, recorded."""
    from governance.reports.dispatch import record_sent_dispatches
    from governance.returns.cycles import CycleRun
    from registry.sql.messages_on_record import OutboxOnRecord

    return lambda d, key: record_sent_dispatches(
        d.day,
        uow=d.uow(key),
        now=d.end_of_day(),
        messages=OutboxOnRecord(d.engine, key),
        run=CycleRun(cycle=Cycle.ANNUAL_REPORT.value, as_of=d.day),
    )


def _action_plan_update() -> Run:
    from governance.action_plans.use_cases import run_action_plan_update

    return lambda d, key: d.daily(
        run_action_plan_update, key, policy=d.action_plan_policy, documents=d.documents
    )


def _committee_returns() -> Run:
    from governance.returns.committee_cycle import run_committee_returns

    return lambda d, key: d.daily(run_committee_returns, key)


def _enquiries() -> Run:
    from governance.returns.enquiries_cycle import run_enquiries

    return lambda d, key: d.daily(run_enquiries, key)


def _review_clocks() -> Run:
    from governance.returns.review_clocks import run_review_clocks

    return lambda d, key: d.daily(run_review_clocks, key)


def _digests() -> Run:
    from governance.notifications.digests import send_digests

    return lambda d, key: d.daily(send_digests, key)


def _deliver_notifications() -> Run:
    from governance.notifications.use_cases import deliver_queued

    return lambda d, key: deliver_queued(uow=d.uow(key), notifier=d.notifier, clock=d.end_of_day)


RESOLVERS: dict[Cycle, Callable[[], Run]] = {
    Cycle.CALENDAR: _calendar,
    Cycle.REMINDERS: _reminders,
    Cycle.SUB_GROUP_REPORTING: _sub_group_reporting,
    Cycle.ANNUAL_REPORT: _annual_report,
    Cycle.ACTION_PLAN_UPDATE: _action_plan_update,
    Cycle.COMMITTEE_RETURNS: _committee_returns,
    Cycle.ENQUIRIES: _enquiries,
    Cycle.REVIEW_CLOCKS: _review_clocks,
    Cycle.DIGESTS: _digests,
    Cycle.DELIVER_NOTIFICATIONS: _deliver_notifications,
}
AFTER_DELIVERY: dict[Cycle, Callable[[], Run]] = {Cycle.ANNUAL_REPORT: _annual_report_dispatches}
"""What a cycle's flow does once its messages are delivered, run after the day's delivery."""

DAY_ORDER = (
    Cycle.CALENDAR,
    Cycle.REMINDERS,
    Cycle.SUB_GROUP_REPORTING,
    Cycle.ANNUAL_REPORT,
    Cycle.ACTION_PLAN_UPDATE,
    Cycle.COMMITTEE_RETURNS,
    Cycle.ENQUIRIES,
    Cycle.REVIEW_CLOCKS,
    Cycle.DIGESTS,
    Cycle.DELIVER_NOTIFICATIONS,
)
"""A day's cycles in the order their schedules run them: deadlines first, digests and delivery last."""


def cycles_to_replay() -> tuple[list[tuple[Cycle, Run]], dict[str, str]]:
    """The cycles the replay can run, in a day's order, and those it cannot, with the reason."""
    available: list[tuple[Cycle, Run]] = []
    missing: dict[str, str] = {}
    for cycle in DAY_ORDER:
        resolver = RESOLVERS.get(cycle)
        if resolver is None:
            missing[cycle.value] = "the replay does not know its use case yet"
            continue
        try:
            available.append((cycle, resolver()))
        except Exception as error:  # a cycle being written: said, and the others replayed
            missing[cycle.value] = f"its use case is not importable ({type(error).__name__}: {error})"
    replayed = {cycle for cycle, _ in available}
    available += [(c, resolve()) for c, resolve in AFTER_DELIVERY.items() if c in replayed]
    return available, missing
