"""A partnership as the rules see it: the registry's facts as plain values, loaded once per run.

The obligations read this to produce deadlines; nothing here changes anything.
"""

from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from functools import cached_property

from pydantic import BaseModel, ConfigDict

from governance.action_plans.model import ActionOnRecord
from governance.lifecycles import ReportState
from governance.partnership.lookups import Lookups
from governance.partnership.people import PersonOnRecord
from governance.partnership.statistics import StatisticOnRecord
from governance.policy import GovernancePolicy
from governance.reports.model import Recipient
from governance.vocabulary import AgencyKind, BoardKind, Rag, ReportKind, Role, UpdateStatus


class Value(BaseModel):
    model_config = ConfigDict(frozen=True)


class MeetingOnRecord(Value):
    held_on: date
    title: str = ""
    public: bool = False
    """Held in public (a CSP must hold at least one public meeting a year)."""


class BoardOnRecord(Value):
    key: str
    name: str
    short_name: str
    kind: BoardKind
    meetings: tuple[MeetingOnRecord, ...] = ()
    updates_since: date | None = None
    """For an area committee: when it last received the partnership's update (6-monthly from here)."""


class AgencyOnRecord(Value):
    key: str
    name: str
    kind: AgencyKind = AgencyKind.ORGANISATION
    statutory_partner: bool = False
    section_11: bool = False
    """Takes part in the Section 11 audit (Children Act 2004 s11 applies to it)."""
    mailbox: str | None = None
    """The agency's shared mailbox: requests to the agency as a whole (its annual-report part) go there."""


class StatutoryAddressee(Value):
    """Who a statutory recipient of a published report is, by name, and the address it is sent to."""

    name: str
    address: str


class ProtocolReviewOnRecord(Value):
    document: str
    last_reviewed_on: date
    every_months: int = 12


class SubGroupOnRecord(Value):
    key: str
    name: str
    reports_to: tuple[str, ...]
    protocol_reviews: tuple[ProtocolReviewOnRecord, ...] = ()


class RecommendationOnRecord(Value):
    number: int
    text: str
    action_references: tuple[str, ...] = ()


class ActionUpdateOnRecord(Value):
    """An owner's monthly update on an action, with the names of the evidence files uploaded with it."""

    reference: str
    period: str
    """The month it is for: ``2026-01``."""
    progress: str
    status: UpdateStatus | None = None
    rag: Rag | None = None
    """The owner's own rating; ``None`` where the update gave none (it is then worked out from the dates)."""
    submitted_on: date
    submitted_by: str
    """The name of who submitted it (the owner, or the business unit on their behalf)."""
    evidence: tuple[str, ...] = ()


class PlanOnRecord(Value):
    key: str
    title: str
    board_key: str
    lead_sub_group_key: str | None = None
    impact_review_on: date | None = None
    """When the plan's actions are reviewed for evidence of outcome and impact, and embedding in practice."""
    exempt_paragraph: int | None = None
    """Local Government Act 1972 Sch 12A paragraph under which the plan is not for publication."""
    recommendations: tuple[RecommendationOnRecord, ...] = ()


class ResolutionOnRecord(Value):
    """A committee's resolution, with its ``ACTION:`` owner; some ask for a further report."""

    key: str
    board_key: str
    resolved_on: date
    number: int
    text: str
    action_owner_key: str
    further_report_months: int | None = None


class EnquiryOnRecord(Value):
    """A councillor's enquiry to the partnership (about governance, never about a person)."""

    reference: str
    board_key: str
    received_on: date
    subject: str
    owner_key: str
    answered_on: date | None = None


class ReviewKind(StrEnum):
    SERIOUS_INCIDENT = "serious child safeguarding incident"
    """Notified to the national Panel, then a rapid review; may lead to a practice review."""
    CHILD_SAFEGUARDING_PRACTICE_REVIEW = "local child safeguarding practice review"
    SAFEGUARDING_ADULTS_REVIEW = "safeguarding adults review"
    THEMATIC_REVIEW = "thematic review"


class FindingDecision(StrEnum):
    ACCEPTED = "accepted"
    IMPLEMENTED = "implemented"
    NOT_IMPLEMENTED = "not implemented"
    """The board decided not to implement it; the annual report must give the reasons."""


class ReviewFinding(Value):
    number: int
    text: str
    decision: FindingDecision = FindingDecision.ACCEPTED
    decided_on: date | None = None
    reason: str = ""


