"""What the statutory cycles (annual report, committee returns, enquiries, review clocks) share: the
result a run gives, the outbox as they read it back, and messages to someone who is not a person
on record (an agency's shared mailbox, a statutory recipient's office).

Each cycle asks, chases and tells through the outbox, keyed so that a run repeated on the same day
(or a retried task) queues nothing twice; the ladder of reminders and overdue notices on recorded
deadlines stays with the reminders cycle (``governance.deadlines.escalation``): these cycles add
what the ladder does not send.
"""

from datetime import date, datetime
from typing import Protocol

from pydantic import BaseModel

from governance.dates import at_london_time
from governance.notifications.messages import contact_of, message_to
from governance.notifications.model import MessageRenderer, OutboxMessage
from governance.partnership.model import AgencyOnRecord, PartnershipOnRecord
from governance.partnership.people import PersonOnRecord
from governance.ports import UnitOfWork
from governance.vocabulary import Role


class MessagesOnRecord(Protocol):
    """The outbox read back by key: for when a message was queued, and when it was sent (if it was)."""

    def asked_at(self, key: str) -> datetime | None:
        """The instant the message was queued to go out (its ``not_before``: the day of the run
        that asked, which a replay sets), else when it was queued; ``None`` if never queued."""

    def sent_at(self, key: str) -> datetime | None:
        """Only a message the mail server accepted: an uncertain or failed one was not sent."""


class NothingOnRecord:
    """For a dry run or a test without an outbox to read: nothing was ever queued or sent."""

    def asked_at(self, key: str) -> datetime | None:
        return None

    def sent_at(self, key: str) -> datetime | None:
        return None


class CycleRun(BaseModel):
    """What one run of a cycle did for one partnership, as the flow's summary and artifact say it."""

    cycle: str
    as_of: date
    asked: list[str] = []
    """What was asked of whom: "Healthwatch Bradford: its contribution to the BSAB annual report"."""
    chased: list[str] = []
    overdue: list[str] = []
    sent: list[str] = []
    """What the platform knows went out (a statutory dispatch recorded once the server took it)."""
    notes: list[str] = []
    """What else the run found or did (a draft opened, a report routed, the register pulled)."""
    messages_queued: int = 0
    recipients: list[str] = []

    def summary(self) -> str:
        parts = [
            f"{len(self.asked)} asked",
            f"{len(self.chased)} chased",
            f"{len(self.overdue)} overdue",
            f"{len(self.sent)} sent",
            f"messages: {self.messages_queued} queued",
        ]
        lines = [f"{self.cycle} as of {self.as_of:%d %B %Y}: " + ", ".join(parts)]
        for label, items in (
            ("asked", self.asked),
            ("chased", self.chased),
            ("overdue", self.overdue),
            ("sent", self.sent),
            ("noted", self.notes),
        ):
            lines += [f"  {label}: {item}" for item in items]
        return "\n".join(lines)

    def queued(self, uow: UnitOfWork, message: OutboxMessage, *, at: datetime, what: str = "") -> bool:
        """Queue the message unless its key was queued before; count it and name who gets it."""
        new = uow.outbox.enqueue(message, at=at)
        if new:
            self.messages_queued += 1
            if message.recipient_name not in self.recipients:
                self.recipients.append(message.recipient_name)
        return new


def record_cycle_run(uow: UnitOfWork, run: CycleRun, *, now: datetime, said: set[str]) -> None:
    """The audit trail's line for one cycle run, by the system: the run's fields named in ``said``."""
    uow.audit.record(
        at=now,
        actor="system",
        event="cycle run",
        subject=run.cycle,
        details=run.model_dump(mode="json", include=said),
    )


def addressee(name: str, address: str) -> PersonOnRecord:
    """Someone written to who is not a person on record (no key): an office, a shared mailbox."""
    return PersonOnRecord(key="", name=name, email=address)


def agency_addressee(p: PartnershipOnRecord, agency: AgencyOnRecord, *roles: Role) -> PersonOnRecord:
    """Where a request to an agency as a whole goes: its shared mailbox, kept under the name of the
    agency's contact (so replies and the outbox name a person); without a mailbox, the contact."""
    contact = p.agency_contact(agency.key, *(roles or (Role.AGENCY_REPRESENTATIVE, Role.MEMBER)))
    if agency.mailbox:
        return contact.model_copy(update={"name": f"{agency.name} ({contact.name})", "email": agency.mailbox})
    return contact


def message(
    p: PartnershipOnRecord,
    to: PersonOnRecord,
    *,
    key: str,
    template: str,
    context: dict,
    render: MessageRenderer,
    on: date,
    board_key: str | None = None,
) -> OutboxMessage:
    """A cycle's message: sent at the partnership's reminder time on ``on``, naming the business
    manager as contact, grouped in a digest by board and by what it asks (its template)."""
    built = message_to(
        to,
        key=key,
        template=template,
        context=context,
        renderer=render,
        contact=contact_of(p),
        not_before=at_london_time(on, p.policy.reminder_time),
    )
    return built.model_copy(update={"board_key": board_key, "ask": template})


def due_chaser(first_asked_on: date, as_of: date, every_days: int) -> int:
    """The number of the chaser due on ``as_of`` for a request first made on ``first_asked_on``
    (every ``every_days`` days after it; 0: none yet). After a pause, only the latest is sent."""
    return max(0, (as_of - first_asked_on).days // every_days)
