"""Messages to people, as the outbox holds them, and the ports that render and send them."""

from collections.abc import Mapping
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol

from pydantic import BaseModel, ConfigDict


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


class QueuedMessage(OutboxMessage):
    id: int
    attempts: int = 0


class DeliveryFailed(Exception):
    """The message could not be delivered now; it stays queued and is retried."""


class Notifier(Protocol):
    def send(self, message: QueuedMessage) -> None:
        """Deliver the message or raise ``DeliveryFailed`` saying why."""


class MessageRenderer(Protocol):
    workspace_url: str
    """The workspace's address, that links in messages start with (``governance.notifications.links``)."""

    def render(self, template: str, context: Mapping[str, Any]) -> tuple[str, str]:
        """The subject and body of the named message template, filled in with ``context``."""


class NotificationStatus(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    """Tried and failed; still queued for the next delivery run."""
