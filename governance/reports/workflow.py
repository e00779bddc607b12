"""A report's moves, as pure functions: each takes a report and gives the next one, or refuses."""

from datetime import date, datetime
from typing import Any

from governance.dates import spoken, within_partnership_years
from governance.lifecycles import REPORT, ReportState
from governance.partnership.model import PartnershipOnRecord
from governance.partnership.people import PersonOnRecord
from governance.reports.approvals import approvals_required, outstanding_approvals, requirement_met_by
from governance.reports.catalogue import run_checks
from governance.reports.checks import blocking
from governance.reports.content import parse_content
from governance.reports.model import RECIPIENTS, Approval, Dispatch, Recipient, ReportOnRecord
from governance.rules import (
    A_COPY_IS_SENT_AFTER_PUBLICATION,
    A_COPY_SENT_NAMES_ITS_ADDRESSEE,
    A_DATE_FALLS_IN_THE_PARTNERSHIP_YEARS,
    A_REPORT_FAILING_A_CHECK_CANNOT_BE_APPROVED,
    A_REPORT_IS_SENT_ONLY_TO_ITS_RECIPIENTS,
    A_TEXT_IS_PLAIN_AND_OF_READABLE_LENGTH,
    AN_APPROVAL_IS_BOUND_TO_THE_VERSION_APPROVED,
    EACH_APPROVER_APPROVES_A_VERSION_ONCE,
    EACH_RECIPIENT_IS_SENT_ONE_COPY,
    ONLY_NAMED_APPROVERS_APPROVE_REPORTS,
    PUBLISHED_DOCUMENTS_ARE_ACCESSIBLE,
    ConcurrentChange,
    RuleBroken,
    refuse_unless,
)
from governance.values import is_readable_text


def edit(report: ReportOnRecord, *, title: str, content: dict[str, Any]) -> ReportOnRecord:
    """New text: back to draft. Approvals of the old version stay on record, and no longer count.

    Saving the same text changes nothing (it is the same version, whatever its state).
    """
    parse_content(report.kind, content)
    edited = report.model_copy(update={"title": title, "content": content, "drafted_as": ""})
    if edited.text_version == report.text_version:
        return report
    return edited.model_copy(update={"state": REPORT.after(report.state, "edit")})


def send_for_review(report: ReportOnRecord, p: PartnershipOnRecord) -> ReportOnRecord:
    """In review. A text changed back to a version every approver already approved is approved at
    once, if it still passes the checks (the registry they read may have moved since)."""
    in_review = report.model_copy(update={"state": REPORT.after(report.state, "send for review")})
    already = report.current_approvals() and not outstanding_approvals(in_review, p)
    if already and not blocking(run_checks(in_review, p)):
        return in_review.model_copy(update={"state": REPORT.after(in_review.state, "complete approval")})
    return in_review


def return_to_draft(report: ReportOnRecord) -> ReportOnRecord:
    return report.model_copy(update={"state": REPORT.after(report.state, "return")})


def approve(
    report: ReportOnRecord, approver: PersonOnRecord, *, version: str, at: datetime, p: PartnershipOnRecord
) -> ReportOnRecord:
    """Record ``approver``'s approval of ``version``; the report is approved when every one required is in."""
    state = REPORT.after(report.state, "approve")
    if version != report.version:  # someone changed what the approver read: they read it again
        raise ConcurrentChange(
            AN_APPROVAL_IS_BOUND_TO_THE_VERSION_APPROVED,
            f"you read {version[:16]}, it is now {report.version}",
        )
    findings = blocking(run_checks(report, p))
    refuse_unless(not findings, A_REPORT_FAILING_A_CHECK_CANNOT_BE_APPROVED, "; ".join(map(str, findings)))
    requirement = requirement_met_by(approver, report, p)
    if requirement is None:
        already = any(a.person_key == approver.key for a in report.current_approvals())
        if already:
            raise RuleBroken(EACH_APPROVER_APPROVES_A_VERSION_ONCE, approver.name)
        needed = ", ".join(r.label for r in approvals_required(report, p))
        raise RuleBroken(ONLY_NAMED_APPROVERS_APPROVE_REPORTS, f"{approver.name}; this report needs {needed}")
    approval = Approval(
        person_key=approver.key,
        person_name=approver.name,
        role=requirement.role,
        agency_key=requirement.agency_key,
        version=version,
        at=at,
    )
    approved = report.model_copy(update={"approvals": report.approvals + (approval,), "state": state})
    if not outstanding_approvals(approved, p):
        approved = approved.model_copy(update={"state": REPORT.after(state, "complete approval")})
    return approved


def publish(report: ReportOnRecord, *, on: date, accessibility_confirmed: bool) -> ReportOnRecord:
    state = REPORT.after(report.state, "publish")
    _refuse_unless_within_partnership_years(on)
    refuse_unless(accessibility_confirmed, PUBLISHED_DOCUMENTS_ARE_ACCESSIBLE)
    published = report.model_copy(update={"state": state, "published_on": on})
    return _complete_if_sent(published)


def record_dispatch(
    report: ReportOnRecord, *, recipient: Recipient, sent_to: str, sent_on: date
) -> ReportOnRecord:
    """A copy sent, once to each recipient, on or after publication, to a named addressee; the report
    is distributed once every statutory recipient has one."""
    state = REPORT.after(report.state, "send")
    refuse_unless(
        recipient in RECIPIENTS.get(report.kind, ()),
        A_REPORT_IS_SENT_ONLY_TO_ITS_RECIPIENTS,
        f"{report.kind.value} to {recipient.value}",
    )
    refuse_unless(bool(sent_to.strip()), A_COPY_SENT_NAMES_ITS_ADDRESSEE, recipient.value)
    refuse_unless(is_readable_text(sent_to), A_TEXT_IS_PLAIN_AND_OF_READABLE_LENGTH)
    _refuse_unless_within_partnership_years(sent_on)
    published = report.published_on
    refuse_unless(
        published is None or sent_on >= published,
        A_COPY_IS_SENT_AFTER_PUBLICATION,
        f"published on {spoken(published)}, sent on {spoken(sent_on)}" if published else "",
    )
    earlier = next((d for d in report.dispatches if d.recipient is recipient), None)
    if earlier is not None:
        raise RuleBroken(
            EACH_RECIPIENT_IS_SENT_ONE_COPY,
            f"already sent to {recipient.value} on {spoken(earlier.sent_on)} ({earlier.sent_to})",
        )
    dispatch = Dispatch(recipient=recipient, sent_to=sent_to.strip(), sent_on=sent_on)
    sent = report.model_copy(update={"state": state, "dispatches": report.dispatches + (dispatch,)})
    return _complete_if_sent(sent)


def _refuse_unless_within_partnership_years(day: date) -> None:
    refuse_unless(
        within_partnership_years(day), A_DATE_FALLS_IN_THE_PARTNERSHIP_YEARS, f"given {spoken(day)}"
    )


def _complete_if_sent(report: ReportOnRecord) -> ReportOnRecord:
    if report.kind in RECIPIENTS and not report.outstanding_recipients():
        return report.model_copy(update={"state": REPORT.after(report.state, "complete distribution")})
    return report


def is_complete(report: ReportOnRecord) -> bool:
    """Published and, where the law names recipients, sent to each of them."""
    if report.kind in RECIPIENTS:
        return report.state is ReportState.DISTRIBUTED
    return report.state in (ReportState.PUBLISHED, ReportState.DISTRIBUTED)