class CaseReviewOnRecord(Value):
    """An entry of the reviews register: a reference, status and dates — never personal details."""

    reference: str
    kind: ReviewKind
    board_key: str
    title: str = ""
    mandatory: bool | None = None
    """For a SAR: arranged under Care Act s44(1)–(3) (must) rather than s44(4) (may)."""
    became_aware_on: date | None = None
    notified_on: date | None = None
    rapid_review_on: date | None = None
    initiated_on: date | None = None
    concluded_on: date | None = None
    published_on: date | None = None
    findings: tuple[ReviewFinding, ...] = ()

    def concluded_in(self, start: date, end: date) -> bool:
        return self.concluded_on is not None and start <= self.concluded_on <= end

    def ongoing_on(self, day: date) -> bool:
        """Initiated on or before ``day`` and not concluded by then."""
        started = self.initiated_on is not None and self.initiated_on <= day
        return started and (self.concluded_on is None or self.concluded_on > day)


class ReportSummary(Value):
    """What the obligations need to know of a report: which, for what, and when it was published."""

    key: str
    kind: ReportKind
    state: ReportState = ReportState.DRAFT
    board_key: str
    period: str
    title: str = ""
    meeting_on: date | None = None
    published_on: date | None = None


class PartnershipOnRecord(Value):
    key: str
    name: str
    policy: GovernancePolicy = GovernancePolicy()
    boards: tuple[BoardOnRecord, ...] = ()
    agencies: tuple[AgencyOnRecord, ...] = ()
    sub_groups: tuple[SubGroupOnRecord, ...] = ()
    people: tuple[PersonOnRecord, ...] = ()
    plans: tuple[PlanOnRecord, ...] = ()
    actions: tuple[ActionOnRecord, ...] = ()
    resolutions: tuple[ResolutionOnRecord, ...] = ()
    enquiries: tuple[EnquiryOnRecord, ...] = ()
    case_reviews: tuple[CaseReviewOnRecord, ...] = ()
    reports: tuple[ReportSummary, ...] = ()
    statistics: tuple[StatisticOnRecord, ...] = ()
    statutory_recipients: dict[Recipient, StatutoryAddressee] = {}
    """Where each statutory recipient's copy of a published report goes (``governance.reports.model.RECIPIENTS``)."""

    def statistic(self, key: str) -> StatisticOnRecord | None:
        return next((s for s in self.statistics if s.key == key), None)

    def plan(self, key: str) -> PlanOnRecord | None:
        return next((plan for plan in self.plans if plan.key == key), None)

    def board(self, key: str) -> BoardOnRecord:
        return next(b for b in self.boards if b.key == key)

    def boards_of_kind(self, *kinds: BoardKind) -> list[BoardOnRecord]:
        return [b for b in self.boards if b.kind in kinds]

    def sub_group(self, key: str) -> SubGroupOnRecord:
        return next(s for s in self.sub_groups if s.key == key)

    @cached_property
    def _built_lookups(self) -> Lookups:
        return Lookups(self.people)

    @property
    def _lookups(self) -> Lookups:
        """Built once; built again if this is a copy with other people (``model_copy(update=…)``)."""
        if self._built_lookups.people is not self.people:
            del self.__dict__["_built_lookups"]
        return self._built_lookups

    def person(self, key: str) -> PersonOnRecord:
        found = self._lookups.by_key.get(key)
        if found is None:
            raise StopIteration(f"nobody with key {key!r} in {self.name}")
        return found

    def holders(self, role: Role, body_key: str | None = None) -> list[PersonOnRecord]:
        """People holding ``role`` (on ``body_key`` when given), in key order."""
        return self._lookups.holders(role, body_key)

    def business_manager(self) -> PersonOnRecord:
        """The business manager; else a deputy, else an administrator (the first of each by key)."""
        found = self._lookups.business_manager
        if found is None:
            raise LookupError(
                f"{self.name} has nobody in the business unit on record: deadlines need an owner"
            )
        return found

    def member_agencies(self, board_key: str) -> list[AgencyOnRecord]:
        """The agencies that are members of a board: those whose people sit on it as members or representatives."""
        keys = {
            p.agency_key
            for p in self.people
            if p.agency_key
            and any(
                h.body_key == board_key and h.role in (Role.MEMBER, Role.AGENCY_REPRESENTATIVE)
                for h in p.roles
            )
        }
        return [a for a in self.agencies if a.key in keys]

    def reports_of(self, kind: ReportKind, board_key: str) -> list[ReportSummary]:
        return [r for r in self.reports if r.kind is kind and r.board_key == board_key]

    def agency_contact(self, agency_key: str, *roles: Role) -> PersonOnRecord:
        """The first person of the agency holding one of ``roles``; else the business manager."""
        by_role_in = self._lookups.by_role_in
        for role in roles:
            if (found := by_role_in.get((role, agency_key))) is not None:
                return found
        return self.business_manager()

    def first_holder(self, candidates: Iterable[tuple[Role, str | None]]) -> PersonOnRecord:
        """The first person holding one of the candidate roles, in order; else the business manager."""
        for role, body in candidates:
            if found := self.holders(role, body):
                return found[0]
        return self.business_manager()
