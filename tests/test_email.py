"""Notifications through Apprise to a real SMTP server on loopback (the platform's own mail sink)."""

import mailbox
import socket
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, select

from flows.adapters.apprise_notifier import AppriseNotifier, with_recipient
from flows.adapters.mail_sink import MailSink, received_mail
from flows.adapters.message_templates import TemplateRenderer
from governance.action_plans.model import ActionPlanPolicy
from governance.action_plans.use_cases import run_action_plan_update
from governance.notifications.model import QueuedMessage
from governance.notifications.use_cases import DEFAULT_POLICY, deliver_queued
from registry import tables as m
from registry.partnership_file.loader import load_partnership
from registry.unit_of_work import SqlUnitOfWork
from tests.builders import small_partnership


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def port() -> int:
    return free_port()


@pytest.fixture
def queued(sqlite_engine):
    load_partnership(sqlite_engine, small_partnership())
    run_action_plan_update(
        date(2026, 1, 5),
        uow=SqlUnitOfWork(sqlite_engine),
        render=TemplateRenderer(),
        now=datetime.now(UTC),
        policy=ActionPlanPolicy(),
    )
    return sqlite_engine


def deliver(engine, port: int, *, later: timedelta = timedelta(0)):
    notifier = AppriseNotifier(f"mailto://127.0.0.1:{port}?from=unit@governance.example")
    return deliver_queued(
        uow=SqlUnitOfWork(engine), notifier=notifier, clock=lambda: datetime.now(UTC) + later
    )


def statuses(engine) -> list[str]:
    with Session(engine) as session:
        return sorted(n.status.value for n in session.exec(select(m.Notification)))


def test_each_owner_receives_their_update_request_by_email(queued, port, tmp_path: Path):
    with MailSink(tmp_path / "mail", port):
        report = deliver(queued, port)
    assert report.sent == 2
    mail = {message.to: message for message in received_mail(tmp_path / "mail")}
    assert set(mail) == {"amira@police.example", "ben@police.example"}
    assert (
        "P/R01.1" in mail["amira@police.example"].body and "P/R02.1" not in mail["amira@police.example"].body
    )
    assert (
        mail["amira@police.example"].subject
        == "Action plan update for January 2026: 1 action awaiting your update"
    )


def test_each_email_replies_to_the_business_manager_it_names(queued, port, tmp_path: Path):
    with MailSink(tmp_path / "mail", port):
        deliver(queued, port)
    with Session(queued) as session:
        contact = session.exec(select(m.Notification.reply_to)).first()
    assert contact
    for message in mailbox.Maildir(str(tmp_path / "mail"), create=False):
        assert message["Reply-To"] == contact
        assert "reply to this message" not in message.get_payload(decode=True).decode().lower()


def test_a_second_delivery_sends_nothing(queued, port, tmp_path: Path):
    with MailSink(tmp_path / "mail", port):
        deliver(queued, port)
        assert deliver(queued, port).sent == 0
    assert len(received_mail(tmp_path / "mail")) == 2


def test_with_the_mail_server_down_nothing_is_lost_and_a_run_after_the_back_off_sends_it(
    queued, port, tmp_path: Path
):
    down = deliver(queued, port)
    assert (down.sent, down.failed) == (0, 2)
    assert statuses(queued) == ["failed", "failed"]
    with Session(queued) as session:
        assert all(n.last_error and n.attempts == 1 for n in session.exec(select(m.Notification)))
    with MailSink(tmp_path / "mail", port):
        assert deliver(queued, port).sent == 0  # each waits for its back-off
        assert deliver(queued, port, later=DEFAULT_POLICY.first_retry).sent == 2
    assert statuses(queued) == ["sent", "sent"]
    assert len(received_mail(tmp_path / "mail")) == 2


