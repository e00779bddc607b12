"""``govern outbox list/send/confirm/resend`` on a real registry and a real SMTP server on loopback:
the command line says what it found, shows what needs a decision, and takes the decision."""

from datetime import UTC, datetime

import pytest
import typer
from typer.testing import CliRunner

from app.cli import outbox as cli_outbox
from governance.notifications.model import OutboxMessage
from registry.engine import make_engine
from registry.migrate import upgrade
from registry.partnership_file.loader import load_partnership
from registry.unit_of_work import SqlUnitOfWork
from tests.builders import small_partnership
from tests.smtp_faults import FaultyServer, free_port

outbox_app = typer.Typer()
for name in ("list", "send", "confirm", "resend"):
    outbox_app.command(name)(getattr(cli_outbox, f"outbox_{name}"))


@pytest.fixture
def govern_outbox(sqlite_url, tmp_path, monkeypatch):
    upgrade(sqlite_url)
    engine = make_engine(sqlite_url)
    load_partnership(engine, small_partnership())
    with SqlUnitOfWork(engine) as uow:
        for key, address in (("amira", "amira@police.example"), ("ben", "ben@police.example")):
            uow.outbox.enqueue(
                OutboxMessage(key=f"test/{key}", recipient_key=key, recipient_name=key.title(), address=address,
                              subject=f"For {key}", body="."),
                at=datetime.now(UTC),
            )  # fmt: skip
        uow.commit()
    port = free_port()
    monkeypatch.setenv("GOVERN_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("GOVERN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("GOVERN_EMAIL_URL", f"mailto://127.0.0.1:{port}?from=unit@governance.example")
    monkeypatch.setenv("GOVERN_SERVICE_IDENTITY", "flows")
    runner = CliRunner()
    return port, lambda *args: runner.invoke(outbox_app, list(args))


def test_send_says_what_it_found_and_list_shows_the_dead_message_with_the_servers_reply(govern_outbox):
    port, govern = govern_outbox
    with FaultyServer(port, refuse=frozenset({"ben@police.example"})):
        sent = govern("send")
    assert sent.exit_code == 1
    assert sent.output.startswith("1 sent; 1 dead (refused for good, or failed too often)")
    assert "ben@police.example: the server refused ben@police.example for good: 550 5.1.1" in sent.output
    stuck = govern("list", "--stuck")
    assert stuck.output.splitlines()[0].split()[:2] == ["#2", "dead"]
    assert "Recipient address rejected" in stuck.output


def test_the_business_manager_resends_a_dead_message_and_nobody_else_may(govern_outbox):
    port, govern = govern_outbox
    with FaultyServer(port, refuse=frozenset({"ben@police.example"})):
        govern("send")
    refused = govern("resend", "2", "--by", "amira")
    assert refused.exit_code == 2 and "Only the safeguarding business unit" in refused.output
    resent = govern("resend", "2", "--by", "manager")
    assert resent.exit_code == 0, resent.output
    with FaultyServer(port) as server:
        assert govern("send").output.startswith("1 sent")
    assert [m["To"] for m in server.received()] == ["ben@police.example"]
    assert govern("list", "--stuck").output.strip() == "nothing needs a decision"


def test_a_failed_message_waiting_for_its_next_try_is_named_and_can_be_sent_now(govern_outbox):
    port, govern = govern_outbox
    assert govern("send").exit_code == 1  # nothing listens: both fail and wait for their back-off
    waiting = govern("send")
    assert waiting.exit_code == 1
    assert "2 failed earlier and wait for their next try" in waiting.output
    assert "#1 amira@police.example: next try" in waiting.output and "Connection refused" in waiting.output
    assert govern("confirm", "1", "--by", "manager").exit_code == 2  # it never reached a server
    assert govern("resend", "1", "--by", "manager").exit_code == 0
    with FaultyServer(port) as server:
        sent = govern("send")
    assert sent.output.startswith("1 sent") and "1 failed earlier" in sent.output
    assert [m["To"] for m in server.received()] == ["amira@police.example"]
