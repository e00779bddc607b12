"""A real SMTP server on loopback that misbehaves on request, and counts what it stored.

- ``refuse``: recipients refused for good at RCPT (550, with the server's own text);
- ``later``: recipients turned away for now at RCPT (451);
- ``answer_after``: seconds the server waits, once it has stored a message, before it answers
  250 (longer than the client's timeout: the client cannot know it arrived);
- ``hold``: the server stores the first message, then holds its answer until ``release()`` (a
  sender killed meanwhile dies mid-send, after handing the message over).
An SMTP server that is down is one not started on its port.
"""

import asyncio
import socket
import threading
from email import message_from_bytes
from email.message import Message

from aiosmtpd.controller import Controller

REFUSAL = "550 5.1.1 <{address}>: Recipient address rejected: User unknown in local recipient table"
LATER = "451 4.3.0 <{address}>: Temporary lookup failure, try again later"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class FaultyServer:
    def __init__(
        self,
        port: int,
        *,
        refuse: frozenset[str] = frozenset(),
        later: frozenset[str] = frozenset(),
        answer_after: float = 0.0,
        hold: bool = False,
    ) -> None:
        self.port = port
        self.refuse, self.later = refuse, later
        self.answer_after = answer_after
        self.stored: list[Message] = []
        self.connections = 0
        self._hold = hold
        self._released = threading.Event()
        self._lock = threading.Lock()
        self._controller = Controller(self, hostname="127.0.0.1", port=port)

    # --- aiosmtpd's handler hooks ---
    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        with self._lock:
            self.connections += 1
        session.host_name = hostname
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return REFUSAL.format(address=address)
        if address in self.later:
            return LATER.format(address=address)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self._lock:
            self.stored.append(message_from_bytes(envelope.original_content or envelope.content))
        if self.answer_after:
            await asyncio.sleep(self.answer_after)
        if self._hold and len(self.stored) == 1:
            await asyncio.get_running_loop().run_in_executor(None, self._released.wait, 30)
        return "250 OK: queued"

    # --- the test's side ---
    def release(self) -> None:
        self._released.set()

    def received(self, address: str | None = None) -> list[Message]:
        with self._lock:
            return [m for m in self.stored if address is None or m["To"] == address]

    def message_ids(self) -> list[str]:
        with self._lock:
            return [m["Message-ID"] for m in self.stored]

    def start(self) -> "FaultyServer":
        self._controller.start()
        return self

    def stop(self) -> None:
        self.release()
        self._controller.stop()

    def __enter__(self) -> "FaultyServer":
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()
