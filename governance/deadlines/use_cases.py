"""Use cases of deadlines: keep the partnership's calendar for a day, and list what the rules produce.

The calendar records the deadlines every obligation produces around ``as_of`` (scheduled ahead, caught up
after a pause), opens those whose window has opened, follows the facts (an enquiry answered, a
report published), and takes the escalation ladder's steps, each once, in one message per person.
"""

import hashlib
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta

from pydantic import BaseModel, ConfigDict

from governance.dates import at_london_time
from governance.deadlines.escalation import audience, describe, steps_due, where_to_act
from governance.deadlines.model import Deadline, DeadlineOnRecord, DeadlineState
from governance.deadlines.obligations import CALENDAR, obligation_for, occurrences
from governance.lifecycles import DEADLINE
from governance.notifications.exempt import (
    EXEMPT_ITEM_NEEDS_YOUR_UPDATE,
    deadline_title,
    deadline_withheld_from,
)
from governance.notifications.links import Item, link, workspace_of
from governance.notifications.messages import contact_of, message_to
from governance.notifications.model import MessageRenderer, OutboxMessage
from governance.partnership.model import PartnershipOnRecord
from governance.partnership.people import PersonOnRecord
from governance.policy import GovernancePolicy
from governance.ports import GovernanceUnitOfWork
from governance.vocabulary import Cycle

CYCLE = Cycle.CALENDAR
REMINDER_TEMPLATE = "deadline_reminders"
WAITING = (DeadlineState.OPEN, DeadlineState.RETURNED)


class CalendarRun(BaseModel):
    cycle: str = CYCLE
    as_of: date
    recorded: dict[str, int] = {}
    already_recorded: int = 0
    opened: int = 0
    submitted_by_facts: int = 0
    steps_taken: int = 0
    steps_skipped: int = 0
    messages_queued: int = 0
    recipients: list[str] = []

    def summary(self) -> str:
        recorded = sum(self.recorded.values())
        kinds = ", ".join(f"{n} {duty}" for duty, n in sorted(self.recorded.items())) or "none new"
        return (
            f"calendar as of {self.as_of:%d %B %Y}: deadlines recorded: {recorded} ({kinds}), {self.already_recorded} already recorded; "
            f"{self.opened} opened, {self.submitted_by_facts} met by what the registry shows; "
            f"escalation: {self.steps_taken} steps taken, {self.steps_skipped} skipped; messages: {self.messages_queued} queued"
        )


class _Step(BaseModel):
    deadline: DeadlineOnRecord
    step: str
    standing: str
    person: PersonOnRecord


def run_calendar(
    as_of: date, *, uow: GovernanceUnitOfWork, render: MessageRenderer, now: datetime
) -> CalendarRun:
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
        _follow(uow, _facts(partnership, produced, uow.deadlines.live()), as_of, report)
        _escalate(uow, partnership, as_of, render, now, report)
        uow.audit.record(
            at=now, actor="system", event="cycle run", subject=CYCLE, details=report.model_dump(mode="json")
        )
        uow.commit()
    return report


def _looks_back_to(uow: GovernanceUnitOfWork, policy: GovernancePolicy, as_of: date) -> date:
    """A run catches up ``catch_up_days``; the partnership's first run, everything still unmet since
    ``live_from`` (so a registry installed in December shows the annual report overdue since September)."""
    caught_up = as_of - timedelta(days=policy.catch_up_days)
    if uow.deadlines.any_recorded():
        return caught_up
    return min(caught_up, policy.first_run_looks_back_to(as_of))


def _record(uow: GovernanceUnitOfWork, produced: list[Deadline], as_of: date, report: CalendarRun) -> None:
    counts: Counter[str] = Counter()
    for deadline in produced:
        if uow.deadlines.record(
            deadline.model_copy(update={"state": deadline.state_on(as_of)}), recorded_on=as_of
        ):
            counts[deadline.duty.value] += 1
        else:
            report.already_recorded += 1
    report.recorded = dict(counts)


