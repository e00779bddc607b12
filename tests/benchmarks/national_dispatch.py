"""The national benchmark's dispatch figure: notifications queued in the outbox and delivered by the
platform's notifier to a loopback SMTP server, against raw ``smtplib`` sending the same messages
to the same server over one connection.

The server counts what it accepts and keeps nothing: the local mail sink writes each message to a
Maildir, which would make the disk, not the sender, the bound of both figures.

Half the raw messages are sent before the platform's run and half after, so that load drifting on a
shared machine weighs on both rates alike; the process's CPU seconds (sender and in-process server,
not the database server) are given beside the wall-clock rates, with the load average at the end."""

import os
import smtplib
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from email.message import EmailMessage

import sqlalchemy as sa

from tests.benchmarks.national_registry import TEMPLATE

BODY = "\n".join(["Your return to the board is due in 14 days. Submit it on the Submit page."] * 12)


class Counting:
    """An aiosmtpd handler that accepts every message and counts it."""

    def __init__(self) -> None:
        self.received = 0

    async def handle_DATA(self, server, session, envelope) -> str:
        self.received += 1
        return "250 OK"


@contextmanager
def counting_server(port: int) -> Iterator[Counting]:
    from aiosmtpd.controller import Controller

    handler = Counting()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield handler
    finally:
        controller.stop()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def dispatch_figures(engine: sa.Engine, url: str, messages: int) -> dict:
    from flows.bootstrap import Platform, Settings
    from governance.notifications.model import OutboxMessage
    from governance.notifications.use_cases import deliver_queued
    from registry.unit_of_work import SqlUnitOfWork

    port = free_port()
    now = datetime.now(UTC)
    with SqlUnitOfWork(engine, partnership=TEMPLATE) as uow:
        already_queued = len(uow.outbox.pending(now=now, stale_before=now))  # a clean run: 0
        manager = uow.partnership.snapshot().business_manager()
        for n in range(messages):
            uow.outbox.enqueue(
                OutboxMessage(
                    key=f"benchmark/{now:%Y%m%dT%H%M%S}/{n}",
                    recipient_key=manager.key,
                    recipient_name=manager.name,
                    address=f"person{n}@example.org",
                    subject=f"Deadline reminder {n}",
                    body=BODY,
                ),
                at=now,
            )
        uow.commit()
    settings = Settings(database_url=url, mail_sink_port=port, email_url=None, apprise_config=None)
    notifier = Platform(settings).notifier
    before = raw_smtplib(settings.mail_from, range(messages // 2))
    with counting_server(port) as platform_server:
        started, cpu = time.perf_counter(), time.process_time()
        run = deliver_queued(
            uow=SqlUnitOfWork(engine, partnership=TEMPLATE),
            notifier=notifier,
            clock=lambda: datetime.now(UTC),
        )
        platform, platform_cpu = time.perf_counter() - started, time.process_time() - cpu
    after = raw_smtplib(settings.mail_from, range(messages // 2, messages))
    raw, raw_cpu = before[0] + after[0], before[1] + after[1]
    return {
        "messages": messages,
        "already_queued": already_queued,
        "sent": run.sent,
        "server_received": platform_server.received,
        "raw_server_received": before[2] + after[2],
        "failed": run.failed,
        "platform_s": platform,
        "platform_per_s": run.sent / platform if platform else None,
        "raw_smtplib_s": raw,
        "raw_smtplib_per_s": messages / raw if raw else None,
        "ratio_of_raw_rate": (run.sent / platform) / (messages / raw) if platform and raw else None,
        "platform_cpu_s": platform_cpu,
        "raw_smtplib_cpu_s": raw_cpu,
        "ratio_of_raw_cpu": (raw_cpu / messages) / (platform_cpu / run.sent)
        if platform_cpu and raw_cpu
        else None,
        "load_average": os.getloadavg(),
    }


def raw_smtplib(mail_from: str, numbers: range) -> tuple[float, float, int]:
    """The lower bound for ``numbers``: wall and process CPU seconds, and what the server accepted.

    Half the raw messages go before the platform's run and half after, over one connection each,
    so that a machine whose load drifts during the run weighs on both figures alike."""
    port = free_port()
    with counting_server(port) as server:
        started, cpu = time.perf_counter(), time.process_time()
        with smtplib.SMTP("127.0.0.1", port) as smtp:
            for n in numbers:
                message = EmailMessage()
                message["From"], message["To"] = mail_from, f"person{n}@example.org"
                message["Subject"] = f"Deadline reminder {n}"
                message.set_content(BODY)
                smtp.send_message(message)
        return time.perf_counter() - started, time.process_time() - cpu, server.received
