"""Use case of the reminders cycle: the escalation ladder's daily sweep across every open deadline.

The sweep is set-based. The deadlines port records, in one statement, each step reached on
``as_of`` and not yet taken for its deadline's due date (``take_steps_due``; the rule is
``escalation.steps_due``, and the in-memory fake applies it deadline by deadline): the latest
reached as taken and not yet told, the earlier ones as skipped. The reminders flow may instead take
every partnership's steps at once (``registry.sql.escalation_sweep``); either way this use case
then tells what was taken and is untold (``steps_to_tell``), each person in one message for the day
listing everything that concerns them, and records each step told with its message's key. A run
that fails before it tells leaves the steps untold, and the next run tells them.
"""

import hashlib
from collections import Counter, defaultdict
from datetime import date, datetime

from pydantic import BaseModel

from governance.dates import at_london_time
from governance.deadlines.escalation import DueStep, TakenStep, audience, describe, where_to_act
from governance.notifications.exempt import (
    EXEMPT_ITEM_NEEDS_YOUR_UPDATE,
    deadline_title,
    deadline_withheld_from,
)
from governance.notifications.links import Item, Page, link, workspace_of
from governance.notifications.messages import contact_of, message_to
from governance.notifications.model import MessageRenderer, OutboxMessage
from governance.partnership.model import PartnershipOnRecord
from governance.partnership.people import PersonOnRecord
from governance.ports import GovernanceUnitOfWork
from governance.vocabulary import Cycle

CYCLE = Cycle.REMINDERS
REMINDER_TEMPLATE = "deadline_reminders"


class RemindersRun(BaseModel):
    cycle: str = CYCLE
    as_of: date
    steps_taken: int = 0
    steps_skipped: int = 0
    messages_queued: int = 0
    recipients: list[str] = []
    asked: list[str] = []
    """Who was reminded or told, and of how many deadlines: "Jo Bloggs: 3 deadlines (reminder 7 days before)"."""
    overdue: list[str] = []
    """The overdue deadlines a step was taken for, with their owners."""

    def summary(self) -> str:
        # steps the sweep across every partnership skipped are in its own log line, not here
        skipped = f", {self.steps_skipped} skipped" if self.steps_skipped else ""
        return (
            f"reminders as of {self.as_of:%d %B %Y}: {self.steps_taken} steps taken{skipped}; "
            f"messages: {self.messages_queued} queued to {len(self.recipients)} people"
        )


class _Step(BaseModel):
    due: DueStep
    standing: str
    person: PersonOnRecord


ESCALATIONS_LISTED_IN_FULL = 5
"""Beyond this many deadlines escalated to one person on a day, the message summarises them: how many
each owner has, the three oldest, and a link to the full list."""


def run_reminders(
    as_of: date, *, uow: GovernanceUnitOfWork, render: MessageRenderer, now: datetime
) -> RemindersRun:
    run = RemindersRun(as_of=as_of)
    with uow:
        escalation = uow.partnership.policy().escalation
        run.steps_skipped = uow.deadlines.take_steps_due(as_of, escalation).skipped
        due_today = uow.deadlines.steps_to_tell(escalation)
        # the whole partnership is read only on a day with steps to tell
        p = uow.partnership.snapshot() if due_today else None
        ladder = {s.name: s for s in escalation}
        by_person: dict[str, list[_Step]] = defaultdict(list)
        told: list[TakenStep] = []
        for due in due_today:
            told += [_skipped(due, name) for name in due.skip]
            if due.take not in ladder:  # the ladder changed since the step was taken
                told.append(_skipped(due, due.take))
                continue
            person = audience(ladder[due.take], due.deadline, p)
            standing = describe(ladder[due.take], due.deadline, as_of)
            by_person[person.key].append(_Step(due=due, standing=standing, person=person))
            if due.deadline.due_on < as_of:
                run.overdue.append(_overdue(due, p, standing))
        run.steps_skipped += len(told)
        for person_key in sorted(by_person):
            told += _tell(by_person[person_key], p, as_of, render, now, uow, run)
        uow.deadlines.record_told(told)
        uow.audit.record(at=now, actor="system", event="cycle run", subject=CYCLE, details=_details(run))
        uow.commit()
    return run


def _skipped(due: DueStep, name: str) -> TakenStep:
    return TakenStep(deadline_id=due.deadline_id, step=name, for_due_on=due.deadline.due_on, skipped=True)


def _overdue(due: DueStep, p: PartnershipOnRecord, standing: str) -> str:
    d = due.deadline
    return f"{d.title or f'{d.duty.value}: {d.subject}'} ({p.person(d.owner_key).name}, {standing})"


def _tell(
    steps: list[_Step],
    p: PartnershipOnRecord,
    as_of: date,
    render: MessageRenderer,
    now: datetime,
    uow: GovernanceUnitOfWork,
    run: RemindersRun,
) -> list[TakenStep]:
    """One message to the person for all their steps of the day; the steps it carries, to record."""
    message = _reminder(steps, p, as_of, render)
    run.messages_queued += int(uow.outbox.enqueue(message, at=now))
    run.steps_taken += len(steps)
    person = steps[0].person
    run.recipients.append(person.name)
    kinds = ", ".join(sorted({s.due.take for s in steps}))
    run.asked.append(f"{person.name}: {len(steps)} deadline{'s' if len(steps) != 1 else ''} ({kinds})")
    return [
        TakenStep(
            deadline_id=s.due.deadline_id,
            step=s.due.take,
            for_due_on=s.due.deadline.due_on,
            message_key=message.key,
        )
        for s in steps
    ]


def _reminder(
    steps: list[_Step], p: PartnershipOnRecord, as_of: date, render: MessageRenderer
) -> OutboxMessage:
    person = steps[0].person
    base = workspace_of(render)
    items = [
        {
            "title": deadline_title(s.due.deadline, person, p),
            "withheld": deadline_withheld_from(person, s.due.deadline, p),
            "due_on": s.due.deadline.due_on,
            "standing": s.standing,
            "step": s.due.take,
            "owner": p.person(s.due.deadline.owner_key).name,
            "yours": s.due.deadline.owner_key == person.key,
            "board": p.board(s.due.deadline.board_key).short_name,
            "link": link(base, where_to_act(s.due.deadline, person), p.key, Item.DEADLINE, s.due.deadline_id),
        }
        for s in sorted(steps, key=lambda s: (s.due.deadline.due_on, s.due.deadline.subject))
    ]
    escalated = Counter(item["owner"] for item in items if not item["yours"])
    fingerprint = hashlib.sha256(
        "|".join(f"{s.due.deadline_id}:{s.due.take}:{s.due.deadline.due_on}" for s in steps).encode()
    ).hexdigest()[:12]
    return message_to(
        person,
        key=f"reminders/{as_of.isoformat()}/{person.key}/{fingerprint}",
        template=REMINDER_TEMPLATE,
        context={
            "as_of": as_of,
            "items": items,
            "exempt_needs_update": EXEMPT_ITEM_NEEDS_YOUR_UPDATE,
            "escalated_in_full": ESCALATIONS_LISTED_IN_FULL,
            "escalated_by_owner": sorted(escalated.items(), key=lambda owner: (-owner[1], owner[0])),
            "full_list": link(base, Page.MY_WORK, p.key),
        },
        renderer=render,
        contact=contact_of(p),
        not_before=at_london_time(as_of, p.policy.reminder_time),
    )


def _details(run: RemindersRun) -> dict[str, object]:
    """What the audit trail keeps of the run: its counts and who was told (the lists can be long)."""
    return run.model_dump(mode="json", exclude={"asked", "overdue"})
