"""Hand-written fakes of every port of ``governance.ports``: in memory, with what they did visible to
the test. ``tests/test_port_contracts.py`` runs one contract suite against these and the SQL adapters,
so a use case tested here behaves the same on the registry."""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from governance.action_plans.model import ActionOnRecord
from governance.audit.model import GENESIS, AuditEvent, as_json, event_hash
from governance.deadlines.escalation import DueStep, StepsRecorded, TakenStep, due_step
from governance.deadlines.model import Deadline, DeadlineOnRecord, DeadlineState, LiveDeadline
from governance.documents.files import Purpose, ReportFileOnRecord
from governance.extensions.model import ExtensionDecision, ExtensionRequestOnRecord, RequestExtension
from governance.lifecycles import ExtensionState
from governance.notifications.model import DeliveryFailed, OutboxMessage, QueuedMessage
from governance.partnership.model import ActionUpdateOnRecord, PartnershipOnRecord
from governance.partnership.people import PersonOnRecord
from governance.policy import EscalationStep
from governance.reports.model import ReportOnRecord
from governance.returns.model import SubmissionOnRecord


class FakeActions:
    def __init__(self, actions: list[ActionOnRecord]) -> None:
        self.by_reference = {a.reference: a for a in actions}
        self.updates: list[dict[str, Any]] = []

    def actions(self) -> list[ActionOnRecord]:
        return sorted(self.by_reference.values(), key=lambda a: a.reference)

    def find(self, reference: str) -> ActionOnRecord | None:
        return self.by_reference.get(reference)

    def add_update(self, reference: str, **update: Any) -> None:
        self.updates.append({"reference": reference, **update})
        action = self.by_reference[reference]
        periods = action.updated_periods | {update["period"]}
        self.by_reference[reference] = action.model_copy(update={"updated_periods": periods})

    def move_due_date(self, reference: str, *, to: date) -> None:
        action = self.by_reference[reference]
        self.by_reference[reference] = action.model_copy(
            update={
                "due_on": to,
                "original_due_on": action.original_due_on or action.due_on,
                "extensions": action.extensions + 1,
            }
        )


