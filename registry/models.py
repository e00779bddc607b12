"""The registry's tables, one family per thing the partnership talks about.

No ``from __future__ import annotations`` here: SQLModel needs the real types.
"""

from datetime import date, datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from governance.deadlines import DeadlineState, Duty
from governance.vocabulary import BoardKind, Role
from registry.types import UTCDateTime, text_enum


class NotificationStatus(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    """Tried and failed; still queued for the next delivery run."""


class Partnership(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, max_length=80)
    name: str
    area: str


class Board(SQLModel, table=True):
    """A statutory board, partnership or council committee that holds meetings and receives reports."""

    id: int | None = Field(default=None, primary_key=True)
    partnership_id: int = Field(foreign_key="partnership.id", index=True)
    key: str = Field(unique=True, max_length=80)
    name: str
    short_name: str = Field(max_length=40)
    kind: BoardKind = Field(sa_type=text_enum(BoardKind))


class Agency(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    partnership_id: int = Field(foreign_key="partnership.id", index=True)
    key: str = Field(unique=True, max_length=80)
    name: str
    statutory_partner: bool = False


class Person(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, max_length=80)
    name: str
    email: str
    job_title: str = ""
    agency_id: int | None = Field(default=None, foreign_key="agency.id")


class SubGroup(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    partnership_id: int = Field(foreign_key="partnership.id", index=True)
    key: str = Field(unique=True, max_length=80)
    name: str
    purpose: str = ""


class ReportingLine(SQLModel, table=True):
    """A sub-group reports to a board; a tri-board sub-group has several of these."""

    __table_args__ = (sa.UniqueConstraint("sub_group_id", "board_id"),)

    id: int | None = Field(default=None, primary_key=True)
    sub_group_id: int = Field(foreign_key="subgroup.id", index=True)
    board_id: int = Field(foreign_key="board.id", index=True)


class Membership(SQLModel, table=True):
    """A person holds a role on a board, on a sub-group, or (neither) across the partnership."""

    __table_args__ = (
        sa.CheckConstraint("board_id IS NULL OR sub_group_id IS NULL", name="membership_one_body"),
    )

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    role: Role = Field(sa_type=text_enum(Role))
    board_id: int | None = Field(default=None, foreign_key="board.id")
    sub_group_id: int | None = Field(default=None, foreign_key="subgroup.id")


class Meeting(SQLModel, table=True):
    __table_args__ = (sa.UniqueConstraint("board_id", "held_on"),)

    id: int | None = Field(default=None, primary_key=True)
    board_id: int = Field(foreign_key="board.id", index=True)
    held_on: date
    title: str = ""


class Plan(SQLModel, table=True):
    """An action plan, e.g. the response to a thematic review's recommendations."""

    id: int | None = Field(default=None, primary_key=True)
    partnership_id: int = Field(foreign_key="partnership.id", index=True)
    key: str = Field(unique=True, max_length=80)
    title: str
    source: str = ""
    board_id: int = Field(foreign_key="board.id")
    lead_sub_group_id: int | None = Field(default=None, foreign_key="subgroup.id")
    starts_on: date
    completion_target: date | None = None
    exempt_paragraph: int | None = Field(default=None, description="Local Government Act 1972 Sch 12A paragraph")


class Recommendation(SQLModel, table=True):
    __table_args__ = (sa.UniqueConstraint("plan_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True)
    number: int
    text: str


class Action(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    recommendation_id: int = Field(foreign_key="recommendation.id", index=True)
    reference: str = Field(unique=True, max_length=80)
    text: str
    owner_id: int = Field(foreign_key="person.id", index=True)
    due_on: date
    completed_on: date | None = None


class ActionUpdate(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    action_id: int = Field(foreign_key="action.id", index=True)
    period: str = Field(max_length=7)
    progress: str
    submitted_by_id: int = Field(foreign_key="person.id")
    submitted_on: date


class Deadline(SQLModel, table=True):
    """One occurrence of a recurring duty, recorded by a cycle, with its state."""

    __table_args__ = (sa.UniqueConstraint("duty", "subject", "period"),)

    id: int | None = Field(default=None, primary_key=True)
    duty: Duty = Field(sa_type=text_enum(Duty))
    subject: str = Field(max_length=120)
    period: str = Field(max_length=20)
    due_on: date = Field(index=True)
    owner_id: int = Field(foreign_key="person.id", index=True)
    board_id: int = Field(foreign_key="board.id", index=True)
    sub_group_id: int | None = Field(default=None, foreign_key="subgroup.id")
    state: DeadlineState = Field(sa_type=text_enum(DeadlineState), index=True)
    recorded_on: date
    submitted_on: date | None = None
    closed_on: date | None = None


class Notification(SQLModel, table=True):
    """An outbox row: one message to one recipient, kept until it is delivered."""

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, max_length=200)
    recipient_id: int | None = Field(default=None, foreign_key="person.id")
    recipient_name: str
    address: str
    subject: str
    body: str = Field(sa_type=sa.Text)
    status: NotificationStatus = Field(sa_type=text_enum(NotificationStatus), index=True)
    attempts: int = 0
    last_error: str | None = None
    queued_at: datetime = Field(sa_type=UTCDateTime)
    claimed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class AuditEvent(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_type=UTCDateTime, index=True)
    actor: str
    event: str
    subject: str
    details: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)
