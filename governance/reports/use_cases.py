"""Use cases on reports: edit, send for review, approve, publish, record a copy sent, read.

Each is one transaction; who may act is decided here, so a script gets the page's refusals. The
version each takes and gives is the fingerprint of the report's drafted document (``changes``);
approving and publishing, which make files, are in ``issuing``.
"""

from datetime import date, datetime
from typing import Any

from governance.notifications.model import MessageRenderer
from governance.notifications.report_follow_ups import (
    tell_report_returned,
    tell_report_sent_for_review,
    telling,
)
from governance.partnership.model import PartnershipOnRecord
from governance.partnership.use_cases import person_on_record
from governance.permissions import PermissionRefused, check_may_manage_reports, may_see_exempt
from governance.ports import GovernanceUnitOfWork
from governance.reports import workflow
from governance.reports.approvals import approvals_required
from governance.reports.changes import ReportStatus, change, report_on_record, status
from governance.reports.content import CommitteeReportContent, narrative_sections, with_section
from governance.reports.issuing import approve_report, publish_report
from governance.reports.model import Recipient, ReportOnRecord
from governance.rules import (
    A_SECTION_IS_ONE_THE_REPORT_HAS,
    A_TEXT_IS_PLAIN_AND_OF_READABLE_LENGTH,
    AN_EDIT_IS_BASED_ON_THE_CURRENT_TEXT,
    ONLY_APPROVERS_OR_BUSINESS_UNIT_RETURN_REPORTS,
    ConcurrentChange,
    RuleBroken,
    refuse_unless,
)
from governance.values import is_readable_text

__all__ = [
    "ReportStatus",
    "approve_report",
    "check_report",
    "edit_report",
    "edit_report_section",
    "publish_report",
    "read_report",
    "record_dispatch",
    "return_report",
    "send_for_review",
]

WITHHELD = "[Exempt: not shown. Local Government Act 1972 Sch 12A paragraph {paragraph}]"


def check_report(key: str, *, uow: GovernanceUnitOfWork) -> ReportStatus:
    """The statutory checks' findings on a stored report, and the approvals it still needs."""
    with uow:
        return status(report_on_record(uow, key), uow.partnership.snapshot())


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

    return change(uow, key, edited_by, now, "report edited", move)


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

    return change(uow, key, edited_by, now, "report section edited", move, details)


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


def send_for_review(
    key: str, *, by: str, uow: GovernanceUnitOfWork, now: datetime, render: MessageRenderer | None = None
) -> ReportStatus:
    """Send a draft for review; with ``render``, its approvers are told, with a link to it."""

    def move(report: ReportOnRecord, person: Any, p: PartnershipOnRecord) -> ReportOnRecord:
        check_may_manage_reports(person)
        return workflow.send_for_review(report, p)

    tell = telling(tell_report_sent_for_review, renderer=render, at=now) if render else None
    return change(uow, key, by, now, "report sent for review", move, tell=tell)


def return_report(
    key: str,
    *,
    by: str,
    note: str,
    uow: GovernanceUnitOfWork,
    now: datetime,
    render: MessageRenderer | None = None,
) -> ReportStatus:
    """Send a report in review back to draft, saying what must change (an approver, or the business
    unit); with ``render``, the business unit is told."""

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

    tell = telling(tell_report_returned, renderer=render, at=now, note=note.strip()) if render else None
    return change(uow, key, by, now, "report returned", move, {"note": note.strip()}, tell=tell)


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

    return change(uow, key, by, now, "report sent", move, {"recipient": recipient.value, "sent to": sent_to})


def read_report(key: str, *, reader: str, uow: GovernanceUnitOfWork) -> ReportOnRecord:
    """The report as ``reader`` may see it: exempt appendices withheld from those not entitled."""
    with uow:
        report = report_on_record(uow, key)
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
