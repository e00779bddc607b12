"""The outbox page (AppTest on a real SQLite registry): what needs a decision comes first, with the
server's reply, and the business manager resends it from there."""

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from app.web.session import Visitor
from governance.accounts.model import Identity, SignedIn
from governance.notifications.model import OutboxMessage
from registry import tables as m
from registry.partnership_file.loader import load_partnership
from registry.unit_of_work import SqlUnitOfWork
from tests.builders import small_partnership

PAGE = Path(__file__).resolve().parents[1] / "app" / "web" / "views" / "outbox.py"


@pytest.fixture
def dead_letter(sqlite_engine, sqlite_url, tmp_path, monkeypatch):
    load_partnership(sqlite_engine, small_partnership())
    with SqlUnitOfWork(sqlite_engine) as uow:
        uow.outbox.enqueue(
            OutboxMessage(key="k", recipient_key="ben", recipient_name="Ben Test", address="ben@police.example",
                          subject="Your update", body="."),
            at=datetime.now(UTC),
        )  # fmt: skip
        (message,) = uow.outbox.pending(now=datetime.now(UTC), stale_before=datetime.now(UTC))
        uow.outbox.claim(message.id, at=datetime.now(UTC), stale_before=datetime.now(UTC))
        reply = "550 5.1.1 <ben@police.example>: Recipient address rejected: User unknown"
        uow.outbox.mark_dead(
            message.id, error=f"refused for good: {reply}", at=datetime.now(UTC), server_reply=reply
        )
        manager = uow.people.find("manager")
        uow.commit()
    monkeypatch.setenv("GOVERN_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("GOVERN_DATA_DIR", str(tmp_path / "data"))
    now = datetime.now(UTC)
    signed = SignedIn(email=manager.email, method="password", signed_in_at=now, last_seen_at=now,
                      partnerships=(Identity(partnership_key="test", person_key="manager", name=manager.name),))  # fmt: skip
    at = AppTest.from_file(str(PAGE), default_timeout=30)
    at.session_state["visitor"] = Visitor(
        signed_in=signed, partnership="test", partnership_name="Test", person=manager
    )
    return sqlite_engine, at


def test_a_dead_message_is_shown_first_with_the_servers_reply_and_can_be_resent(dead_letter):
    engine, at = dead_letter
    at.run()
    assert not at.exception, at.exception
    assert at.subheader[0].value == "1 not delivered: your decision is needed"
    assert "User unknown" in at.table[0].value.to_string()
    next(b for b in at.button if b.label == "Resend it").click().run()
    assert not at.exception, at.exception
    with Session(engine) as session:
        assert session.exec(select(m.Notification.status)).one() is m.NotificationStatus.QUEUED
