"""The partnership and what it is made of: boards, agencies, people and their roles, sub-groups, meetings.

What a partnership owns carries its ``partnership_id`` (directly, or through the row it belongs to),
and its keys are unique within it. No ``from __future__ import annotations``: SQLModel needs the real types.
"""

from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from governance.audit.model import GENESIS
from governance.reports.model import Recipient
from governance.vocabulary import AgencyKind, BoardKind, Role
from registry.types import text_enum


class Partnership(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, max_length=80)
    name: str
    area: str
    policy: dict[str, Any] = Field(
        default_factory=dict, sa_type=sa.JSON, description="overrides of governance.policy.GovernancePolicy"
    )
    audit_sequence: int = Field(0, description="the audit chain's head: the last event's sequence number")
    audit_head: str = Field(
        GENESIS, max_length=64, description="the audit chain's head: the last event's hash"
    )


class Board(SQLModel, table=True):
    """A statutory board, partnership or council committee that holds meetings and receives reports."""

    __table_args__ = (sa.UniqueConstraint("partnership_id", "key", name="uq_board_partnership_key"),)

    id: int | None = Field(default=None, primary_key=True)
    partnership_id: int = Field(foreign_key="partnership.id", index=True)
    key: str = Field(max_length=80)
    name: str
    short_name: str = Field(max_length=40)
    kind: BoardKind = Field(sa_type=text_enum(BoardKind))
    updates_since: date | None = None


class Agency(SQLModel, table=True):
    __table_args__ = (sa.UniqueConstraint("partnership_id", "key", name="uq_agency_partnership_key"),)

    id: int | None = Field(default=None, primary_key=True)
    partnership_id: int = Field(foreign_key="partnership.id", index=True)
    key: str = Field(max_length=80)
    name: str
    kind: AgencyKind = Field(AgencyKind.ORGANISATION, sa_type=text_enum(AgencyKind))
    statutory_partner: bool = False
    section_11: bool = False
    mailbox: str | None = Field(default=None, max_length=320)
    """The agency's shared mailbox, which requests to the agency (its annual-report contribution) reach."""


class StatutoryAddressee(SQLModel, table=True):
    """Who a statutory recipient of the partnership's published reports is, and where its copy goes."""

    __table_args__ = (
        sa.UniqueConstraint(
            "partnership_id", "recipient", name="uq_statutoryaddressee_partnership_recipient"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    partnership_id: int = Field(foreign_key="partnership.id", index=True)
    recipient: Recipient = Field(sa_type=text_enum(Recipient))
    name: str
    address: str = Field(max_length=320)


class Person(SQLModel, table=True):
    __table_args__ = (sa.UniqueConstraint("partnership_id", "key", name="uq_person_partnership_key"),)

    id: int | None = Field(default=None, primary_key=True)
    partnership_id: int = Field(foreign_key="partnership.id", index=True)
    key: str = Field(max_length=80)
    name: str
    email: str
    job_title: str = ""
    agency_id: int | None = Field(default=None, foreign_key="agency.id")
    notify_by: str = Field(
        default="immediate", max_length=20, sa_column_kwargs={"server_default": "immediate"}
    )
    """``immediate`` (a message as each thing happens) or ``digest`` (one daily message)."""
    channel: str | None = Field(default=None, max_length=200)
    """An Apprise tag the person is reached by instead of e-mail (the target's secrets stay in the environment)."""


class SubGroup(SQLModel, table=True):
    __table_args__ = (sa.UniqueConstraint("partnership_id", "key", name="uq_subgroup_partnership_key"),)

    id: int | None = Field(default=None, primary_key=True)
    partnership_id: int = Field(foreign_key="partnership.id", index=True)
    key: str = Field(max_length=80)
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
    started_on: date | None = None
    ended_on: date | None = Field(
        default=None, description="ended roles are kept for history and grant nothing"
    )


class Meeting(SQLModel, table=True):
    __table_args__ = (sa.UniqueConstraint("board_id", "held_on"),)

    id: int | None = Field(default=None, primary_key=True)
    board_id: int = Field(foreign_key="board.id", index=True)
    held_on: date
    title: str = ""
    public: bool = False
