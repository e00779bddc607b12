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