class FakeDeadlines:
    """Deadlines in memory, numbered in the order recorded; states change only as the use cases say."""

    def __init__(self) -> None:
        self.recorded: dict[tuple[str, str, str], DeadlineOnRecord] = {}
        self.steps: set[tuple[int, str, date]] = set()
        self.untold: set[tuple[int, str, date]] = set()

    def record(self, deadline: Deadline, *, recorded_on: date) -> bool:
        if deadline.key in self.recorded:
            return False
        row = DeadlineOnRecord(
            **deadline.model_dump(), id=len(self.recorded) + 1, original_due_on=deadline.due_on
        )
        self.recorded[deadline.key] = row
        return True

    def record_all(self, deadlines: list[Deadline], *, recorded_on: date) -> list[tuple[str, str, str]]:
        return [d.key for d in deadlines if self.record(d, recorded_on=recorded_on)]

    def live_keys(self, *, state: DeadlineState) -> list[LiveDeadline]:
        return [
            LiveDeadline(**d.model_dump(include=set(LiveDeadline.model_fields)))
            for d in self.live()
            if d.state is state
        ]

    def open_due(self, as_of: date, *, to: DeadlineState) -> int:
        due = [
            d
            for d in self.recorded.values()
            if d.state is DeadlineState.SCHEDULED and (d.opens_on is None or d.opens_on <= as_of)
        ]
        for d in due:
            self._update(d.id, state=to)
        return len(due)

    def steps_due_on(self, as_of: date, ladder: tuple[EscalationStep, ...]) -> list[DueStep]:
        """The domain's own rule, deadline by deadline: what the SQL sweep must equal."""
        waiting = [d for d in self.live() if d.state in (DeadlineState.OPEN, DeadlineState.RETURNED)]
        return [due for d in waiting if (due := due_step(d, as_of, ladder)) is not None]

    def take_steps_due(self, as_of: date, ladder: tuple[EscalationStep, ...]) -> StepsRecorded:
        recorded = StepsRecorded()
        for due in self.steps_due_on(as_of, ladder):
            self.steps |= {(due.deadline_id, name, due.deadline.due_on) for name in (*due.skip, due.take)}
            self.untold.add((due.deadline_id, due.take, due.deadline.due_on))
            recorded += StepsRecorded(to_tell=1, skipped=len(due.skip))
        return recorded

    def steps_to_tell(self, ladder: tuple[EscalationStep, ...]) -> list[DueStep]:
        order = {step.name: i for i, step in enumerate(ladder)}
        waiting = [d for d in self.live() if d.state in (DeadlineState.OPEN, DeadlineState.RETURNED)]
        told = []
        for d in waiting:
            untold = sorted(
                (step for i, step, due_on in self.untold if i == d.id and due_on == d.due_on),
                key=lambda name: order.get(name, -1),
            )
            if untold:
                deadline = Deadline.model_validate(d.model_dump(include=set(Deadline.model_fields)))
                told.append(
                    DueStep(deadline_id=d.id, deadline=deadline, take=untold[-1], skip=tuple(untold[:-1]))
                )
        return told

    def record_told(self, steps: list[TakenStep]) -> None:
        self.untold -= {(s.deadline_id, s.step, s.for_due_on) for s in steps}

    def record_steps(self, steps: list[TakenStep], *, on: date) -> None:
        self.steps |= {(s.deadline_id, s.step, s.for_due_on) for s in steps}

    def _with_steps(self, row: DeadlineOnRecord) -> DeadlineOnRecord:
        taken = frozenset(step for d, step, due in self.steps if d == row.id and due == row.due_on)
        return row.model_copy(update={"steps_taken": taken})

    def find(self, key: tuple[str, str, str]) -> DeadlineOnRecord | None:
        row = self.recorded.get(key)
        return None if row is None else self._with_steps(row)

    def hold(self, key: tuple[str, str, str]) -> DeadlineOnRecord | None:
        return self.find(key)  # one thread, nothing to wait for

    def any_recorded(self, duties=None) -> bool:
        return any(duties is None or d.duty in duties for d in self.recorded.values())

    def live(self) -> list[DeadlineOnRecord]:
        rows = [d for d in self.recorded.values() if d.state is not DeadlineState.CLOSED]
        return [self._with_steps(d) for d in sorted(rows, key=lambda d: (d.due_on, d.id))]

    def _update(self, deadline_id: int, **values: Any) -> None:
        key = next(k for k, d in self.recorded.items() if d.id == deadline_id)
        self.recorded[key] = self.recorded[key].model_copy(update=values)

    def change_state(self, deadline_id: int, state: DeadlineState, *, on: date, note: str = "") -> None:
        self._update(deadline_id, state=state)

    def extend(self, deadline_id: int, *, to: date) -> None:
        row = next(d for d in self.recorded.values() if d.id == deadline_id)
        self._update(deadline_id, due_on=to, extensions=row.extensions + 1)

    def record_step(
        self,
        deadline_id: int,
        step: str,
        *,
        for_due_on: date,
        on: date,
        skipped: bool,
        message_key: str | None,
    ) -> None:
        self.steps.add((deadline_id, step, for_due_on))


@dataclass
class FakeOutbox:
    messages: list[QueuedMessage] = field(default_factory=list)
    status: dict[int, str] = field(default_factory=dict)
    errors: dict[int, str] = field(default_factory=dict)

    def enqueue(self, message: OutboxMessage, *, at: datetime) -> bool:
        if any(m.key == message.key for m in self.messages):
            return False
        self.messages.append(QueuedMessage(**message.model_dump(), id=len(self.messages) + 1))
        self.status[len(self.messages)] = "queued"
        return True

    def queued(self, key: str) -> bool:
        return any(m.key == key for m in self.messages)

    def pending(self, *, now: datetime, stale_before: datetime) -> list[QueuedMessage]:
        due = [m for m in self.messages if m.not_before is None or m.not_before <= now]
        return [m for m in due if self.status[m.id] in ("queued", "failed")]

    def claim(self, message_id: int, *, at: datetime, stale_before: datetime) -> bool:
        if self.status[message_id] not in ("queued", "failed"):
            return False
        self.status[message_id] = "sending"
        return True

    def mark_sent(self, message_id: int, *, at: datetime) -> None:
        self.status[message_id] = "sent"

    def mark_failed(self, message_id: int, *, error: str, at: datetime) -> None:
        self.status[message_id] = "failed"
        self.errors[message_id] = error


