"""What the use cases need from the outside world, as protocols.

The registry implements them on SQL; tests implement them in memory (``tests/fakes.py``).
"""

from datetime import date, datetime
from types import TracebackType
from typing import Any, Protocol, Self

from governance.action_plan import ActionOnRecord
from governance.deadlines import Deadline
from governance.notifications import OutboxMessage, QueuedMessage
from governance.people import PersonOnRecord


class ActionPlanRecords(Protocol):
    def actions(self) -> list[ActionOnRecord]: ...
    def find(self, reference: str) -> ActionOnRecord | None: ...
    def add_update(
        self, reference: str, *, period: str, progress: str, submitted_by: str, submitted_on: date
    ) -> None: ...


class DeadlineRecords(Protocol):
    def record(self, deadline: Deadline, *, recorded_on: date) -> bool:
        """Record the deadline unless one with the same key exists; True when it was new."""

    def mark_submitted(self, key: tuple[str, str, str], *, on: date) -> bool: ...
    def close_all_for(self, subject: str, *, on: date) -> int:
        """Close every open deadline about ``subject``; how many were closed."""


class Outbox(Protocol):
    def enqueue(self, message: OutboxMessage, *, at: datetime) -> bool:
        """Queue the message unless its key was queued before; True when it was new."""

    def pending(self, *, stale_before: datetime) -> list[QueuedMessage]:
        """Messages not yet delivered, oldest first, including claims older than ``stale_before``."""

    def claim(self, message_id: int, *, at: datetime, stale_before: datetime) -> bool:
        """Take the message for sending; False when another sender has it or it is sent."""

    def mark_sent(self, message_id: int, *, at: datetime) -> None: ...
    def mark_failed(self, message_id: int, *, error: str, at: datetime) -> None: ...


class People(Protocol):
    def find(self, key: str) -> PersonOnRecord | None: ...
    def find_many(self, keys: set[str]) -> dict[str, PersonOnRecord]: ...


class AuditTrail(Protocol):
    def record(self, *, at: datetime, actor: str, event: str, subject: str, details: dict[str, Any]) -> None: ...


class UnitOfWork(Protocol):
    """One transaction: everything done inside ``with uow:`` is committed together or not at all."""

    actions: ActionPlanRecords
    deadlines: DeadlineRecords
    outbox: Outbox
    people: People
    audit: AuditTrail

    def __enter__(self) -> Self: ...
    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...
    def commit(self) -> None: ...
