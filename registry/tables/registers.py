"""The registers: protocol reviews, committee resolutions, councillors' enquiries, the reviews register, statistics.

What a partnership owns carries its ``partnership_id`` (directly, or through the row it belongs to),
and its keys are unique within it. No ``from __future__ import annotations``: SQLModel needs the real types.
"""

from datetime import date

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from governance.partnership.model import FindingDecision, ReviewKind
from governance.partnership.statistics import Measure, Unit
from registry.types import text_enum


class ProtocolReview(SQLModel, table=True):
    """A protocol a sub-group reviews on a cycle, e.g. the Child Exploitation Protocol, yearly."""

    __table_args__ = (sa.UniqueConstraint("sub_group_id", "document"),)

    id: int | None = Field(default=None, primary_key=True)
    sub_group_id: int = Field(foreign_key="subgroup.id", index=True)
    document: str
    last_reviewed_on: date
    every_months: int = 12


class Resolution(SQLModel, table=True):
    """A committee's resolution with its ACTION owner; "a further report in N months" makes a deadline."""

    __table_args__ = (sa.UniqueConstraint("partnership_id", "key", name="uq_resolution_partnership_key"),)

    id: int | None = Field(default=None, primary_key=True)
    partnership_id: int = Field(foreign_key="partnership.id", index=True)
    key: str = Field(max_length=80)
    board_id: int = Field(foreign_key="board.id", index=True)
    resolved_on: date
    number: int
    text: str
    action_owner_id: int = Field(foreign_key="person.id")
    further_report_months: int | None = None


class Enquiry(SQLModel, table=True):
    """A councillor's enquiry about governance (never about a person), answered within seven days."""

    __table_args__ = (
        sa.UniqueConstraint("partnership_id", "reference", name="uq_enquiry_partnership_reference"),
    )

    id: int | None = Field(default=None, primary_key=True)
    partnership_id: int = Field(foreign_key="partnership.id", index=True)
    reference: str = Field(max_length=80)
    board_id: int = Field(foreign_key="board.id", index=True)
    received_on: date
    subject: str
    owner_id: int = Field(foreign_key="person.id")
    answered_on: date | None = None


class CaseReview(SQLModel, table=True):
    """The reviews register: reference, kind, status dates. No field for personal details, by design."""

    __table_args__ = (
        sa.UniqueConstraint("partnership_id", "reference", name="uq_casereview_partnership_reference"),
    )

    id: int | None = Field(default=None, primary_key=True)
    partnership_id: int = Field(foreign_key="partnership.id", index=True)
    reference: str = Field(max_length=80)
    kind: ReviewKind = Field(sa_type=text_enum(ReviewKind))
    board_id: int = Field(foreign_key="board.id", index=True)
    title: str = ""
    mandatory: bool | None = None
    became_aware_on: date | None = None
    notified_on: date | None = None
    rapid_review_on: date | None = None
    initiated_on: date | None = None
    concluded_on: date | None = None
    published_on: date | None = None


class ReviewFinding(SQLModel, table=True):
    __table_args__ = (sa.UniqueConstraint("case_review_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    case_review_id: int = Field(foreign_key="casereview.id", index=True)
    number: int
    text: str
    decision: FindingDecision = Field(FindingDecision.ACCEPTED, sa_type=text_enum(FindingDecision))
    decided_on: date | None = None
    reason: str = ""


class Statistic(SQLModel, table=True):
    """An aggregate figure's definition: what it counts, its unit, and whether it is cumulative."""

    __table_args__ = (sa.UniqueConstraint("partnership_id", "key", name="uq_statistic_partnership_key"),)

    id: int | None = Field(default=None, primary_key=True)
    partnership_id: int = Field(foreign_key="partnership.id", index=True)
    key: str = Field(max_length=80)
    title: str
    definition: str
    unit: Unit = Field(sa_type=text_enum(Unit))
    measure: Measure = Field(sa_type=text_enum(Measure))
    denominator: str = ""
    source: str = ""


class StatisticValue(SQLModel, table=True):
    __table_args__ = (sa.UniqueConstraint("statistic_id", "period"),)

    id: int | None = Field(default=None, primary_key=True)
    statistic_id: int = Field(foreign_key="statistic.id", index=True)
    period: str = Field(max_length=40)
    starts_on: date
    ends_on: date
    value: float
    note: str = ""
