"""Hand-written fakes of the use cases' ports: in memory, with what they did visible to the test."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from governance.action_plans.model import ActionOnRecord
from governance.deadlines.model import Deadline, DeadlineOnRecord, DeadlineState
from governance.notifications.model import DeliveryFailed, OutboxMessage, QueuedMessage
from governance.partnership.people import PersonOnRecord


class FakeActions:
    def __init__(self, actions: list[ActionOnRecord]) -> None:
        self.by_reference = {a.reference: a for a in actions}
        self.updates: list[dict[str, Any]] = []

    def actions(self) -> list[ActionOnRecord]:
        return list(self.by_reference.values())

    def find(self, reference: str) -> ActionOnRecord | None:
        return self.by_reference.get(reference)

    def add_update(self, reference: str, **update: Any) -> None:
        self.updates.append({"reference": reference, **update})
        action = self.by_reference[reference]
        self.by_reference[reference] = action.model_copy(
            update={"updated_periods": action.updated_periods | {update["period"]}}
        )


class FakeDeadlines:
    """Deadlines in memory, numbered in the order recorded; states change only as the use cases say."""

    def __init__(self) -> None:
        self.recorded: dict[tuple[str, str, str], DeadlineOnRecord] = {}

    def record(self, deadline: Deadline, *, recorded_on: date) -> bool:
        if deadline.key in self.recorded:
            return False
        row = DeadlineOnRecord(
            **deadline.model_dump(), id=len(self.recorded) + 1, original_due_on=deadline.due_on
        )
        self.recorded[deadline.key] = row
        return True

    def find(self, key: tuple[str, str, str]) -> DeadlineOnRecord | None:
        return self.recorded.get(key)

    def live(self) -> list[DeadlineOnRecord]:
        return [d for d in self.recorded.values() if d.state is not DeadlineState.CLOSED]

    def change_state(self, deadline_id: int, state: DeadlineState, *, on: date, note: str = "") -> None:
        key = next(k for k, d in self.recorded.items() if d.id == deadline_id)
        self.recorded[key] = self.recorded[key].model_copy(update={"state": state})


@dataclass
class FakeOutbox:
    messages: list[QueuedMessage] = field(default_factory=list)
    status: dict[int, str] = field(default_factory=dict)

    def enqueue(self, message: OutboxMessage, *, at: datetime) -> bool:
        if any(m.key == message.key for m in self.messages):
            return False
        self.messages.append(QueuedMessage(**message.model_dump(), id=len(self.messages) + 1))
        self.status[len(self.messages)] = "queued"
        return True

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


class FakePeople:
    def __init__(self, people: list[PersonOnRecord]) -> None:
        self.by_key = {p.key: p for p in people}

    def find(self, key: str) -> PersonOnRecord | None:
        return self.by_key.get(key)

    def find_many(self, keys: set[str]) -> dict[str, PersonOnRecord]:
        return {k: self.by_key[k] for k in keys if k in self.by_key}


class FakeAudit:
    def __init__(self) -> None:
        self.events: list[dict[str, Any]] = []

    def record(self, **event: Any) -> None:
        self.events.append(event)


class FakeUnitOfWork:
    def __init__(self, actions: list[ActionOnRecord], people: list[PersonOnRecord]) -> None:
        self.actions = FakeActions(actions)
        self.deadlines = FakeDeadlines()
        self.outbox = FakeOutbox()
        self.people = FakePeople(people)
        self.audit = FakeAudit()
        self.commits = 0

    def __enter__(self) -> "FakeUnitOfWork":
        return self

    def __exit__(self, *_: object) -> None:
        pass

    def commit(self) -> None:
        self.commits += 1


class FakeRenderer:
    def render(self, template: str, context: Mapping[str, Any]) -> tuple[str, str]:
        references = ", ".join(r.action.reference for r in context["reviews"])
        return f"{template} for {context['owner_name']}", references


class FakeNotifier:
    """Records what would go out; ``failing`` addresses raise DeliveryFailed."""

    def __init__(self, failing: set[str] = frozenset()) -> None:
        self.sent: list[QueuedMessage] = []
        self.failing = set(failing)

    def send(self, message: QueuedMessage) -> None:
        if message.address in self.failing:
            raise DeliveryFailed("connection refused")
        self.sent.append(message)
