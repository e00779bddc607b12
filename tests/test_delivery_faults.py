"""Notifications under faults, through Apprise to a real SMTP server on loopback, on SQLite and
PostgreSQL: in the end every message is delivered once, or is visibly dead or uncertain with the
reason, and the outbox shows what happened."""

import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, select

from flows.adapters.apprise_notifier import AppriseNotifier
from flows.adapters.message_templates import TemplateRenderer
from governance.action_plans.model import ActionPlanPolicy
from governance.action_plans.use_cases import run_action_plan_update
from governance.notifications.delivery import DeliveryPolicy
from governance.notifications.model import OutboxMessage, stable_message_id
from governance.notifications.use_cases import decide_undelivered, deliver_queued, outbox_entries
from governance.permissions import PermissionRefused
from governance.rules import RuleBroken
from registry import tables as m
from registry.partnership_file.loader import load_partnership
from registry.unit_of_work import SqlUnitOfWork
from tests.builders import small_partnership
from tests.smtp_faults import REFUSAL, FaultyServer, free_port

ROOT = Path(__file__).resolve().parents[1]
PEOPLE = {"amira": "amira@police.example", "ben": "ben@police.example", "manager": "manager@unit.example"}


@pytest.fixture
def queued(engine):
    """The small partnership, with one message queued to each of three people."""
    load_partnership(engine, small_partnership())
    with SqlUnitOfWork(engine) as uow:
        for key, address in PEOPLE.items():
            uow.outbox.enqueue(
                OutboxMessage(
                    key=f"test/{key}",
                    recipient_key=key,
                    recipient_name=key.title(),
                    address=address,
                    subject=f"A request for {key}",
                    body="Please reply by Friday.",
                ),
                at=datetime.now(UTC),
            )
        uow.commit()
    return engine


@pytest.fixture
def port() -> int:
    return free_port()


def deliver(engine, port: int, *, later=timedelta(0), timeout: float = 5.0, policy=DeliveryPolicy()):
    notifier = AppriseNotifier(f"mailto://127.0.0.1:{port}?from=unit@governance.example&cto={timeout}")
    return deliver_queued(
        uow=SqlUnitOfWork(engine), notifier=notifier, clock=lambda: datetime.now(UTC) + later, policy=policy
    )


def outbox(engine) -> dict[str, m.Notification]:
    with Session(engine) as session:
        return {n.address: n for n in session.exec(select(m.Notification))}


def status_of(engine) -> dict[str, str]:
    return {address: n.status.value for address, n in outbox(engine).items()}


def test_with_the_server_down_each_message_waits_its_back_off_and_is_then_delivered_once(queued, port):
    down = deliver(queued, port)
    assert (down.sent, down.failed) == (0, 3)
    assert all("no connection to 127.0.0.1" in error for error in down.errors)
    first = outbox(queued)["ben@police.example"]
    assert first.status.value == "failed" and first.next_attempt_at is not None
    with FaultyServer(port) as server:
        assert deliver(queued, port).sent == 0  # the back-off has not passed
        assert deliver(queued, port, later=timedelta(minutes=2)).sent == 3
        assert deliver(queued, port, later=timedelta(minutes=60)).sent == 0
    assert sorted(m["To"] for m in server.received()) == sorted(PEOPLE.values())
    assert set(status_of(queued).values()) == {"sent"}


def test_a_server_down_for_good_leaves_each_message_dead_after_the_last_attempt(queued, port):
    policy = DeliveryPolicy(max_attempts=3)
    for minutes in (0, 2, 6):  # the first try, then after 2 and 4 minutes' back-off
        deliver(queued, port, later=timedelta(minutes=minutes), policy=policy)
    assert set(status_of(queued).values()) == {"dead"}
    assert outbox(queued)["amira@police.example"].last_error.startswith(
        "failed 3 times, the last: no connection"
    )


