"""A report as the registry holds it: its content, its state, the approvals given to each version,
and the copies sent. The version is a fingerprint of the content, so an approval names exactly
what was approved."""

import hashlib
import json
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict

from governance.dates import FinancialYear
from governance.lifecycles import ReportState
from governance.reports.content import Content, parse_content
from governance.vocabulary import ReportKind, Role


class Recipient(StrEnum):
    COUNCIL_CHIEF_EXECUTIVE = "the council's chief executive"
    COUNCIL_LEADER = "the leader of the council"
    LOCAL_POLICING_BODY = "the local policing body"
    LOCAL_HEALTHWATCH = "Local Healthwatch"
    HEALTH_AND_WELLBEING_BOARD_CHAIR = "the chair of the Health and Wellbeing Board"
    NATIONAL_PANEL = "the Child Safeguarding Practice Review Panel"
    WHAT_WORKS = "the What Works body (Foundations)"


RECIPIENTS: dict[ReportKind, tuple[Recipient, ...]] = {
    ReportKind.SAB_ANNUAL_REPORT: (
        Recipient.COUNCIL_CHIEF_EXECUTIVE,
        Recipient.COUNCIL_LEADER,
        Recipient.LOCAL_POLICING_BODY,
        Recipient.LOCAL_HEALTHWATCH,
        Recipient.HEALTH_AND_WELLBEING_BOARD_CHAIR,
    ),
    ReportKind.CHILDRENS_YEARLY_REPORT: (Recipient.NATIONAL_PANEL, Recipient.WHAT_WORKS),
}
"""Who must receive each kind once published: Care Act 2014 Sch 2 para 4(2); Working Together 2023."""

RECIPIENT_ROLES: dict[Recipient, Role] = {
    Recipient.COUNCIL_CHIEF_EXECUTIVE: Role.COUNCIL_CHIEF_EXECUTIVE,
    Recipient.COUNCIL_LEADER: Role.COUNCIL_LEADER,
    Recipient.LOCAL_POLICING_BODY: Role.LOCAL_POLICING_BODY,
    Recipient.LOCAL_HEALTHWATCH: Role.HEALTHWATCH,
    Recipient.HEALTH_AND_WELLBEING_BOARD_CHAIR: Role.HEALTH_AND_WELLBEING_BOARD_CHAIR,
}
"""The role a person on record holds to be the addressee for a recipient."""


class Approval(BaseModel):
    model_config = ConfigDict(frozen=True)

    person_key: str
    person_name: str
    role: Role
    agency_key: str | None = None
    version: str
    at: datetime


class Dispatch(BaseModel):
    model_config = ConfigDict(frozen=True)

    recipient: Recipient
    sent_on: date
    sent_to: str
    """Who it was addressed to, as sent: a name and address, or a person's name."""


class ReportOnRecord(BaseModel):
    model_config = ConfigDict(frozen=True)

    key: str
    kind: ReportKind
    board_key: str
    period: str
    """The financial year covered (``2025/26``), or for a committee report the meeting date."""
    title: str
    meeting_on: date | None = None
    state: ReportState = ReportState.DRAFT
    content: dict[str, Any] = {}
    approvals: tuple[Approval, ...] = ()
    dispatches: tuple[Dispatch, ...] = ()
    published_on: date | None = None
    drafted_as: str = ""
    """The version people read: the fingerprint of the document drafted from this report and the
    registry (``governance.documents.drafting.stamped``), set by the use case that read it. Empty
    until then, or for a report approved before documents were drafted: the text's own version."""

    @property
    def version(self) -> str:
        """What an approver approves and an editor edits from: the drafted document's fingerprint."""
        return self.drafted_as or self.text_version

    @property
    def text_version(self) -> str:
        """A fingerprint of the text people wrote: a change in it makes a new version."""
        what = {
            "title": self.title,
            "period": self.period,
            "meeting_on": str(self.meeting_on),
            "content": self.content,
        }
        return hashlib.sha256(json.dumps(what, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]

    def typed(self) -> Content:
        return parse_content(self.kind, self.content)

    @property
    def financial_year(self) -> FinancialYear | None:
        try:
            return FinancialYear.from_label(self.period)
        except ValueError:
            return None

    def current_approvals(self) -> list[Approval]:
        """Approvals given to this version; those given to an earlier one are withdrawn. An approval
        recorded for the text (by the partnership file, or before documents) counts while the text
        is unchanged."""
        return [a for a in self.approvals if a.version in (self.version, self.text_version)]

    def outstanding_recipients(self) -> list[Recipient]:
        sent = {d.recipient for d in self.dispatches}
        return [r for r in RECIPIENTS.get(self.kind, ()) if r not in sent]