def _facts(
    p: PartnershipOnRecord, produced: list[Deadline], live: list[DeadlineOnRecord]
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
            d.key: d
            for d in occurrences(p, min(earlier), max(earlier), recorded_by=CALENDAR)
            if d.key not in facts
        }
    return facts


def _follow(
    uow: GovernanceUnitOfWork, facts: dict[tuple[str, str, str], Deadline], as_of: date, report: CalendarRun
) -> None:
    """Open what is due to open; submit what the registry shows done (answered, published)."""
    for deadline in uow.deadlines.live():
        state = deadline.state
        if state is DeadlineState.SCHEDULED and (deadline.opens_on is None or deadline.opens_on <= as_of):
            state = DEADLINE.after(state, "open")
            report.opened += 1
        fact = facts.get(deadline.key)
        if fact is not None and fact.state is DeadlineState.SUBMITTED and state is DeadlineState.OPEN:
            state = DEADLINE.after(state, "submit")
            report.submitted_by_facts += 1
        if state is not deadline.state:
            uow.deadlines.change_state(deadline.id, state, on=as_of)


def _escalate(
    uow: GovernanceUnitOfWork,
    p: PartnershipOnRecord,
    as_of: date,
    render: MessageRenderer,
    now: datetime,
    report: CalendarRun,
) -> None:
    by_person: dict[str, list[_Step]] = defaultdict(list)
    for deadline in uow.deadlines.live():
        if deadline.state not in WAITING:
            continue
        due = steps_due(deadline.due_on, as_of, p.policy.escalation, deadline.steps_taken)
        for skipped in due.skip:
            uow.deadlines.record_step(
                deadline.id,
                skipped.name,
                for_due_on=deadline.due_on,
                on=as_of,
                skipped=True,
                message_key=None,
            )
            report.steps_skipped += 1
        if due.take is not None:
            person = audience(due.take, deadline, p)
            by_person[person.key].append(
                _Step(
                    deadline=deadline,
                    step=due.take.name,
                    standing=describe(due.take, deadline, as_of),
                    person=person,
                )
            )
    for person_key in sorted(by_person):
        steps = by_person[person_key]
        message = _reminder(steps, p, as_of, render)
        queued = uow.outbox.enqueue(message, at=now)
        for taken in steps:
            uow.deadlines.record_step(
                taken.deadline.id,
                taken.step,
                for_due_on=taken.deadline.due_on,
                on=as_of,
                skipped=False,
                message_key=message.key,
            )
        report.steps_taken += len(steps)
        report.messages_queued += int(queued)
        report.recipients.append(steps[0].person.name)


def _reminder(
    steps: list[_Step], p: PartnershipOnRecord, as_of: date, render: MessageRenderer
) -> OutboxMessage:
    person = steps[0].person
    base = workspace_of(render)
    items = [
        {
            "title": deadline_title(s.deadline, person, p),
            "withheld": deadline_withheld_from(person, s.deadline, p),
            "due_on": s.deadline.due_on,
            "standing": s.standing,
            "step": s.step,
            "owner": p.person(s.deadline.owner_key).name,
            "yours": s.deadline.owner_key == person.key,
            "board": p.board(s.deadline.board_key).short_name,
            "link": link(base, where_to_act(s.deadline, person), p.key, Item.DEADLINE, s.deadline.id),
        }
        for s in sorted(steps, key=lambda s: (s.deadline.due_on, s.deadline.subject))
    ]
    fingerprint = hashlib.sha256(
        "|".join(f"{s.deadline.id}:{s.step}:{s.deadline.due_on}" for s in steps).encode()
    ).hexdigest()[:12]
    return message_to(
        person,
        key=f"reminders/{as_of.isoformat()}/{person.key}/{fingerprint}",
        template=REMINDER_TEMPLATE,
        context={"as_of": as_of, "items": items, "exempt_needs_update": EXEMPT_ITEM_NEEDS_YOUR_UPDATE},
        renderer=render,
        contact=contact_of(p),
        not_before=at_london_time(as_of, p.policy.reminder_time),
    )


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
