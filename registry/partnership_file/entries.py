"""The entries of a partnership file, one model each, validated field by field with pydantic.

Unknown fields are refused, dates must exist, and each entry checks what it can on its own (an
enquiry is not answered before it is received); ``partnership_file`` checks what crosses entries.
"""

from datetime import date
from typing import Any, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from governance.lifecycles import ReportState
from governance.partnership.model import FindingDecision, ReviewKind
from governance.partnership.people import BUSINESS_UNIT_ROLES, NotifyBy
from governance.partnership.statistics import StatisticDefinition, StatisticValue
from governance.permissions import SUB_GROUP_LEADERS
from governance.reports.content import parse_content
from governance.reports.model import RECIPIENTS, Recipient
from governance.rules import A_TEXT_IS_PLAIN_AND_OF_READABLE_LENGTH
from governance.values import is_readable_text
from governance.vocabulary import AgencyKind, BoardKind, ReportKind, Role

KEY = r"^[a-z0-9][a-z0-9-]{0,79}$"
REFERENCE = r"^[A-Za-z0-9][A-Za-z0-9/._-]{0,79}$"
EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
TAG = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,199}$"


class Entry(BaseModel):
    """Every text in a file is plain text of a readable length (as on the command line), and a name
    is never empty."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    @field_validator("*", mode="after")
    @classmethod
    def _plain_text(cls, value: Any, info: ValidationInfo) -> Any:
        if isinstance(value, str):
            if not is_readable_text(value):
                raise ValueError(A_TEXT_IS_PLAIN_AND_OF_READABLE_LENGTH.message)
            if info.field_name == "name" and not value.strip():
                raise ValueError("a name is needed")
        return value


def _in_order(entry: Any, *fields: str) -> None:
    """The named dates, where given, do not go backwards."""
    given = [(name, getattr(entry, name)) for name in fields if getattr(entry, name) is not None]
    for (first, a), (then, b) in zip(given, given[1:], strict=False):
        if b < a:
            raise ValueError(f"{then} ({b}) is before {first} ({a})")


class MeetingEntry(Entry):
    held_on: date
    title: str = ""
    public: bool = False


class BoardEntry(Entry):
    key: str = Field(pattern=KEY)
    name: str
    short_name: str = Field(max_length=40)
    kind: BoardKind
    updates_since: date | None = Field(None, description="area committees: when the last update was received")
    meetings: list[MeetingEntry] = []


class AgencyEntry(Entry):
    key: str = Field(pattern=KEY)
    name: str
    kind: AgencyKind = AgencyKind.ORGANISATION
    statutory_partner: bool = False
    section_11: bool = False
    mailbox: str | None = Field(
        None, pattern=EMAIL, max_length=320, description="the agency's shared mailbox"
    )


class ProtocolReviewEntry(Entry):
    document: str = Field(min_length=1)
    last_reviewed_on: date
    every_months: int = Field(12, ge=1, le=60)


class SubGroupEntry(Entry):
    key: str = Field(pattern=KEY)
    name: str
    purpose: str = ""
    reports_to: list[str] = Field(min_length=1, description="keys of the boards it reports to")
    protocol_reviews: list[ProtocolReviewEntry] = []


class RoleEntry(Entry):
    """A role held on a board or sub-group names it; a role of the whole partnership names neither."""

    role: Role
    board: str | None = None
    sub_group: str | None = None

    @model_validator(mode="after")
    def _held_where_the_role_is_held(self) -> Self:
        role = _a(self.role.value)
        if self.board and self.sub_group:
            raise ValueError("a role is held on a board or on a sub-group, not both")
        if self.role.is_held_on_a_body and not (self.board or self.sub_group):
            raise ValueError(f"{role} is held on a board or sub-group; say which (board: or sub_group:)")
        if self.role in SUB_GROUP_LEADERS and self.board:
            raise ValueError(f"{role} is held on a sub-group, not a board (sub_group: instead of board:)")
        if self.role in BUSINESS_UNIT_ROLES and (self.board or self.sub_group):
            raise ValueError(f"{role} belongs to the whole partnership: name no board or sub-group")
        return self


def _a(noun: str) -> str:
    return ("an " if noun[0] in "aeiou" else "a ") + noun


class PersonEntry(Entry):
    key: str = Field(pattern=KEY)
    name: str
    email: str = Field(pattern=EMAIL)
    job_title: str = ""
    agency: str | None = None
    roles: list[RoleEntry] = []
    notify_by: NotifyBy = NotifyBy.IMMEDIATE
    channel: str | None = Field(
        None,
        pattern=TAG,
        description="an Apprise tag to reach them by instead of e-mail (its secrets stay out)",
    )


class ActionEntry(Entry):
    reference: str = Field(min_length=1, max_length=80)
    text: str
    owner: str
    due_on: date
    completed_on: date | None = None


class RecommendationEntry(Entry):
    number: int = Field(ge=1, le=999)
    text: str
    actions: list[ActionEntry] = Field(min_length=1)


class PlanEntry(Entry):
    key: str = Field(pattern=KEY)
    title: str
    source: str = ""
    board: str
    lead_sub_group: str | None = None
    starts_on: date
    completion_target: date | None = None
    exempt_paragraph: int | None = Field(
        None, ge=1, le=7, description="Local Government Act 1972 Sch 12A paragraph"
    )
    extension_approvers: list[Role] = Field(
        [Role.INDEPENDENT_CHAIR],
        min_length=1,
        description="roles on the plan's board that must each approve an extension",
    )
    impact_review_on: date | None = Field(
        None, description="when a later review checks the evidence of outcome and impact"
    )
    recommendations: list[RecommendationEntry] = Field(min_length=1)


class ResolutionEntry(Entry):
    key: str = Field(pattern=KEY)
    board: str
    resolved_on: date
    number: int = Field(ge=1, le=99)
    text: str = Field(min_length=1)
    action_owner: str = Field(description="the person named after ACTION:")
    further_report_months: int | None = Field(
        None, ge=1, le=60, description="a further report is asked for in this many months"
    )


class EnquiryEntry(Entry):
    reference: str = Field(pattern=REFERENCE)
    board: str
    received_on: date
    subject: str = Field(min_length=1)
    owner: str
    answered_on: date | None = None

    @model_validator(mode="after")
    def _answered_after_received(self) -> Self:
        _in_order(self, "received_on", "answered_on")
        return self


class FindingEntry(Entry):
    number: int = Field(ge=1, le=999)
    text: str = Field(min_length=1)
    decision: FindingDecision = FindingDecision.ACCEPTED
    decided_on: date | None = None
    reason: str = ""

    @model_validator(mode="after")
    def _decisions_are_dated(self) -> Self:
        if self.decision is not FindingDecision.ACCEPTED and self.decided_on is None:
            raise ValueError(f"a finding {self.decision.value} needs the date of that decision (decided_on)")
        return self


class CaseReviewEntry(Entry):
    """By reference, status and dates only: there is no field for anyone's personal details."""

    reference: str = Field(pattern=REFERENCE)
    kind: ReviewKind
    board: str
    title: str = ""
    mandatory: bool | None = None
    became_aware_on: date | None = None
    notified_on: date | None = None
    rapid_review_on: date | None = None
    initiated_on: date | None = None
    concluded_on: date | None = None
    published_on: date | None = None
    findings: list[FindingEntry] = []

    @model_validator(mode="after")
    def _dates_in_order(self) -> Self:
        _in_order(self, "became_aware_on", "notified_on", "rapid_review_on")
        _in_order(self, "initiated_on", "concluded_on", "published_on")
        return self