def test_a_recipient_refused_for_good_is_dead_after_one_attempt_with_the_servers_reply_kept_whole(
    queued, port
):
    with FaultyServer(port, refuse=frozenset({"ben@police.example"})) as server:
        run = deliver(queued, port)
        again = deliver(queued, port, later=timedelta(hours=5))
    assert (run.sent, run.dead, again.sent, again.dead) == (2, 1, 0, 0)
    ben = outbox(queued)["ben@police.example"]
    assert ben.status.value == "dead" and ben.attempts == 1
    assert ben.server_reply == REFUSAL.format(address="ben@police.example")
    assert sorted(m["To"] for m in server.received()) == ["amira@police.example", "manager@unit.example"]
    stuck = outbox_entries(uow=SqlUnitOfWork(queued), now=datetime.now(UTC), stuck_only=True)
    assert [(e.address, e.status) for e in stuck] == [("ben@police.example", "dead")]
    assert "User unknown in local recipient table" in stuck[0].reason


def test_a_recipient_turned_away_for_now_is_tried_again_after_its_back_off(queued, port):
    with FaultyServer(port, later=frozenset({"amira@police.example"})):
        assert deliver(queued, port).failed == 1
    amira = outbox(queued)["amira@police.example"]
    assert (amira.status.value, amira.server_reply[:3]) == ("failed", "451")
    with FaultyServer(port) as server:
        assert deliver(queued, port, later=timedelta(minutes=2)).sent == 1
    assert [m["To"] for m in server.received()] == ["amira@police.example"]


def test_a_server_answering_after_the_timeout_leaves_the_message_uncertain_and_never_resends_it(queued, port):
    with FaultyServer(port, answer_after=4.0) as server:
        run = deliver(queued, port, timeout=1.5)
        assert run.uncertain == 3 and run.sent == 0
        assert "may have been delivered" in run.errors[0]
        assert deliver(queued, port, later=timedelta(days=1), timeout=1.5).uncertain == 0
    assert len(server.received()) == 3  # stored once each, and not sent again
    assert set(status_of(queued).values()) == {"uncertain"}


def test_the_business_manager_confirms_or_resends_an_uncertain_message_and_the_resend_keeps_its_message_id(
    queued, port
):
    with FaultyServer(port, answer_after=4.0) as slow:
        deliver(queued, port, timeout=1.5)
    ids = {n.address: n.id for n in outbox(queued).values()}
    first_id = next(m["Message-ID"] for m in slow.received("ben@police.example"))
    decide_undelivered(
        ids["amira@police.example"],
        resend=False,
        by="manager",
        uow=SqlUnitOfWork(queued),
        now=datetime.now(UTC),
    )
    decide_undelivered(
        ids["ben@police.example"], resend=True, by="manager", uow=SqlUnitOfWork(queued), now=datetime.now(UTC)
    )
    with pytest.raises(PermissionRefused):
        decide_undelivered(
            ids["manager@unit.example"],
            resend=True,
            by="amira",
            uow=SqlUnitOfWork(queued),
            now=datetime.now(UTC),
        )
    with pytest.raises(RuleBroken, match="is sent"):
        decide_undelivered(
            ids["amira@police.example"],
            resend=True,
            by="manager",
            uow=SqlUnitOfWork(queued),
            now=datetime.now(UTC),
        )
    with FaultyServer(port) as server:
        assert deliver(queued, port).sent == 1
    assert [m["Message-ID"] for m in server.received()] == [first_id]
    assert status_of(queued) == {
        "amira@police.example": "sent",
        "ben@police.example": "sent",
        "manager@unit.example": "uncertain",
    }  # fmt: skip
    with Session(queued) as session:
        events = [e.event for e in session.exec(select(m.AuditEvent).order_by(m.AuditEvent.sequence))]
    assert {"notification confirmed", "notification resent"} <= set(events)


def test_each_message_has_a_message_id_derived_from_its_partnership_and_key(queued, port):
    with FaultyServer(port) as server:
        deliver(queued, port)
    received = {m["To"]: m["Message-ID"] for m in server.received()}
    assert received == {address: stable_message_id("test", f"test/{key}") for key, address in PEOPLE.items()}
    assert all(len(m.get_all("Message-ID")) == 1 for m in server.received())


def test_a_batch_is_sent_over_one_connection(queued, port):
    with FaultyServer(port) as server:
        assert deliver(queued, port).sent == 3
    assert server.connections == 1


