"""Benchmark: dispatching notifications through ``deliver_queued`` and Apprise to the local mail sink
on loopback, against a lower bound measured in the same run: raw ``smtplib`` sending the same
number of messages (built with ``email.message``) over one connection to the same sink.

Prints both rates (messages a second) and their ratio; the issue's target is ≥ 0.8. Asserts
nothing. Run:

    .venv/bin/python -m tests.benchmarks.dispatch [N] [sqlite:///…|postgresql+psycopg://…]

With no URL it builds a temporary SQLite registry (the small test partnership); a given URL must
hold an empty, migrated registry.
"""

import smtplib
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

from flows.adapters.apprise_notifier import AppriseNotifier
from governance.notifications.model import OutboxMessage
from governance.notifications.use_cases import deliver_queued
from registry.engine import make_engine
from registry.migrate import upgrade
from registry.partnership_file.loader import load_partnership
from registry.unit_of_work import SqlUnitOfWork
from tests.builders import small_partnership

BODY = (
    "Your action plan update is due on Friday.\n\nPlease update P/R01.1 at http://127.0.0.1:8501/my-work\n"
    * 3
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def queue(engine, count: int, offset: int) -> None:
    with SqlUnitOfWork(engine) as uow:
        for n in range(offset, offset + count):
            uow.outbox.enqueue(
                OutboxMessage(
                    key=f"bench/{n}", recipient_key="ben", recipient_name="Ben Test", address=f"person{n}@agency.example",
                    subject=f"Action plan update {n}", body=BODY, reply_to="manager@unit.example",
                ),
                at=datetime.now(UTC),
            )  # fmt: skip
        uow.commit()


def through_the_outbox(engine, port: int) -> float:
    notifier = AppriseNotifier(f"mailto://127.0.0.1:{port}?from=unit@governance.example")
    started = time.perf_counter()
    run = deliver_queued(uow=SqlUnitOfWork(engine), notifier=notifier, clock=lambda: datetime.now(UTC))
    elapsed = time.perf_counter() - started
    assert run.problems == 0, run.told(waiting_until=[])
    return run.sent / elapsed


def raw_smtplib(port: int, count: int) -> float:
    started = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port) as smtp:
        for n in range(count):
            message = EmailMessage()
            message["From"], message["To"] = "unit@governance.example", f"person{n}@agency.example"
            message["Subject"], message["Reply-To"] = f"Action plan update {n}", "manager@unit.example"
            message.set_content(BODY)
            smtp.send_message(message)
    return count / (time.perf_counter() - started)


SINK = """
import sys
from pathlib import Path
from flows.adapters.mail_sink import MailSink
with MailSink(Path(sys.argv[1]), int(sys.argv[2])):
    print("ready", flush=True)
    sys.stdin.read()
"""


def sink(folder: Path, port: int) -> subprocess.Popen:
    """The local mail sink in its own process, as ``govern up`` runs it: it does not share the GIL."""
    process = subprocess.Popen(
        [sys.executable, "-c", SINK, str(folder), str(port)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    return process


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    with tempfile.TemporaryDirectory() as folder:
        url = sys.argv[2] if len(sys.argv) > 2 else f"sqlite:///{Path(folder) / 'registry.db'}"
        upgrade(url)
        engine = make_engine(url)
        load_partnership(engine, small_partnership())
        port = free_port()
        server = sink(Path(folder) / "mail", port)
        try:
            raw_smtplib(port, 20)  # warm up both paths
            queue(engine, 20, 0)
            through_the_outbox(engine, port)
            outbox_rates, raw_rates = [], []
            for run in range(3):
                queue(engine, count, 1_000_000 * (run + 1))
                outbox_rates.append(through_the_outbox(engine, port))
                raw_rates.append(raw_smtplib(port, count))
        finally:
            server.communicate("")
        engine.dispose()
    outbox, raw = sorted(outbox_rates)[1], sorted(raw_rates)[1]
    print(f"registry: {url.split(':')[0]}, {count} messages, median of 3 runs")
    print(f"deliver_queued through Apprise: {outbox:8.1f} messages/s")
    print(f"raw smtplib, one connection:    {raw:8.1f} messages/s (lower bound)")
    print(f"ratio: {outbox / raw:.2f} of the raw rate (target ≥ 0.8)")


if __name__ == "__main__":
    main()
