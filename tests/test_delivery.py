"""Delivering the outbox: nothing dropped, nothing sent twice (on fakes; see test_email for real SMTP)."""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from governance.action_plans.model import ActionPlanPolicy
from governance.action_plans.use_cases import run_action_plan_update
from governance.notifications.delivery import DeliveryPolicy
from governance.notifications.model import NotificationStatus as S
from governance.notifications.model import OutboxMessage, QueuedMessage
from governance.notifications.use_cases import DEFAULT_POLICY, deliver_queued
from tests.builders import make_action, make_person
from tests.fakes import FakeNotifier, FakeRenderer, FakeUnitOfWork

NOW = datetime(2026, 1, 5, 9, tzinfo=UTC)


@dataclass
class MemoryOutbox:
    """The ``Outbox`` in memory, as the use cases see it (to replace ``tests.fakes.FakeOutbox``)."""

    messages: dict[int, QueuedMessage] = field(default_factory=dict)
    retry_at: dict[int, datetime | None] = field(default_factory=dict)

    @property
    def status(self) -> dict[int, str]:
        return {i: m.status.value for i, m in self.messages.items()}

    def _set(self, message_id: int, **values) -> None:
        self.messages[message_id] = self.messages[message_id].model_copy(update=values)

    def queued(self, key: str) -> bool:
        return any(m.key == key for m in self.messages.values())

    def enqueue(self, message: OutboxMessage, *, at: datetime) -> bool:
        if any(m.key == message.key for m in self.messages.values()):
            return False
        number = len(self.messages) + 1
        self.messages[number] = QueuedMessage(**dict(message), id=number)
        return True

    def _due(self, m: QueuedMessage, now: datetime) -> bool:
        waited = (m.not_before is None or m.not_before <= now) and (self.retry_at.get(m.id) or now) <= now
        return m.status in (S.QUEUED, S.FAILED) and waited

    def pending(self, *, now: datetime, stale_before: datetime) -> list[QueuedMessage]:
        return [m for m in self.messages.values() if self._due(m, now)]

    def waiting_for_digest(self, *, now: datetime) -> int:
        return 0

    def claim(self, message_id: int, *, at: datetime, stale_before: datetime) -> bool:
        if self.messages[message_id].status not in (S.QUEUED, S.FAILED):
            return False
        self._set(message_id, status=S.SENDING, claimed_at=at)
        return True

    def claim_many(self, message_ids: list[int], *, at: datetime) -> list[int]:
        return [i for i in message_ids if self.claim(i, at=at, stale_before=at)]

    def mark_sent_many(self, message_ids: list[int], *, at: datetime) -> None:
        for message_id in message_ids:
            self.mark_sent(message_id, at=at)

    def _finish(self, message_id: int, **values) -> None:
        self._set(message_id, attempts=self.messages[message_id].attempts + 1, claimed_at=None, **values)

    def mark_sent(self, message_id: int, *, at: datetime, server_reply: str | None = None) -> None:
        self._finish(message_id, status=S.SENT, last_error=None)

    def mark_failed(self, message_id, *, error, at, retry_at=None, server_reply=None) -> None:
        self.retry_at[message_id] = retry_at
        self._finish(message_id, status=S.FAILED, last_error=error)

    def mark_dead(self, message_id, *, error, at, server_reply=None) -> None:
        self._finish(message_id, status=S.DEAD, last_error=error)

    def mark_uncertain(self, message_id, *, error, at) -> None:
        self._finish(message_id, status=S.UNCERTAIN, last_error=error)

    def release(self, message_id: int) -> None:
        self._set(message_id, status=S.QUEUED, claimed_at=None)

    def stale(self, *, stale_before: datetime) -> list[QueuedMessage]:
        return [
            m for m in self.messages.values()
            if m.status is S.SENDING and m.claimed_at is not None and m.claimed_at < stale_before
        ]  # fmt: skip

    def give_up_claim(self, message_id: int, *, error: str, stale_before: datetime) -> bool:
        if self.messages[message_id] not in self.stale(stale_before=stale_before):
            return False
        self._set(message_id, status=S.UNCERTAIN, last_error=error, claimed_at=None)
        return True

    def find(self, message_id: int) -> QueuedMessage | None:
        return self.messages.get(message_id)

    def decide(self, message_id: int, *, resend: bool, at: datetime) -> bool:
        allowed = (S.UNCERTAIN, S.DEAD, S.FAILED) if resend else (S.UNCERTAIN, S.DEAD)
        if message_id not in self.messages or self.messages[message_id].status not in allowed:
            return False
        self.retry_at.pop(message_id, None)
        self._set(message_id, **({"status": S.QUEUED, "attempts": 0} if resend else {"status": S.SENT}))
        return True

    def held(self, recipient_key: str, *, now: datetime) -> list[QueuedMessage]:
        return []  # no person here chooses a digest

    def mark_digested(self, message_ids: list[int], *, digest_key: str) -> None:
        for message_id in message_ids:
            self._set(message_id, status=S.DIGESTED)

    def stuck(self, *, stale_before: datetime, limit: int = 200) -> list[QueuedMessage]:
        stuck = [m for m in self.messages.values() if m.status in (S.DEAD, S.UNCERTAIN)]
        return (stuck + self.stale(stale_before=stale_before))[::-1][:limit]

    def listing(self, *, limit: int = 500) -> list[QueuedMessage]:
        return list(self.messages.values())[::-1][:limit]