@pytest.mark.parametrize("address", ["amira at police", ""])
def test_an_address_mail_cannot_go_to_is_dead_lettered_with_the_reason_and_nothing_goes_elsewhere(
    queued, port, tmp_path: Path, address: str
):
    """Not "uncertain", and not the sender's own mailbox (Apprise's default for a message with no recipient)."""
    with Session(queued) as session:
        amiras = session.exec(
            select(m.Notification).where(m.Notification.address == "amira@police.example")
        ).one()
        amiras.address = address
        session.add(amiras)
        session.commit()
    with MailSink(tmp_path / "mail", port):
        report = deliver(queued, port)
    assert (report.sent, report.dead) == (1, 1)
    assert [mail.to for mail in received_mail(tmp_path / "mail")] == ["ben@police.example"]
    with Session(queued) as session:
        dead = session.exec(select(m.Notification).where(m.Notification.status == "dead")).one()
    assert dead.attempts == 1 and "Amira" in dead.last_error
    assert ("is not one mail can go to" if address else "no e-mail address is on record") in dead.last_error


def test_a_person_tagged_in_the_apprise_configuration_is_reached_there_instead_of_by_email(
    queued, port, tmp_path: Path
):
    config = tmp_path / "apprise.yaml"
    config.write_text(
        f"urls:\n  - mailto://127.0.0.1:{port}?from=unit@governance.example&to=police-safeguarding-desk@police.example:\n"
        "      tag: person:amira\n"
    )
    notifier = AppriseNotifier(f"mailto://127.0.0.1:{port}?from=unit@governance.example", config)
    with MailSink(tmp_path / "mail", port):
        deliver_queued(uow=SqlUnitOfWork(queued), notifier=notifier, clock=lambda: datetime.now(UTC))
    assert sorted(mail.to for mail in received_mail(tmp_path / "mail")) == [
        "ben@police.example",
        "police-safeguarding-desk@police.example",
    ]
    desk = next(m for m in mailbox.Maildir(str(tmp_path / "mail"), create=False) if "desk" in m["To"])
    with Session(queued) as session:
        contact = session.exec(select(m.Notification.reply_to)).first()
    assert contact and desk["Reply-To"] == contact  # the configured channel replies to the contact too


def test_the_contact_is_added_to_the_email_url_as_reply_to():
    url = with_recipient(
        "mailto://127.0.0.1:8025?from=unit@example.org", "a@agency.example", "bm@council.example"
    )
    assert "reply=bm%40council.example" in url


def test_the_recipient_is_added_to_the_email_url_and_plain_text_is_asked_for():
    url = with_recipient("mailtos://user:secret@smtp.example.org?from=unit@example.org", "a.b@agency.example")
    assert (
        url
        == "mailtos://user:secret@smtp.example.org?from=unit%40example.org&to=a.b%40agency.example&format=text"
    )


def test_one_notifier_sends_each_message_with_its_own_recipient_reply_to_and_message_id(port, tmp_path: Path):
    """The e-mail channel is built once per URL and Reply-To; nothing of one message stays on the next."""
    notifier = AppriseNotifier(f"mailto://127.0.0.1:{port}?from=unit@governance.example")
    sent = [
        QueuedMessage(id=n, key=f"k/{n}", recipient_key="", recipient_name="", address=address,
                      subject=f"Subject {n}", body=f"Body {n}", reply_to=reply, partnership="test")
        for n, (address, reply) in enumerate(
            [("a@agency.example", "bm@one.example"), ("b@agency.example", None),
             ("c@agency.example", "bm@one.example"), ("d@agency.example", "bm@two.example")]
        )
    ]  # fmt: skip
    with MailSink(tmp_path / "mail", port):
        for message in sent:
            notifier.send(message)
        notifier.close()
    received = {m["To"]: m for m in mailbox.Maildir(str(tmp_path / "mail"), create=False)}
    assert sorted(received) == [m.address for m in sent]
    for message in sent:
        mail = received[message.address]
        assert (mail["Subject"], mail["Message-ID"], mail["Reply-To"]) == (
            message.subject,
            message.message_id,
            message.reply_to,
        )
        assert mail.get_payload(decode=True).decode().strip() == message.body
