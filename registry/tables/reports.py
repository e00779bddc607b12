"""Reports, the approvals given to each version, and the copies sent to statutory recipients.

What a partnership owns carries its ``partnership_id`` (directly, or through the row it belongs to),
and its keys are unique within it. No ``from __future__ import annotations``: SQLModel needs the real types.
"""

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from governance.lifecycles import ReportState
from governance.reports.model import Recipient
from governance.vocabulary import ReportKind, Role
from registry.types import UTCDateTime, text_enum


class Report(SQLModel, table=True):
    """A report and its current content; ``version`` fingerprints the content an approval names."""

    __table_args__ = (sa.UniqueConstraint("partnership_id", "key", name="uq_report_partnership_key"),)

    id: int | None = Field(default=None, primary_key=True)
    partnership_id: int = Field(foreign_key="partnership.id", index=True)
    key: str = Field(max_length=80)
    kind: ReportKind = Field(sa_type=text_enum(ReportKind))
    board_id: int = Field(foreign_key="board.id", index=True)
    period: str = Field(max_length=20)
    title: str
    meeting_on: date | None = None
    state: ReportState = Field(ReportState.DRAFT, sa_type=text_enum(ReportState))
    content: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)
    version: str = Field(max_length=64)
    published_on: date | None = None


class ReportApproval(SQLModel, table=True):
    """An approval given to one version of a report; a later version does not carry it."""

    __table_args__ = (sa.UniqueConstraint("report_id", "person_id", "role", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    report_id: int = Field(foreign_key="report.id", index=True)
    person_id: int = Field(foreign_key="person.id")
    role: Role = Field(sa_type=text_enum(Role))
    agency_id: int | None = Field(default=None, foreign_key="agency.id")
    version: str = Field(max_length=64)
    at: datetime = Field(sa_type=UTCDateTime)


class ReportDispatch(SQLModel, table=True):
    __table_args__ = (sa.UniqueConstraint("report_id", "recipient"),)

    id: int | None = Field(default=None, primary_key=True)
    report_id: int = Field(foreign_key="report.id", index=True)
    recipient: Recipient = Field(sa_type=text_enum(Recipient))
    sent_to: str
    sent_on: date