SENDER = """
import sys
from datetime import UTC, datetime
from flows.adapters.apprise_notifier import AppriseNotifier
from governance.notifications.use_cases import deliver_queued
from registry.engine import make_engine
from registry.unit_of_work import SqlUnitOfWork

url, port = sys.argv[1], sys.argv[2]
notifier = AppriseNotifier(f"mailto://127.0.0.1:{port}?from=unit@governance.example&cto=60")
deliver_queued(uow=SqlUnitOfWork(make_engine(url)), notifier=notifier, clock=lambda: datetime.now(UTC))
"""


def test_a_sender_killed_mid_send_leaves_its_batch_stale_then_uncertain_and_never_resent(queued, port):
    url = queued.url.render_as_string(hide_password=False)
    with FaultyServer(port, hold=True) as server:
        sender = subprocess.Popen([sys.executable, "-c", SENDER, url, str(port)], cwd=ROOT)
        try:
            _wait_for(lambda: len(server.received()) == 1)
        finally:
            sender.kill()
            sender.wait()
        handed_over = server.received()[0]["To"]
        within_lease = deliver(queued, port)  # another sender leaves the claims alone
        assert (within_lease.sent, within_lease.skipped, within_lease.problems) == (0, 0, 0)
        later = datetime.now(UTC) + timedelta(minutes=16)
        shown = {e.address: e.status for e in outbox_entries(uow=SqlUnitOfWork(queued), now=later)}
        assert all(status.startswith("sending (stale since ") for status in shown.values())
        restarted = deliver(queued, port, later=timedelta(minutes=16))
        server.release()
    assert (restarted.stale, restarted.sent) == (3, 0)  # the whole batch it had claimed, none resent
    assert set(status_of(queued).values()) == {"uncertain"}
    assert "its sender stopped while sending it" in outbox(queued)[handed_over].last_error
    assert [m["To"] for m in server.received()] == [handed_over]
    ids = {n.address: n.id for n in outbox(queued).values()}
    for address, message_id in ids.items():  # the business manager asks, then decides each
        arrived = address == handed_over
        decide_undelivered(message_id, resend=not arrived, by="manager", uow=SqlUnitOfWork(queued), now=datetime.now(UTC))  # fmt: skip
    with FaultyServer(port) as server:
        assert deliver(queued, port).sent == 2
    assert sorted(m["To"] for m in server.received()) == sorted(set(PEOPLE.values()) - {handed_over})
    assert set(status_of(queued).values()) == {"sent"}


def test_two_senders_at_once_deliver_each_message_once(queued, port):
    with SqlUnitOfWork(queued) as uow:
        for n in range(20):
            address = f"person{n}@agency.example"
            uow.outbox.enqueue(
                OutboxMessage(
                    key=f"many/{n}",
                    recipient_key="",
                    recipient_name=f"P{n}",
                    address=address,
                    subject="Hello",
                    body=".",
                ),
                at=datetime.now(UTC),
            )
        uow.commit()
    with FaultyServer(port) as server, ThreadPoolExecutor(2) as pool:
        runs = list(pool.map(lambda _: deliver(queued, port), range(2)))
    assert sum(r.sent for r in runs) == 23
    assert sum(r.problems for r in runs) == 0
    ids = server.message_ids()
    assert len(ids) == len(set(ids)) == 23


def _wait_for(condition, seconds: float = 20.0) -> None:
    give_up = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < give_up, "the server never received the message"
        time.sleep(0.05)


def test_the_same_cycle_run_twice_for_the_same_date_sends_each_message_once(engine, port):
    load_partnership(engine, small_partnership())
    for _ in range(2):
        run_action_plan_update(
            date(2026, 1, 5), uow=SqlUnitOfWork(engine), render=TemplateRenderer(),
            now=datetime.now(UTC), policy=ActionPlanPolicy(),
        )  # fmt: skip
    with FaultyServer(port) as server:
        deliver(engine, port)
        deliver(engine, port)
    assert sorted(m["To"] for m in server.received()) == ["amira@police.example", "ben@police.example"]
