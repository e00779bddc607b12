"""Deadlines: one dated occurrence of a recurring duty, and how it stands on a given day."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from governance.lifecycles import DeadlineState
from governance.policy import GovernancePolicy
from governance.sources import Source
from governance.vocabulary import Cycle

if TYPE_CHECKING:  # the partnership's values refer to deadlines; the rules refer back only in types
    from governance.partnership.model import PartnershipOnRecord

__all__ = [
    "Deadline",
    "DeadlineState",
    "Duty",
    "LiveDeadline",
    "MetBy",
    "Obligation",
    "Standing",
    "standing_on",
]


class Duty(StrEnum):
    """What a deadline asks of its owner. Each duty has one obligation in ``governance.deadlines.obligations``."""

    ACTION_PLAN_UPDATE = "monthly action-plan update"
    ACTION_COMPLETION = "action completion"
    ACTION_PLAN_IMPACT_REVIEW = "action plan impact review"
    SUB_GROUP_REPORT = "sub-group report to board"
    SAB_ANNUAL_REPORT = "SAB annual report"
    SAB_REPORT_DISTRIBUTION = "SAB annual report sent to recipients"
    SAB_STRATEGIC_PLAN = "SAB strategic plan"
    CHILDRENS_YEARLY_REPORT = "children's partnership yearly report"
    YEARLY_REPORT_DISPATCH = "yearly report sent to the Panel and What Works"
    COMMITTEE_RETURN = "committee return"
    AREA_COMMITTEE_UPDATE = "area committee update"
    COMMITTEE_PAPERS = "committee papers published"
    COUNCILLOR_ENQUIRY = "councillor's enquiry answered"
    PROTOCOL_REVIEW = "annual protocol review"
    SERIOUS_INCIDENT_NOTIFICATION = "serious incident notification"
    RAPID_REVIEW = "rapid review"
    LCSPR_PUBLICATION = "child safeguarding practice review published"
    SAR_COMPLETION = "safeguarding adults review completed"
    SECTION_11_AUDIT = "Section 11 audit return"
    SECTION_175_AUDIT = "Section 175/157 audit return"
    CSP_STRATEGIC_ASSESSMENT = "CSP strategic assessment"
    CSP_PARTNERSHIP_PLAN = "CSP partnership plan"
    CSP_PUBLIC_MEETING = "CSP public meeting"

    @property
    def slug(self) -> str:
        """A name to type: ``section-11-audit``."""
        return self.name.lower().replace("_", "-")

    @classmethod
    def from_slug(cls, slug: str) -> "Duty":
        for duty in cls:
            if slug in (duty.slug, duty.value):
                return duty
        raise ValueError(f"no duty {slug!r}; duties: {', '.join(d.slug for d in cls)}")


class Standing(StrEnum):
    """How a deadline looks on a given day; computed from its state, due date and that day."""

    SCHEDULED = "scheduled"
    ON_TRACK = "on track"
    DUE_SOON = "due soon"
    OVERDUE = "overdue"
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    CLOSED = "closed"


class Deadline(BaseModel):
    """A deadline as the engine produces it, before it is recorded in the registry."""

    model_config = ConfigDict(frozen=True)

    duty: Duty
    subject: str
    """What the deadline is about, stable across runs: an action reference such as ``CSE-2021/R07.1``,
    a sub-group and board ``all-age-exploitation/tbp``, a review reference."""
    period: str
    """Which occurrence: ``2026-01`` for a monthly update, ``2025/26`` for a yearly duty, a meeting
    date for a report to that meeting, ``once`` for a one-off deadline."""
    due_on: date
    owner_key: str
    board_key: str
    sub_group_key: str | None = None
    title: str = ""
    """What is asked, in words: "All-Age Exploitation report for the TBP meeting of 20 January 2026"."""
    opens_on: date | None = None
    """The day work on it starts (reminders and the board count from here); ``None``: open at once."""
    state: DeadlineState = DeadlineState.OPEN

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.duty.value, self.subject, self.period)

    def state_on(self, as_of: date) -> DeadlineState:
        """The state to record it in on ``as_of``: scheduled until its window opens."""
        if self.state is DeadlineState.OPEN and self.opens_on is not None and as_of < self.opens_on:
            return DeadlineState.SCHEDULED
        return self.state


def standing_on(state: DeadlineState, due_on: date, as_of: date, *, due_soon_days: int) -> Standing:
    """A deadline due today is due soon, not overdue; it becomes overdue the day after."""
    fixed = {
        DeadlineState.SCHEDULED: Standing.SCHEDULED,
        DeadlineState.SUBMITTED: Standing.SUBMITTED,
        DeadlineState.ACCEPTED: Standing.ACCEPTED,
        DeadlineState.CLOSED: Standing.CLOSED,
    }
    if state in fixed:
        return fixed[state]
    if due_on < as_of:
        return Standing.OVERDUE
    if due_on <= as_of + timedelta(days=due_soon_days):
        return Standing.DUE_SOON
    return Standing.ON_TRACK


class DeadlineOnRecord(Deadline):
    """A recorded deadline: its row, its extensions, and the escalation steps taken for its due date."""

    id: int
    original_due_on: date
    extensions: int = 0
    steps_taken: frozenset[str] = frozenset()
    """Escalation steps already taken (sent or skipped) for the current due date."""


class LiveDeadline(BaseModel):
    """A recorded deadline's key and state, without the rest: what following the facts needs."""

    model_config = ConfigDict(frozen=True)

    id: int
    duty: Duty
    subject: str
    period: str
    state: DeadlineState
    original_due_on: date

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.duty.value, self.subject, self.period)


Producer = Callable[["PartnershipOnRecord", date, date], Iterable["Deadline"]]


class MetBy(StrEnum):
    """How a deadline is met: decides which use cases may submit, accept or return it."""

    RETURN = "a return submitted by its owner"
    UPDATE = "the owner's monthly update on the action"
    RECORD = "what the registry records"


@dataclass(frozen=True, kw_only=True)
class Obligation:
    duty: Duty
    rule: str
    owner: str
    concerns: str
    source: Source
    setting: Callable[[GovernancePolicy], str]
    """The figure in force, in words, read from the partnership's policy."""
    produce: Producer
    extendable: bool = True
    """False where the timescale is set by law or statutory guidance: no local extension."""
    recorded_by: str = Cycle.CALENDAR.value
    """The cycle that records its deadlines (the action-plan cycle records its own, with its requests)."""
    met_by: MetBy = MetBy.RETURN
    record: str = ""
    """For a deadline met by the registry's record: which fact meets it."""