class FakePeople:
    def __init__(self, people: list[PersonOnRecord]) -> None:
        self.by_key = {p.key: p for p in people}

    def find(self, key: str) -> PersonOnRecord | None:
        return self.by_key.get(key)

    def find_many(self, keys: set[str]) -> dict[str, PersonOnRecord]:
        return {k: self.by_key[k] for k in keys if k in self.by_key}

    def find_by_email(self, email: str) -> PersonOnRecord | None:
        found = [p for p in self.by_key.values() if p.email.lower() == email.strip().lower()]
        return found[0] if len(found) == 1 else None


class FakeAudit:
    """Chains each event as it is recorded (the fake has no transactions to wait for)."""

    def __init__(self) -> None:
        self.chain: list[AuditEvent] = []

    def record(
        self, *, at: datetime, actor: str, event: str, subject: str, details: dict[str, Any], role: str = ""
    ) -> None:
        sequence, previous = self.head()
        values = {
            "at": at,
            "actor": actor,
            "role": role,
            "event": event,
            "subject": subject,
            "details": as_json(details),
        }
        digest = event_hash(previous, sequence=sequence + 1, **values)
        self.chain.append(AuditEvent(sequence=sequence + 1, previous_hash=previous, hash=digest, **values))

    def head(self) -> tuple[int, str]:
        return (self.chain[-1].sequence, self.chain[-1].hash) if self.chain else (0, GENESIS)

    def events(self) -> Iterator[AuditEvent]:
        return iter(self.chain)


class FakePartnershipRecords:
    """The partnership as seeded, with the actions as the fake action records now hold them."""

    def __init__(self, partnership: PartnershipOnRecord | None, actions: FakeActions) -> None:
        self._partnership = partnership
        self._actions = actions

    def policy(self):
        return self.snapshot().policy

    def snapshot(self) -> PartnershipOnRecord:
        if self._partnership is None:
            raise LookupError("No partnership is loaded")
        return self._partnership.model_copy(update={"actions": tuple(self._actions.actions())})

    def action_updates(self, plan_key: str) -> list[ActionUpdateOnRecord]:
        plan = {a.reference for a in self._actions.actions() if a.plan_key == plan_key}
        people = {p.key: p.name for p in (self._partnership.people if self._partnership else ())}
        return [
            ActionUpdateOnRecord(
                reference=u["reference"],
                period=u["period"],
                progress=u.get("progress", ""),
                status=u.get("status") or None,
                rag=u.get("rag") or None,
                submitted_on=u["submitted_on"],
                submitted_by=people.get(u.get("submitted_by", ""), u.get("submitted_by", "")),
            )
            for u in self.updates_of(plan)
        ]

    def updates_of(self, references: set[str]) -> list[dict[str, Any]]:
        return [u for u in self._actions.updates if u["reference"] in references]


class FakeReportFiles:
    def __init__(self) -> None:
        self.kept: list[ReportFileOnRecord] = []

    def keep(self, file: ReportFileOnRecord) -> None:
        same = (file.report_key, file.version, file.audience, file.format, file.purpose)
        if not any((f.report_key, f.version, f.audience, f.format, f.purpose) == same for f in self.kept):
            self.kept.append(file)

    def files(self, report_key: str, *, purpose: Purpose | None = None, version: str | None = None):
        return [
            f
            for f in self.kept
            if f.report_key == report_key and purpose in (None, f.purpose) and version in (None, f.version)
        ]

    def frozen_version(self, report_key: str) -> str | None:
        frozen = self.files(report_key, purpose=Purpose.APPROVAL)
        return frozen[-1].version if frozen else None


class FakeSubmissions:
    def __init__(self, names: dict[str, str]) -> None:
        self.names = names
        self.kept: list[SubmissionOnRecord] = []

    def add(self, *, kind, sub_group_key, submitted_by, submitted_on, content, deadline_ids) -> int:
        number = len(self.kept) + 1
        self.kept.append(
            SubmissionOnRecord(
                id=number,
                kind=kind,
                sub_group_key=sub_group_key,
                submitted_by=submitted_by,
                submitted_by_name=self.names[submitted_by],
                submitted_on=submitted_on,
                content=content,
            )  # fmt: skip
        )
        return number

    def find(self, submission_id: int) -> SubmissionOnRecord | None:
        return next((s for s in self.kept if s.id == submission_id), None)

    def for_meeting(self, board_key: str, meeting_on: date) -> list[SubmissionOnRecord]:
        return [s for s in self.kept if (board_key, meeting_on.isoformat()) in s.meetings]


