"""The registry's tables, one family per thing the partnership talks about.

No ``from __future__ import annotations`` here: SQLModel needs the real types.
"""

from datetime import date, datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from governance.deadlines.model import DeadlineState, Duty
from governance.lifecycles import ExtensionState, ReportState
from governance.partnership.model import FindingDecision, ReviewKind
from governance.partnership.statistics import Measure, Unit
from governance.reports.model import Recipient
from governance.vocabulary import AgencyKind, BoardKind, ReportKind, Role
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
    policy: dict[str, Any] = Field(
        default_factory=dict, sa_type=sa.JSON, description="overrides of governance.policy.GovernancePolicy"
    )


class Board(SQLModel, table=True):
    """A statutory board, partnership or council committee that holds meetings and receives reports."""

    id: int | None = Field(default=None, primary_key=True)
    partnership_id: int = Field(foreign_key="partnership.id", index=True)
    key: str = Field(unique=True, max_length=80)
    name: str
    short_name: str = Field(max_length=40)
    kind: BoardKind = Field(sa_type=text_enum(BoardKind))
    updates_since: date | None = None


class Agency(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    partnership_id: int = Field(foreign_key="partnership.id", index=True)
    key: str = Field(unique=True, max_length=80)
    name: str
    kind: AgencyKind = Field(AgencyKind.ORGANISATION, sa_type=text_enum(AgencyKind))
    statutory_partner: bool = False
    section_11: bool = False


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
    public: bool = False


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
    exempt_paragraph: int | None = Field(
        default=None, description="Local Government Act 1972 Sch 12A paragraph"
    )
    extension_approvers: list[str] = Field(
        default_factory=lambda: [Role.INDEPENDENT_CHAIR.value], sa_type=sa.JSON
    )
    impact_review_on: date | None = None


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
    original_due_on: date | None = Field(
        default=None, description="the first due date, kept when an extension moves due_on"
    )
    extensions: int = 0
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
    original_due_on: date
    extensions: int = 0
    opens_on: date | None = None
    title: str = ""
    owner_id: int = Field(foreign_key="person.id", index=True)
    board_id: int = Field(foreign_key="board.id", index=True)
    sub_group_id: int | None = Field(default=None, foreign_key="subgroup.id")
    state: DeadlineState = Field(sa_type=text_enum(DeadlineState), index=True)
    recorded_on: date
    submitted_on: date | None = None
    decided_on: date | None = None
    closed_on: date | None = None
    note: str = ""


class EscalationStepTaken(SQLModel, table=True):
    """A rung of the escalation ladder taken (sent or skipped) for a deadline's due date, once."""

    __table_args__ = (sa.UniqueConstraint("deadline_id", "step", "for_due_on"),)

    id: int | None = Field(default=None, primary_key=True)
    deadline_id: int = Field(foreign_key="deadline.id", index=True)
    step: str = Field(max_length=40)
    for_due_on: date
    taken_on: date
    skipped: bool = False
    notification_key: str | None = Field(default=None, max_length=200)


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
    not_before: datetime | None = Field(default=None, sa_type=UTCDateTime)
    claimed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class AuditEvent(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_type=UTCDateTime, index=True)
    actor: str
    event: str
    subject: str
    details: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)


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

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, max_length=80)
    board_id: int = Field(foreign_key="board.id", index=True)
    resolved_on: date
    number: int
    text: str
    action_owner_id: int = Field(foreign_key="person.id")
    further_report_months: int | None = None


class Enquiry(SQLModel, table=True):
    """A councillor's enquiry about governance (never about a person), answered within seven days."""

    id: int | None = Field(default=None, primary_key=True)
    reference: str = Field(unique=True, max_length=80)
    board_id: int = Field(foreign_key="board.id", index=True)
    received_on: date
    subject: str
    owner_id: int = Field(foreign_key="person.id")
    answered_on: date | None = None


class CaseReview(SQLModel, table=True):
    """The reviews register: reference, kind, status dates. No field for personal details, by design."""

    id: int | None = Field(default=None, primary_key=True)
    reference: str = Field(unique=True, max_length=80)
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


class Report(SQLModel, table=True):
    """A report and its current content; ``version`` fingerprints the content an approval names."""

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, max_length=80)
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


class ExtensionRequest(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    deadline_id: int = Field(foreign_key="deadline.id", index=True)
    requested_by_id: int = Field(foreign_key="person.id")
    requested_on: date
    reason: str = Field(sa_type=sa.Text)
    evidence: str = Field(sa_type=sa.Text)
    current_due_on: date
    proposed_due_on: date
    required: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    state: ExtensionState = Field(ExtensionState.REQUESTED, sa_type=text_enum(ExtensionState), index=True)


class ExtensionDecisionMade(SQLModel, table=True):
    __table_args__ = (sa.UniqueConstraint("request_id", "role"),)

    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="extensionrequest.id", index=True)
    person_id: int = Field(foreign_key="person.id")
    role: Role = Field(sa_type=text_enum(Role))
    approve: bool
    note: str = ""
    decided_on: date


class Statistic(SQLModel, table=True):
    """An aggregate figure's definition: what it counts, its unit, and whether it is cumulative."""

    id: int | None = Field(default=None, primary_key=True)
    partnership_id: int = Field(foreign_key="partnership.id", index=True)
    key: str = Field(unique=True, max_length=80)
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
