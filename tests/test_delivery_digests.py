"""Daily digests and the business manager's dead-letter alert, through Apprise to a real SMTP server
on loopback: a person who chose a digest gets one message a day, grouped by board and by what is
asked, newest first; the business manager hears of every message that did not arrive."""

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, select

from flows.adapters.apprise_notifier import AppriseNotifier
from flows.adapters.message_templates import TemplateRenderer
from governance.notifications.digests import send_digests
from governance.notifications.model import Attachment, OutboxMessage
from governance.notifications.use_cases import deliver_queued, outbox_entries
from governance.partnership.people import NotifyBy
from registry import tables as m
from registry.partnership_file.loader import load_partnership
from registry.unit_of_work import SqlUnitOfWork
from tests.builders import small_partnership
from tests.smtp_faults import FaultyServer, free_port

TODAY = date(2026, 12, 1)
START = datetime(2026, 12, 1, 7, tzinfo=UTC)


def partnership(*, digest: set[str] = frozenset(), channels: dict[str, str] | None = None):
    file = small_partnership()
    people = [
        p.model_copy(
            update={
                "notify_by": NotifyBy.DIGEST if p.key in digest else NotifyBy.IMMEDIATE,
                "channel": (channels or {}).get(p.key),
            }
        )
        for p in file.people
    ]
    return file.model_copy(update={"people": people})


def message(key: str, to: str, address: str, *, board: str | None = None, ask: str | None = None, **more):
    return OutboxMessage(
        key=key, recipient_key=to, recipient_name=to.title(), address=address,
        subject=f"About {key}", body=f"The details of {key}.", board_key=board, ask=ask, **more,
    )  # fmt: skip


def queue(engine, *messages: OutboxMessage) -> None:
    with SqlUnitOfWork(engine) as uow:
        for n, each in enumerate(messages):
            uow.outbox.enqueue(each, at=START + timedelta(minutes=n))
        uow.commit()


def deliver(engine, port: int, config: Path | None = None):
    notifier = AppriseNotifier(f"mailto://127.0.0.1:{port}?from=unit@governance.example", config)
    return deliver_queued(uow=SqlUnitOfWork(engine), notifier=notifier, clock=lambda: datetime.now(UTC))


@pytest.fixture
def port() -> int:
    return free_port()


def test_a_person_who_chose_a_digest_gets_one_message_a_day_grouped_by_board_and_ask(engine, port):
    load_partnership(engine, partnership(digest={"chair"}))
    chasers = [
        message(f"chase/{n}", "chair", "chair@unit.example", board="tbp", ask="overdue") for n in range(6)
    ]
    queue(
        engine,
        message("pack", "chair", "chair@unit.example", board="tbp", ask="board-pack"),
        *chasers,
        message("summary", "chair", "chair@unit.example", board="bsab", ask="plan-summary"),
        message("request", "amira", "amira@police.example", board="tbp", ask="update-request"),
    )
    with FaultyServer(port) as server:
        assert deliver(engine, port).sent == 1  # amira's; the chair's are held for the digest
        run = send_digests(TODAY, uow=SqlUnitOfWork(engine), render=TemplateRenderer(), now=datetime.now(UTC))
        again = send_digests(
            TODAY, uow=SqlUnitOfWork(engine), render=TemplateRenderer(), now=datetime.now(UTC)
        )
        deliver(engine, port)
    assert (run.carried, again.carried) == (8, 0)
    to_chair = server.received("chair@unit.example")
    assert [m["Subject"] for m in to_chair] == ["Your daily digest: 8 messages"]
    body = to_chair[0].get_payload(decode=True).decode()
    assert body.index("BSAB") < body.index("TBP")
    assert "Overdue (6)" in body and "6 messages; the three oldest:" in body
    oldest = body[body.index("the three oldest:") :].splitlines()[1:4]
    assert oldest == ["  - About chase/0", "  - About chase/1", "  - About chase/2"]
    assert "my-work?partnership=test" in body and "The details of pack." in body
    with Session(engine) as session:
        digest_id = session.exec(
            select(m.Notification.id).where(m.Notification.key == "digest/chair/2026-12-01")
        ).one()
        carried = session.exec(select(m.Notification).where(m.Notification.digest_id == digest_id)).all()
    assert len(carried) == 8 and {n.status.value for n in carried} == {"digested"}


def test_the_outbox_says_a_message_waits_for_its_recipients_daily_digest(engine, port):
    load_partnership(engine, partnership(digest={"chair"}))
    queue(
        engine,
        message("chase", "chair", "chair@unit.example", board="tbp", ask="overdue"),
        message("request", "amira", "amira@police.example", board="tbp", ask="update-request"),
    )
    with FaultyServer(port):
        deliver(engine, port)
    shown = {e.address: e.status for e in outbox_entries(uow=SqlUnitOfWork(engine), now=datetime.now(UTC))}
    assert shown == {"chair@unit.example": "queued for the daily digest", "amira@police.example": "sent"}


def test_the_business_manager_is_alerted_to_a_dead_message_through_their_own_channel(engine, port, tmp_path):
    load_partnership(engine, partnership(channels={"manager": "unit-desk"}))
    config = tmp_path / "apprise.yaml"
    config.write_text(
        f"urls:\n  - mailto://127.0.0.1:{port}?from=unit@governance.example&to=desk@unit.example:\n"
        "      tag: unit-desk\n"
    )
    queue(engine, message("refused", "ben", "ben@police.example"))
    with FaultyServer(port, refuse=frozenset({"ben@police.example"})) as server:
        assert deliver(engine, port, config).dead == 1
        run = send_digests(TODAY, uow=SqlUnitOfWork(engine), render=TemplateRenderer(), now=datetime.now(UTC))
        assert deliver(engine, port, config).sent == 1
    assert run.undelivered == 1
    (alert,) = server.received("desk@unit.example")
    assert alert["Subject"] == "1 message not delivered: your decision is needed"
    text = next(
        p.get_payload(decode=True).decode() for p in alert.walk() if p.get_content_maintype() == "text"
    )
    assert "ben@police.example" in text and "550 5.1.1" in text
    assert server.received("manager@unit.example") == []


def test_an_attachment_is_sent_with_its_message(engine, port):
    load_partnership(engine, partnership())
    pack = Attachment(filename="board-pack.pdf", media_type="application/pdf", content=b"%PDF-1.7 pack")
    queue(engine, message("pack", "amira", "amira@police.example", attachments=(pack,)))
    with FaultyServer(port) as server:
        assert deliver(engine, port).sent == 1
    (received,) = server.received()
    files = [
        (p.get_filename(), p.get_content_type(), p.get_payload(decode=True))
        for p in received.walk()
        if p.get_filename()
    ]
    assert files == [("board-pack.pdf", "application/pdf", b"%PDF-1.7 pack")]
