"""Use cases on reports: edit, send for review, approve, publish, record a copy sent, read.

Each is one transaction; who may act is decided here, so a script gets the page's refusals.
"""

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

from governance.lifecycles import ReportState
from governance.partnership.model import PartnershipOnRecord
from governance.partnership.use_cases import person_on_record
from governance.permissions import PermissionRefused, check_may_manage_reports, may_see_exempt
from governance.ports import GovernanceUnitOfWork
from governance.reports import workflow
from governance.reports.approvals import Requirement, approvals_required, outstanding_approvals
from governance.reports.catalogue import run_checks
from governance.reports.checks import Finding
from governance.reports.content import CommitteeReportContent, narrative_sections, with_section
from governance.reports.model import Recipient, ReportOnRecord
from governance.rules import (
    A_SECTION_IS_ONE_THE_REPORT_HAS,
    A_TEXT_IS_PLAIN_AND_OF_READABLE_LENGTH,
    AN_EDIT_IS_BASED_ON_THE_CURRENT_TEXT,
    ONLY_APPROVERS_OR_BUSINESS_UNIT_RETURN_REPORTS,
    ONLY_NAMED_APPROVERS_APPROVE_REPORTS,
    ConcurrentChange,
    RuleBroken,
    UnknownRecord,
    refuse_unless,
)
from governance.values import is_readable_text
from governance.vocabulary import ReportKind

WITHHELD = "[Exempt: not shown. Local Government Act 1972 Sch 12A paragraph {paragraph}]"


class ReportStatus(BaseModel):
    """Where a report stands: what an approver must know, without its text (``read_report`` gives that)."""

    model_config = ConfigDict(frozen=True)

    key: str
    title: str
    kind: ReportKind
    state: ReportState
    version: str
    findings: list[Finding]
    outstanding_approvals: list[Requirement]
    outstanding_recipients: list[Recipient]


def _report(uow: GovernanceUnitOfWork, key: str) -> ReportOnRecord:
    report = uow.reports.find(key)
    if report is None:
        raise UnknownRecord(f"No report with key {key!r}")
    return report


def _status(report: ReportOnRecord, p: PartnershipOnRecord) -> ReportStatus:
    return ReportStatus(
        key=report.key,
        title=report.title,
        kind=report.kind,
        state=report.state,
        version=report.version,
        findings=run_checks(report, p),
        outstanding_approvals=outstanding_approvals(report, p),
        outstanding_recipients=report.outstanding_recipients() if report.published_on else [],
    )


def check_report(key: str, *, uow: GovernanceUnitOfWork) -> ReportStatus:
    """The statutory checks' findings on a stored report, and the approvals it still needs."""
    with uow:
        return _status(_report(uow, key), uow.partnership.snapshot())


def _change(
    uow: GovernanceUnitOfWork,
    key: str,
    by: str,
    now: datetime,
    event: str,
    move: Any,
    details: dict[str, Any] | Callable[[ReportOnRecord], dict[str, Any]] | None = None,
) -> ReportStatus:
    """Hold the report, make the move, save it and audit it; ``details`` may be worked out from the
    report as it was before the move."""
    with uow:
        report = uow.reports.hold(key)  # one change at a time: the next one sees this one
        if report is None:
            raise UnknownRecord(f"No report with key {key!r}")
        person = person_on_record(uow, by)
        partnership = uow.partnership.snapshot()
        changed = move(report, person, partnership)
        extra = details(report) if callable(details) else (details or {})
        uow.reports.save(changed)
        uow.audit.record(
            at=now,
            actor=person.key,
            role=_role_of(changed, person.key),
            event=event,
            subject=key,
            details={
                "before": {"state": report.state.value, "version": report.version},
                "after": {"state": changed.state.value, "version": changed.version},
                "state": changed.state.value,
                "version": changed.version,
                **extra,
            },
        )
        uow.commit()
    return _status(changed, partnership)


def _role_of(report: ReportOnRecord, person_key: str) -> str:
    """The role the person acted in, where the report records one (an approver's)."""
    return next((a.role.value for a in reversed(report.approvals) if a.person_key == person_key), "")


def edit_report(
    key: str,
    *,
    edited_by: str,
    based_on: str,
    title: str,
    content: dict[str, Any],
    uow: GovernanceUnitOfWork,
    now: datetime,
) -> ReportStatus:
    """New text sends the report back to draft and withdraws the approvals of the old version.

    ``based_on`` is the version the editor opened: if someone changed the report since, the edit
    is refused and nothing is overwritten (optimistic locking on the content's fingerprint)."""

    def move(report: ReportOnRecord, person: Any, _: PartnershipOnRecord) -> ReportOnRecord:
        check_may_manage_reports(person)
        _refuse_unless_unchanged_since(report, based_on)
        return workflow.edit(report, title=title, content=content)

    return _change(uow, key, edited_by, now, "report edited", move)


