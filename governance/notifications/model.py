"""Messages to people, as the outbox holds them, and the ports that render and send them."""

import hashlib
from collections.abc import Mapping
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol

from pydantic import BaseModel, ConfigDict


class NotificationStatus(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    """Tried and failed for a passing reason; tried again after its back-off."""
    UNCERTAIN = "uncertain"
    """The server may have stored it (no answer within the timeout): not resent until someone decides."""
    DEAD = "dead"
    """Refused for good (a 5xx reply), or failed too often: not tried again; the business manager is told."""
    DIGESTED = "digested"
    """Carried by a daily digest (``digest_id``) to a person who chose one."""


class Attachment(BaseModel):
    """A file sent with a message (a board pack, the published annual report)."""

    model_config = ConfigDict(frozen=True)

    filename: str
    media_type: str
    content: bytes


class OutboxMessage(BaseModel):
    """One message to one recipient. ``key`` makes queueing idempotent: the same key is queued once."""

    model_config = ConfigDict(frozen=True)

    key: str
    recipient_key: str
    recipient_name: str
    address: str
    subject: str
    body: str
    not_before: datetime | None = None
    """Not to be sent before this instant (a reminder goes out at 09:00 London time on its day)."""
    reply_to: str | None = None
    """The address of the contact the message names (the business manager): replies reach a person."""
    board_key: str | None = None
    """The board the message concerns, which a digest groups by."""
    ask: str | None = None
    """What the message asks (its template name), which a digest groups by."""
    attachments: tuple[Attachment, ...] = ()


MESSAGE_ID_DOMAIN = "govern.invalid"
"""The right-hand side of every Message-ID: a name nobody else uses (RFC 6761 reserves ``.invalid``)."""


def stable_message_id(partnership: str, key: str) -> str:
    """The Message-ID a message keeps on every attempt: the same partnership and outbox key, the same
    header, so a resend after an uncertain outcome is recognisable as the same message."""
    digest = hashlib.sha256(f"{partnership}\x1f{key}".encode()).hexdigest()[:40]
    return f"<{digest}@{MESSAGE_ID_DOMAIN}>"


class QueuedMessage(OutboxMessage):
    id: int
    attempts: int = 0
    partnership: str = ""
    """The partnership's key, which the stable Message-ID is derived from with ``key``."""
    channel: str | None = None
    """The recipient's Apprise tag, when they chose a channel other than e-mail."""
    status: NotificationStatus = NotificationStatus.QUEUED
    claimed_at: datetime | None = None
    last_error: str | None = None
    held_for_digest: bool = False
    """Its recipient chose a daily digest, and it is not one sent at once: the digest carries it."""

    @property
    def message_id(self) -> str:
        return stable_message_id(self.partnership, self.key)


class DeliveryFailed(Exception):
    """The message could not be delivered now, for a passing reason: tried again after its back-off.

    ``server_reply`` is the server's own words (code and text) when it gave any."""

    def __init__(self, reason: str, *, server_reply: str | None = None) -> None:
        super().__init__(reason)
        self.server_reply = server_reply


class DeliveryRefused(DeliveryFailed):
    """Refused for good (an SMTP 5xx reply): never tried again; the business manager is told."""


class DeliveryUncertain(DeliveryFailed):
    """No answer after the message was handed over (a timeout after DATA): the server may have stored
    it, so it is not resent until someone confirms or resends it."""


class Notifier(Protocol):
    def send(self, message: QueuedMessage) -> None:
        """Deliver the message or raise ``DeliveryFailed`` (passing), ``DeliveryRefused`` (for good)
        or ``DeliveryUncertain`` (maybe delivered) saying why. A notifier that keeps connections
        open between messages also has ``close()``, which the sender calls after a batch."""


class MessageRenderer(Protocol):
    workspace_url: str
    """The workspace's address, that links in messages start with (``governance.notifications.links``)."""

    def render(self, template: str, context: Mapping[str, Any]) -> tuple[str, str]:
        """The subject and body of the named message template, filled in with ``context``."""