def queued_uow() -> FakeUnitOfWork:
    uow = FakeUnitOfWork(
        [make_action("A/1", owner_key="amira"), make_action("A/2", owner_key="ben")],
        [make_person("amira"), make_person("ben")],
    )
    uow.outbox = MemoryOutbox()
    run_action_plan_update(
        date(2026, 1, 5), uow=uow, render=FakeRenderer(), now=NOW, policy=ActionPlanPolicy()
    )
    return uow


def deliver(uow: FakeUnitOfWork, notifier: FakeNotifier):
    return deliver_queued(uow=uow, notifier=notifier, clock=lambda: NOW)


def test_every_queued_message_is_sent_once():
    uow, notifier = queued_uow(), FakeNotifier()
    assert deliver(uow, notifier).sent == 2
    assert deliver(uow, notifier).sent == 0
    assert sorted(m.recipient_key for m in notifier.sent) == ["amira", "ben"]


def test_a_failed_message_stays_queued_and_the_next_run_sends_it():
    uow = queued_uow()
    first = deliver(uow, FakeNotifier(failing={"ben@agency.example"}))
    assert (first.sent, first.failed) == (1, 1)
    assert "connection refused" in first.errors[0]
    retry = FakeNotifier()
    assert deliver(uow, retry).sent == 0  # not before its back-off
    assert deliver_queued(uow=uow, notifier=retry, clock=lambda: NOW + DEFAULT_POLICY.first_retry).sent == 1
    assert [m.recipient_key for m in retry.sent] == ["ben"]


def test_a_message_another_sender_has_claimed_is_not_sent_again():
    uow = queued_uow()
    uow.outbox.claim(1, at=NOW, stale_before=NOW)
    notifier = FakeNotifier()
    report = deliver(uow, notifier)
    assert (report.sent, report.skipped) == (1, 0)
    assert [m.id for m in notifier.sent] == [2]


def test_a_batch_is_claimed_before_it_is_sent_and_the_next_one_as_its_outcomes_are_recorded():
    uow, seen = queued_uow(), []

    class Watching(FakeNotifier):
        def send(self, message: QueuedMessage) -> None:
            seen.append(dict(uow.outbox.status))
            super().send(message)

    report = deliver_queued(uow=uow, notifier=Watching(), clock=lambda: NOW, policy=DeliveryPolicy(batch=1))
    assert report.sent == 2
    assert seen == [{1: "sending", 2: "queued"}, {1: "sent", 2: "sending"}]
