"""Use cases of deadlines: keep the partnership's calendar for a day, and list what the rules produce.

The calendar records the deadlines every obligation produces around ``as_of`` (scheduled ahead, caught up
after a pause), opens those whose window has opened, and follows the facts (an enquiry answered, a
report published). The escalation ladder's steps are the reminders cycle's (``reminders.py``), run
after it each day. Recording and opening are set-based: one bulk insert that skips what is already
recorded, one update; only what the facts changed is written deadline by deadline.
"""

from collections import Counter
from datetime import date, datetime, timedelta

from pydantic import BaseModel, ConfigDict

from governance.deadlines.model import Deadline, DeadlineState, LiveDeadline
from governance.deadlines.obligations import CALENDAR, CALENDAR_DUTIES, obligation_for, occurrences
from governance.lifecycles import DEADLINE
from governance.notifications.model import MessageRenderer
from governance.partnership.model import PartnershipOnRecord
from governance.policy import GovernancePolicy
from governance.ports import GovernanceUnitOfWork
from governance.vocabulary import Cycle

CYCLE = Cycle.CALENDAR


class CalendarRun(BaseModel):
    cycle: str = CYCLE
    as_of: date
    recorded: dict[str, int] = {}
    already_recorded: int = 0
    opened: int = 0
    submitted_by_facts: int = 0
    recipients: list[str] = []
    """The calendar tells nobody: the reminders cycle does."""

    def summary(self) -> str:
        recorded = sum(self.recorded.values())
        kinds = ", ".join(f"{n} {duty}" for duty, n in sorted(self.recorded.items())) or "none new"
        return (
            f"calendar as of {self.as_of:%d %B %Y}: deadlines recorded: {recorded} ({kinds}), {self.already_recorded} already recorded; "
            f"{self.opened} opened, {self.submitted_by_facts} met by what the registry shows"
        )


def run_calendar(
    as_of: date, *, uow: GovernanceUnitOfWork, now: datetime, render: MessageRenderer | None = None
) -> CalendarRun:
    """``render`` is unused (the calendar sends nothing); it is taken so a day's cycles are called alike."""
    report = CalendarRun(as_of=as_of)
    with uow:
        partnership = uow.partnership.snapshot()
        policy = partnership.policy
        produced = occurrences(
            partnership,
            _looks_back_to(uow, policy, as_of),
            as_of + timedelta(days=policy.schedule_ahead_days),
            recorded_by=CALENDAR,
        )
        _record(uow, produced, as_of, report)
        report.opened = uow.deadlines.open_due(as_of, to=DEADLINE.after(DeadlineState.SCHEDULED, "open"))
        _follow(uow, partnership, produced, as_of, report)
        uow.audit.record(
            at=now, actor="system", event="cycle run", subject=CYCLE, details=report.model_dump(mode="json")
        )
        uow.commit()
    return report


def _looks_back_to(uow: GovernanceUnitOfWork, policy: GovernancePolicy, as_of: date) -> date:
    """A run catches up ``catch_up_days``; the partnership's first run, everything still unmet since
    ``live_from`` (so a registry installed in December shows the annual report overdue since September)."""
    caught_up = as_of - timedelta(days=policy.catch_up_days)
    if uow.deadlines.any_recorded(CALENDAR_DUTIES):
        return caught_up
    return min(caught_up, policy.first_run_looks_back_to(as_of))


def _record(uow: GovernanceUnitOfWork, produced: list[Deadline], as_of: date, report: CalendarRun) -> None:
    new = uow.deadlines.record_all(
        [d.model_copy(update={"state": d.state_on(as_of)}) for d in produced], recorded_on=as_of
    )
    report.recorded = dict(Counter(key[0] for key in new))
    report.already_recorded = len(produced) - len(new)


def _facts(
    p: PartnershipOnRecord, produced: list[Deadline], live: list[LiveDeadline]
) -> dict[tuple[str, str, str], Deadline]:
    """What the obligations say of every live deadline, including those recorded long ago (by their first due date)."""
    facts = {d.key: d for d in produced}
    earlier = [
        d.original_due_on
        for d in live
        if d.key not in facts and obligation_for(d.duty).recorded_by == CALENDAR
    ]
    if earlier:
        facts |= {
            d.key: d for d in _calendar_occurrences(p, min(earlier), max(earlier)) if d.key not in facts
        }
    return facts


_last_looked_back: tuple[PartnershipOnRecord, date, date, list[Deadline]] | None = None
"""The last window ``_facts`` looked back over, with what it produced for that snapshot."""


def _calendar_occurrences(p: PartnershipOnRecord, start: date, end: date) -> list[Deadline]:
    """``occurrences`` of the calendar's duties, a pure derivation of the snapshot: where the same
    snapshot (the same object, as a replay keeps it from day to day while nothing it holds changes)
    looks back over the same window again, the last answer is given again. A run that reads its own
    snapshot never finds one kept."""
    global _last_looked_back
    last = _last_looked_back  # read once: a run in another thread may replace it
    if last is not None and last[0] is p and last[1] == start and last[2] == end:
        return last[3]
    produced = occurrences(p, start, end, recorded_by=CALENDAR)
    _last_looked_back = (p, start, end, produced)
    return produced


def _follow(
    uow: GovernanceUnitOfWork,
    p: PartnershipOnRecord,
    produced: list[Deadline],
    as_of: date,
    report: CalendarRun,
) -> None:
    """Submit what the registry shows done (answered, published) of the deadlines open on ``as_of``."""
    waiting = uow.deadlines.live_keys(state=DeadlineState.OPEN)
    if not waiting:
        return
    facts = _facts(p, produced, waiting)
    submitted = DEADLINE.after(DeadlineState.OPEN, "submit")
    for deadline in waiting:
        fact = facts.get(deadline.key)
        if fact is not None and fact.state is DeadlineState.SUBMITTED:
            uow.deadlines.change_state(deadline.id, submitted, on=as_of)
            report.submitted_by_facts += 1


class ListedDeadline(BaseModel):
    model_config = ConfigDict(frozen=True)

    due_on: date
    duty: str
    duty_slug: str
    board: str
    sub_group: str
    owner: str
    what: str
    subject: str
    period: str
    source: str


def list_deadlines(start: date, end: date, *, uow: GovernanceUnitOfWork) -> list[ListedDeadline]:
    """Soonest first; raises ``LookupError`` when no partnership is loaded."""
    with uow:
        p = uow.partnership.snapshot()
    names = {person.key: person.name for person in p.people}
    boards = {b.key: b.short_name for b in p.boards}
    groups = {g.key: g.name for g in p.sub_groups}
    return [
        ListedDeadline(
            due_on=d.due_on,
            duty=d.duty.value,
            duty_slug=d.duty.slug,
            board=boards[d.board_key],
            sub_group=groups.get(d.sub_group_key or "", ""),
            owner=names[d.owner_key],
            what=d.title or d.subject,
            subject=d.subject,
            period=d.period,
            source=obligation_for(d.duty).source.citation,
        )
        for d in occurrences(p, start, end)
    ]
