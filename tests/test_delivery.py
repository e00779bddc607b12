"""Delivering the outbox: nothing dropped, nothing sent twice (on fakes; see test_email for real SMTP)."""

from datetime import UTC, date, datetime

from governance.action_plans.model import ActionPlanPolicy
from governance.action_plans.use_cases import run_action_plan_update
from governance.notifications.use_cases import deliver_queued
from tests.builders import make_action, make_person
from tests.fakes import FakeNotifier, FakeRenderer, FakeUnitOfWork

NOW = datetime(2026, 1, 5, 9, tzinfo=UTC)


def queued_uow() -> FakeUnitOfWork:
    uow = FakeUnitOfWork(
        [make_action("A/1", owner_key="amira"), make_action("A/2", owner_key="ben")],
        [make_person("amira"), make_person("ben")],
    )
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
    assert deliver(uow, retry).sent == 1
    assert [m.recipient_key for m in retry.sent] == ["ben"]


def test_a_message_another_sender_has_claimed_is_not_sent_again():
    uow = queued_uow()
    uow.outbox.claim(1, at=NOW, stale_before=NOW)
    notifier = FakeNotifier()
    report = deliver(uow, notifier)
    assert (report.sent, report.skipped) == (1, 0)
    assert [m.id for m in notifier.sent] == [2]
