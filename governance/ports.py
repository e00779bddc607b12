"""What the use cases need from the outside world, as protocols.

The registry implements them on SQL; tests implement the action-plan ones in memory
(``tests/fakes.py``) and run the rest on a real SQLite registry.
"""

from collections.abc import Iterator
from datetime import date, datetime
from types import TracebackType
from typing import Any, Protocol, Self

from governance.action_plans.model import ActionOnRecord
from governance.audit.model import AuditEvent
from governance.deadlines.escalation import DueStep, StepsRecorded, TakenStep
from governance.deadlines.model import Deadline, DeadlineOnRecord, DeadlineState, Duty, LiveDeadline
from governance.documents.files import Purpose, ReportFileOnRecord
from governance.extensions.model import ExtensionDecision, ExtensionRequestOnRecord, RequestExtension
from governance.lifecycles import ExtensionState
from governance.notifications.model import OutboxMessage, QueuedMessage
from governance.partnership.model import ActionUpdateOnRecord, PartnershipOnRecord
from governance.partnership.people import PersonOnRecord
from governance.policy import EscalationStep, GovernancePolicy
from governance.reports.model import ReportOnRecord
from governance.returns.model import SubmissionOnRecord


class ActionPlanRecords(Protocol):
    def actions(self) -> list[ActionOnRecord]: ...
    def find(self, reference: str) -> ActionOnRecord | None: ...
    def add_update(
        self,
        reference: str,
        *,
        period: str,
        progress: str,
        submitted_by: str,
        submitted_on: date,
        status: str = "",
        rag: str = "",
    ) -> None: ...
    def move_due_date(self, reference: str, *, to: date) -> None:
        """Extend the action: a new due date, the first one kept, the extensions counted."""


class DeadlineRecords(Protocol):
    def record(self, deadline: Deadline, *, recorded_on: date) -> bool:
        """Record the deadline unless one with the same key exists; True when it was new."""

    def record_all(self, deadlines: list[Deadline], *, recorded_on: date) -> list[tuple[str, str, str]]:
        """Record each deadline whose key is not yet recorded, in one set-based write; the keys that were new."""

    def find(self, key: tuple[str, str, str]) -> DeadlineOnRecord | None: ...
    def hold(self, key: tuple[str, str, str]) -> DeadlineOnRecord | None:
        """``find``, and keep anyone else from changing the deadline (or deciding on it) until this
        unit of work ends: the check that follows holds when two people act at once."""

    def any_recorded(self, duties: frozenset[Duty] | None = None) -> bool:
        """Whether any deadline (of ``duties``, if given) was ever recorded for the partnership: the
        calendar's first run looks further back, whatever another cycle recorded before it."""

    def live(self) -> list[DeadlineOnRecord]:
        """Every deadline not closed."""

    def live_keys(self, *, state: DeadlineState) -> list[LiveDeadline]:
        """The key, state and first due date of every deadline in ``state``, soonest first."""

    def open_due(self, as_of: date, *, to: DeadlineState) -> int:
        """Move every scheduled deadline whose window has opened by ``as_of`` to ``to``; how many moved."""

    def steps_due_on(self, as_of: date, ladder: tuple[EscalationStep, ...]) -> list[DueStep]:
        """Each open or returned deadline with a step of ``ladder`` to take on ``as_of``, as
        ``governance.deadlines.escalation.steps_due`` says, soonest due first: one indexed query."""

    def take_steps_due(self, as_of: date, ladder: tuple[EscalationStep, ...]) -> StepsRecorded:
        """Record every step ``steps_due_on`` finds, in one set-based write: the step to take as
        taken and not yet told, the earlier ones skipped. A step already recorded stays as it was."""

    def steps_to_tell(self, ladder: tuple[EscalationStep, ...]) -> list[DueStep]:
        """The steps taken and not yet told, of deadlines still open or returned, for their current
        due date: per deadline the latest in ``ladder``'s order, any earlier one to skip."""

    def record_told(self, steps: list[TakenStep]) -> None:
        """Record each step of ``steps_to_tell`` as told (its message's key) or skipped."""

    def change_state(self, deadline_id: int, state: DeadlineState, *, on: date, note: str = "") -> None:
        """Record the state a lifecycle move (``governance.lifecycles.DEADLINE``) led to."""

    def extend(self, deadline_id: int, *, to: date) -> None: ...
    def record_step(
        self,
        deadline_id: int,
        step: str,
        *,
        for_due_on: date,
        on: date,
        skipped: bool,
        message_key: str | None,
    ) -> None: ...
    def record_steps(self, steps: list[TakenStep], *, on: date) -> None:
        """Record each step taken or skipped on ``on``, once per deadline, step and due date, in bulk."""