def edit_report_section(
    key: str,
    *,
    section: str,
    text: str,
    edited_by: str,
    based_on: str,
    uow: GovernanceUnitOfWork,
    now: datetime,
) -> ReportStatus:
    """Write one section (``narrative_sections``), as ``edit_report`` does the whole text: based on
    the version opened, back to draft, the approvals of the old version withdrawn. An empty text
    removes a keyed entry (``member_contributions/KEY``)."""
    text = text.strip()
    refuse_unless(is_readable_text(text), A_TEXT_IS_PLAIN_AND_OF_READABLE_LENGTH)

    def move(report: ReportOnRecord, person: Any, _: PartnershipOnRecord) -> ReportOnRecord:
        check_may_manage_reports(person)
        content = with_section(report.kind, report.content, section, text)
        if content is None:
            sections = ", ".join(narrative_sections(report.kind))
            raise RuleBroken(
                A_SECTION_IS_ONE_THE_REPORT_HAS, f"{section[:80]!r}; a {report.kind.value} has: {sections}"
            )
        _refuse_unless_unchanged_since(report, based_on)
        return workflow.edit(report, title=report.title, content=content)

    def details(report: ReportOnRecord) -> dict[str, Any]:
        return {"section": section, "text before": _section_text(report.content, section), "text after": text}

    return _change(uow, key, edited_by, now, "report section edited", move, details)


def _section_text(content: dict[str, Any], section: str) -> str:
    name, _, entry = section.partition("/")
    value = content.get(name) or ""
    return str(value.get(entry, "") if entry and isinstance(value, dict) else value)


def _refuse_unless_unchanged_since(report: ReportOnRecord, based_on: str) -> None:
    """Optimistic locking: the edit is of the version the editor opened, or nothing is written."""
    if report.version != based_on:
        raise ConcurrentChange(
            AN_EDIT_IS_BASED_ON_THE_CURRENT_TEXT,
            f"you opened {based_on[:12]}, it is now {report.version[:12]}",
        )


def send_for_review(key: str, *, by: str, uow: GovernanceUnitOfWork, now: datetime) -> ReportStatus:
    def move(report: ReportOnRecord, person: Any, p: PartnershipOnRecord) -> ReportOnRecord:
        check_may_manage_reports(person)
        return workflow.send_for_review(report, p)

    return _change(uow, key, by, now, "report sent for review", move)


def approve_report(
    key: str, *, approved_by: str, version: str, uow: GovernanceUnitOfWork, now: datetime
) -> ReportStatus:
    """Approve the version the approver read; refused if it fails a check or has changed since."""

    def move(report: ReportOnRecord, person: Any, p: PartnershipOnRecord) -> ReportOnRecord:
        try:
            return workflow.approve(report, person, version=version, at=now, p=p)
        except RuleBroken as refusal:
            if refusal.rule is ONLY_NAMED_APPROVERS_APPROVE_REPORTS:
                raise PermissionRefused(
                    refusal.rule, str(refusal), actor=person.key, subject=key
                ) from refusal
            raise

    return _change(uow, key, approved_by, now, "report approved", move, {"approved version": version})


def return_report(key: str, *, by: str, note: str, uow: GovernanceUnitOfWork, now: datetime) -> ReportStatus:
    """Send a report in review back to draft, saying what must change (an approver, or the business unit)."""

    def move(report: ReportOnRecord, person: Any, p: PartnershipOnRecord) -> ReportOnRecord:
        approver = any(r.can_be_met_by(person) for r in approvals_required(report, p))
        if not (approver or person.works_in_business_unit):
            raise PermissionRefused(
                ONLY_APPROVERS_OR_BUSINESS_UNIT_RETURN_REPORTS, person.name, actor=person.key, subject=key
            )
        refuse_unless(
            bool(note.strip()), ONLY_APPROVERS_OR_BUSINESS_UNIT_RETURN_REPORTS, "say what must change"
        )
        return workflow.return_to_draft(report)

    return _change(uow, key, by, now, "report returned", move, {"note": note.strip()})


def publish_report(
    key: str, *, by: str, on: date, accessibility_confirmed: bool, uow: GovernanceUnitOfWork, now: datetime
) -> ReportStatus:
    def move(report: ReportOnRecord, person: Any, _: PartnershipOnRecord) -> ReportOnRecord:
        check_may_manage_reports(person)
        return workflow.publish(report, on=on, accessibility_confirmed=accessibility_confirmed)

    return _change(uow, key, by, now, "report published", move, {"published on": on.isoformat()})


def record_dispatch(
    key: str,
    *,
    by: str,
    recipient: Recipient,
    sent_to: str,
    sent_on: date,
    uow: GovernanceUnitOfWork,
    now: datetime,
) -> ReportStatus:
    def move(report: ReportOnRecord, person: Any, _: PartnershipOnRecord) -> ReportOnRecord:
        check_may_manage_reports(person)
        return workflow.record_dispatch(report, recipient=recipient, sent_to=sent_to, sent_on=sent_on)

    return _change(uow, key, by, now, "report sent", move, {"recipient": recipient.value, "sent to": sent_to})


def read_report(key: str, *, reader: str, uow: GovernanceUnitOfWork) -> ReportOnRecord:
    """The report as ``reader`` may see it: exempt appendices withheld from those not entitled."""
    with uow:
        report = _report(uow, key)
        person = person_on_record(uow, reader)
        if not isinstance(report.typed(), CommitteeReportContent) or may_see_exempt(person, report.board_key):
            return report
        content = CommitteeReportContent.model_validate(report.content)
        appendices = [
            a.model_copy(update={"text": WITHHELD.format(paragraph=a.exempt_paragraph)})
            if a.exempt_paragraph
            else a
            for a in content.appendices
        ]
        return report.model_copy(
            update={"content": content.model_copy(update={"appendices": appendices}).model_dump(mode="json")}
        )
