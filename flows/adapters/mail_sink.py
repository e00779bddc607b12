"""The local mail sink: an SMTP server on loopback that keeps every message it receives in a Maildir.

It lets the demo show real e-mail without any account anywhere; production sets GOVERN_EMAIL_URL.
"""

import mailbox
from email.header import decode_header, make_header
from email.utils import parsedate_to_datetime
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox
from pydantic import BaseModel


class MailSink:
    def __init__(self, folder: Path, port: int, host: str = "127.0.0.1") -> None:
        folder.parent.mkdir(parents=True, exist_ok=True)
        for sub in ("tmp", "new", "cur"):
            (folder / sub).mkdir(parents=True, exist_ok=True)  # a Maildir
        self.folder = folder
        self.host = host
        self.port = port
        self._controller = Controller(Mailbox(str(folder)), hostname=host, port=port)

    def start(self) -> "MailSink":
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()

    def __enter__(self) -> "MailSink":
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()


class ReceivedMail(BaseModel):
    to: str
    subject: str
    date: str
    body: str
    message_id: str = ""
    """The stable Message-ID the outbox gave it (the same on a resend)."""
    attachments: list[str] = []
    """The attached files' names, in order."""


def received_mail(folder: Path) -> list[ReceivedMail]:
    """What the sink has received, oldest first."""
    if not (folder / "cur").exists():
        return []
    messages = []
    for message in mailbox.Maildir(str(folder), create=False):
        parts = [p for p in message.walk() if not p.get_filename() and p.get_content_maintype() == "text"]
        text = next(
            (p for p in parts if p.get_content_type() == "text/plain"), parts[0] if parts else message
        )
        payload = text.get_payload(decode=True)
        messages.append(
            ReceivedMail(
                to=_header(message["To"]),
                subject=_header(message["Subject"]),
                date=_header(message["Date"]),
                body=(payload or b"").decode(text.get_content_charset() or "utf-8", errors="replace"),
                message_id=message["Message-ID"] or "",
                attachments=[_header(p.get_filename()) for p in message.walk() if p.get_filename()],
            )
        )
    return sorted(messages, key=lambda m: _sort_key(m.date))


def _header(value: str | None) -> str:
    return str(make_header(decode_header(value))) if value else ""


def _sort_key(date_header: str) -> float:
    try:
        return parsedate_to_datetime(date_header).timestamp()
    except (TypeError, ValueError):
        return 0.0