class DispatchEntry(Entry):
    recipient: Recipient
    sent_to: str = Field(min_length=1)
    sent_on: date


class ReportEntry(Entry):
    """A report draft; a report of an earlier year may be recorded as published, with the copies sent."""

    key: str = Field(pattern=KEY)
    kind: ReportKind
    board: str
    period: str = Field(
        max_length=20,
        description="the financial year covered, e.g. 2025/26; for a committee report the meeting date",
    )
    title: str = Field(min_length=1)
    meeting_on: date | None = None
    content: dict[str, Any] = {}
    published_on: date | None = None
    approved_by: list[str] = Field(
        [],
        description="a published report: the keys of the people whose approvals it had, one per requirement",
    )
    approved_on: date | None = Field(
        None, description="when it was approved; the publication date if not given"
    )
    sent: list[DispatchEntry] = []

    @model_validator(mode="after")
    def _content_fits_the_kind(self) -> Self:
        _in_order(self, "approved_on", "published_on")
        try:
            parse_content(self.kind, self.content)
        except ValidationError as error:
            problems = "; ".join(
                f"content › {' › '.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors()
            )
            raise ValueError(f"not the content of a {self.kind.value}: {problems}") from None
        allowed = RECIPIENTS.get(self.kind, ())
        if any(d.recipient not in allowed for d in self.sent):
            raise ValueError(
                f"a {self.kind.value} is sent only to: {', '.join(r.value for r in allowed) or 'nobody'}"
            )
        if self.sent and self.published_on is None:
            raise ValueError("a report is sent only after it is published (published_on)")
        return self

    @property
    def state(self) -> ReportState:
        if self.published_on is None:
            return ReportState.DRAFT
        sent = {d.recipient for d in self.sent}
        complete = self.kind in RECIPIENTS and all(r in sent for r in RECIPIENTS[self.kind])
        return ReportState.DISTRIBUTED if complete else ReportState.PUBLISHED


class StatisticValueEntry(StatisticValue):
    """As the registry keeps it: a period of at most 40 characters, and a finite value."""

    period: str = Field(max_length=40)
    value: float = Field(allow_inf_nan=False)


class StatisticEntry(StatisticDefinition):
    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str = Field(pattern=KEY)
    values: list[StatisticValueEntry] = []