class FakeReportRecords:
    def __init__(self, reports: list[ReportOnRecord] = ()) -> None:
        self.by_key = {r.key: r for r in reports}

    def find(self, key: str) -> ReportOnRecord | None:
        return self.by_key.get(key)

    def hold(self, key: str) -> ReportOnRecord | None:
        return self.find(key)  # one thread, nothing to wait for

    def add(self, report: ReportOnRecord) -> None:
        if report.key in self.by_key:
            raise ValueError(f"a report {report.key!r} is already on record")
        self.by_key[report.key] = report

    def save(self, report: ReportOnRecord) -> None:
        assert report.key in self.by_key, "reports are put on record by the partnership file or by add()"
        self.by_key[report.key] = report


class FakeExtensionRecords:
    def __init__(self, deadlines: FakeDeadlines) -> None:
        self._deadlines = deadlines
        self.requests: dict[int, ExtensionRequestOnRecord] = {}

    def add(
        self, request: RequestExtension, *, deadline_id: int, current_due_on: date, required: tuple[str, ...]
    ) -> int:
        number = len(self.requests) + 1
        self.requests[number] = ExtensionRequestOnRecord(
            id=number,
            deadline_id=deadline_id,
            deadline_key=next(k for k, d in self._deadlines.recorded.items() if d.id == deadline_id),
            requested_by=request.requested_by,
            requested_on=request.requested_on,
            reason=request.reason,
            evidence=request.evidence,
            current_due_on=current_due_on,
            proposed_due_on=request.proposed_due_on,
            required=required,
        )
        return number

    def find(self, request_id: int) -> ExtensionRequestOnRecord | None:
        return self.requests.get(request_id)

    def awaiting_decision(self, deadline_id: int) -> list[ExtensionRequestOnRecord]:
        return [
            r
            for r in self.requests.values()
            if r.deadline_id == deadline_id and r.state is ExtensionState.REQUESTED
        ]

    def decide(self, request_id: int, decision: ExtensionDecision, *, state: ExtensionState) -> None:
        request = self.requests[request_id]
        self.requests[request_id] = request.model_copy(
            update={"state": state, "decisions": (*request.decisions, decision)}
        )


class FakeUnitOfWork:
    """Every port in memory. Seed it with a partnership (``PartnershipOnRecord``), or with actions and
    people alone for the action-plan tests; ``commits`` counts the transactions committed."""

    def __init__(
        self,
        actions: list[ActionOnRecord] = (),
        people: list[PersonOnRecord] = (),
        *,
        partnership: PartnershipOnRecord | None = None,
        reports: list[ReportOnRecord] = (),
    ) -> None:
        self.actions = FakeActions(list(partnership.actions) if partnership else list(actions))
        self.people = FakePeople(list(partnership.people) if partnership else list(people))
        self.deadlines = FakeDeadlines()
        self.outbox = FakeOutbox()
        self.audit = FakeAudit()
        self.partnership = FakePartnershipRecords(partnership, self.actions)
        self.reports = FakeReportRecords(list(reports))
        self.extensions = FakeExtensionRecords(self.deadlines)
        self.report_files = FakeReportFiles()
        self.submissions = FakeSubmissions({p.key: p.name for p in self.people.by_key.values()})
        self.commits = 0

    def __enter__(self) -> "FakeUnitOfWork":
        return self

    def __exit__(self, *_: object) -> None:
        pass

    def commit(self) -> None:
        self.commits += 1


class FakeRenderer:
    workspace_url = "http://127.0.0.1:8501"

    def render(self, template: str, context: Mapping[str, Any]) -> tuple[str, str]:
        if "reviews" in context:
            return f"{template} for {context['owner_name']}", ", ".join(
                r.action.reference for r in context["reviews"]
            )
        return f"{template} for {context.get('owner_name', context.get('person_name', 'someone'))}", repr(
            sorted(context)
        )


class FakeNotifier:
    """Records what would go out; ``failing`` addresses raise DeliveryFailed."""

    def __init__(self, failing: set[str] = frozenset()) -> None:
        self.sent: list[QueuedMessage] = []
        self.failing = set(failing)

    def send(self, message: QueuedMessage) -> None:
        if message.address in self.failing:
            raise DeliveryFailed("connection refused")
        self.sent.append(message)
