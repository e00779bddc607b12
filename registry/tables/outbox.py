"""The outbox of notifications and the audit trail.

What a partnership owns carries its ``partnership_id`` (directly, or through the row it belongs to),
and its keys are unique within it. No ``from __future__ import annotations``: SQLModel needs the real types.
"""

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from governance.notifications.model import NotificationStatus
from registry.types import UTCDateTime, text_enum


class Notification(SQLModel, table=True):
    """An outbox row: one message to one recipient, kept until it is delivered."""

    __table_args__ = (sa.UniqueConstraint("partnership_id", "key", name="uq_notification_partnership_key"),)

    id: int | None = Field(default=None, primary_key=True)
    partnership_id: int = Field(foreign_key="partnership.id", index=True)
    key: str = Field(max_length=200)
    recipient_id: int | None = Field(default=None, foreign_key="person.id")
    recipient_name: str
    address: str
    subject: str
    body: str = Field(sa_type=sa.Text)
    reply_to: str | None = Field(default=None, max_length=320)
    """The named contact's address, for the Reply-To header: replies reach a person, not the sender."""
    status: NotificationStatus = Field(sa_type=text_enum(NotificationStatus), index=True)
    attempts: int = 0
    last_error: str | None = None
    queued_at: datetime = Field(sa_type=UTCDateTime)
    not_before: datetime | None = Field(default=None, sa_type=UTCDateTime)
    claimed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    next_attempt_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    """A transient failure's back-off: not tried again before this instant."""
    server_reply: str | None = Field(default=None, sa_type=sa.Text)
    """The mail server's own words (code and text) for the last outcome, kept whole."""
    board_key: str | None = Field(default=None, max_length=80)
    """The board the message concerns, which a digest groups by."""
    ask: str | None = Field(default=None, max_length=80)
    """What the message asks (a template name), which a digest groups by."""
    digest_id: int | None = Field(default=None, index=True)
    """The digest message that carried this one to a person who chose a daily digest."""


class NotificationAttachment(SQLModel, table=True):
    """A file sent with a message (a board pack, the published annual report)."""

    id: int | None = Field(default=None, primary_key=True)
    notification_id: int = Field(foreign_key="notification.id", index=True)
    filename: str = Field(max_length=200)
    media_type: str = Field(max_length=120)
    content: bytes = Field(sa_type=sa.LargeBinary)


class AuditEvent(SQLModel, table=True):
    """One link of a partnership's hash chain (``governance.audit.model``): appended, never changed."""

    __table_args__ = (
        sa.UniqueConstraint("partnership_id", "sequence", name="uq_auditevent_partnership_sequence"),
    )

    id: int | None = Field(default=None, primary_key=True)
    partnership_id: int = Field(foreign_key="partnership.id", index=True)
    sequence: int
    at: datetime = Field(sa_type=UTCDateTime, index=True)
    actor: str
    role: str = ""
    event: str
    subject: str
    details: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)
    previous_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64)