class Outbox(Protocol):
    """Messages queued once by key and delivered once (``governance.notifications.delivery``)."""

    def enqueue(self, message: OutboxMessage, *, at: datetime) -> bool:
        """Queue the message unless its key was queued before; True when it was new."""

    def queued(self, key: str) -> bool:
        """Whether a message with this key was ever queued, whatever became of it."""

    def pending(self, *, now: datetime, stale_before: datetime) -> list[QueuedMessage]:
        """Due (``not_before`` and any back-off passed), queued or failed, oldest first; not those
        held for their recipient's daily digest. A claim older than ``stale_before`` is not pending."""

    def waiting_for_digest(self, *, now: datetime) -> int:
        """How many due messages are held for their recipients' daily digests."""

    def claim(self, message_id: int, *, at: datetime, stale_before: datetime) -> bool:
        """Take a queued or failed message for sending; False when another sender has it or it ended."""

    def claim_many(self, message_ids: list[int], *, at: datetime) -> list[int]:
        """``claim`` for a batch of a few messages: the ids now held by this sender."""

    def mark_sent(self, message_id: int, *, at: datetime, server_reply: str | None = None) -> None: ...
    def mark_sent_many(self, message_ids: list[int], *, at: datetime) -> None: ...
    def mark_failed(
        self,
        message_id: int,
        *,
        error: str,
        at: datetime,
        retry_at: datetime | None = None,
        server_reply: str | None = None,
    ) -> None:
        """Failed for a passing reason: tried again from ``retry_at`` (None: at once)."""

    def mark_dead(
        self, message_id: int, *, error: str, at: datetime, server_reply: str | None = None
    ) -> None: ...
    def mark_uncertain(self, message_id: int, *, error: str, at: datetime) -> None: ...
    def release(self, message_id: int) -> None:
        """A claimed message that was never tried goes back to the queue."""

    def stale(self, *, stale_before: datetime) -> list[QueuedMessage]:
        """Messages claimed before ``stale_before`` and never finished: their sender stopped."""

    def give_up_claim(self, message_id: int, *, error: str, stale_before: datetime) -> bool:
        """A stale claim becomes uncertain; False when it is no longer stale (another sender did it)."""

    def find(self, message_id: int) -> QueuedMessage | None: ...
    def decide(self, message_id: int, *, resend: bool, at: datetime) -> bool:
        """An uncertain or dead message marked sent, or queued again; False when it is neither."""

    def held(self, recipient_key: str, *, now: datetime) -> list[QueuedMessage]:
        """The person's due messages waiting for their daily digest, newest first."""

    def mark_digested(self, message_ids: list[int], *, digest_key: str) -> None:
        """The messages were carried by the digest queued under ``digest_key``."""

    def stuck(self, *, stale_before: datetime, limit: int = 200) -> list[QueuedMessage]:
        """Dead and uncertain messages and stale claims, newest first."""

    def listing(self, *, limit: int = 500) -> list[QueuedMessage]:
        """The outbox, newest first."""


class People(Protocol):
    def find(self, key: str) -> PersonOnRecord | None: ...
    def find_many(self, keys: set[str]) -> dict[str, PersonOnRecord]: ...
    def find_by_email(self, email: str) -> PersonOnRecord | None:
        """The one person with this address (any case); None when nobody, or several, have it."""


class PartnershipRecords(Protocol):
    def policy(self) -> GovernancePolicy:
        """The partnership's settings alone (one row), for a cycle that needs the whole partnership
        only on a day it has something to do."""

    def snapshot(self) -> PartnershipOnRecord:
        """The partnership as the rules see it: boards, calendars, people, registers, statistics, policy."""

    def action_updates(self, plan_key: str) -> list[ActionUpdateOnRecord]:
        """Every monthly update on the plan's actions, oldest first, with its evidence files' names."""


class ReportRecords(Protocol):
    def find(self, key: str) -> ReportOnRecord | None: ...
    def hold(self, key: str) -> ReportOnRecord | None:
        """``find``, and keep anyone else from changing the report until this unit of work ends."""

    def add(self, report: ReportOnRecord) -> None:
        """Put a new draft report on record; ``ValueError`` if its key is taken."""

    def save(self, report: ReportOnRecord) -> None:
        """Write the report's state and content, and any approvals and dispatches not yet recorded."""


class ReportFiles(Protocol):
    """The rendered files kept with an approval and issued at publication (``reportfile``)."""

    def keep(self, file: ReportFileOnRecord) -> None:
        """Keep the file, unless one of that report, version, audience, format and purpose is kept."""

    def files(
        self, report_key: str, *, purpose: Purpose | None = None, version: str | None = None
    ) -> list[ReportFileOnRecord]: ...
    def frozen_version(self, report_key: str) -> str | None:
        """The version whose files the latest approval froze; ``None`` if none was frozen."""


class Submissions(Protocol):
    """What people hand in (a sub-group's highlight report), linked to every deadline it meets."""

    def add(
        self,
        *,
        kind: str,
        sub_group_key: str | None,
        submitted_by: str,
        submitted_on: date,
        content: dict[str, Any],
        deadline_ids: list[int],
    ) -> int: ...
    def find(self, submission_id: int) -> SubmissionOnRecord | None: ...
    def for_meeting(self, board_key: str, meeting_on: date) -> list[SubmissionOnRecord]:
        """The sub-group reports submitted for that board's meeting, in the order they came in."""


class ExtensionRecords(Protocol):
    def add(
        self, request: RequestExtension, *, deadline_id: int, current_due_on: date, required: tuple[str, ...]
    ) -> int: ...
    def find(self, request_id: int) -> ExtensionRequestOnRecord | None: ...
    def awaiting_decision(self, deadline_id: int) -> list[ExtensionRequestOnRecord]: ...
    def decide(self, request_id: int, decision: ExtensionDecision, *, state: ExtensionState) -> None: ...


class AuditTrail(Protocol):
    """Append-only and hash-chained per partnership (``governance.audit.model``)."""

    def record(
        self, *, at: datetime, actor: str, event: str, subject: str, details: dict[str, Any], role: str = ""
    ) -> None:
        """Append an event; it is chained when the unit of work commits, and dropped if it does not."""

    def head(self) -> tuple[int, str]:
        """The last event's sequence number and hash, as the partnership keeps them."""

    def events(self) -> Iterator[AuditEvent]:
        """Every event, in sequence order."""


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


class GovernanceUnitOfWork(UnitOfWork, Protocol):
    """The unit of work of the governance engine's use cases: everything the registry holds."""

    partnership: PartnershipRecords
    reports: ReportRecords
    extensions: ExtensionRecords
    report_files: ReportFiles
    submissions: Submissions
