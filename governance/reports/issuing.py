"""Approving a report as read, freezing it, and publishing it: the use cases that make files.

The version an approver approves is the fingerprint of the drafted document they read, registry
facts included. The approval that completes a report freezes it: the approved document itself (its
source, from which every output is rendered) and its rendered files (public and restricted; HTML,
Word and PDF) are kept with their SHA-256. Publishing issues the frozen public files and an
accessibility statement, once an accessibility check has passed each of them.
"""

from datetime import date, datetime

from governance.documents.accessibility import accessibility_statement
from governance.documents.drafting import approved, draft_report
from governance.documents.files import SOURCE, Purpose, ReportFileOnRecord, frozen_document
from governance.documents.model import Audience, Document
from governance.documents.ports import FORMATS, STATEMENT, AccessibilityChecker, DocumentRenderer
from governance.lifecycles import ReportState
from governance.notifications.model import MessageRenderer
from governance.notifications.report_follow_ups import tell_report_approved, telling
from governance.partnership.model import PartnershipOnRecord
from governance.partnership.people import PersonOnRecord
from governance.permissions import PermissionRefused, check_may_manage_reports
from governance.ports import GovernanceUnitOfWork
from governance.reports import workflow
from governance.reports.changes import ReportStatus, change
from governance.reports.model import ReportOnRecord
from governance.rules import (
    AN_APPROVAL_IS_BOUND_TO_THE_VERSION_APPROVED,
    ONLY_NAMED_APPROVERS_APPROVE_REPORTS,
    PUBLISHED_DOCUMENTS_ARE_ACCESSIBLE,
    ConcurrentChange,
    RuleBroken,
)


def approve_report(
    key: str,
    *,
    approved_by: str,
    version: str,
    uow: GovernanceUnitOfWork,
    now: datetime,
    renderer: DocumentRenderer | None = None,
    render: MessageRenderer | None = None,
) -> ReportStatus:
    """Approve the version the approver read (the drafted document's fingerprint); refused if it
    fails a check or has changed since. The approval that completes it freezes the approved
    document and, with a ``renderer``, its files (without one, they are rendered from the frozen
    document when it is published)."""

    def move(report: ReportOnRecord, person: PersonOnRecord, p: PartnershipOnRecord) -> ReportOnRecord:
        try:
            return workflow.approve(report, person, version=version, at=now, p=p)
        except RuleBroken as refusal:
            if refusal.rule is ONLY_NAMED_APPROVERS_APPROVE_REPORTS:
                raise PermissionRefused(
                    refusal.rule, str(refusal), actor=person.key, subject=key
                ) from refusal
            raise

    def freeze(
        uow: GovernanceUnitOfWork, report: ReportOnRecord, person: PersonOnRecord, p: PartnershipOnRecord
    ) -> ReportOnRecord:
        if report.state is ReportState.APPROVED:
            document = draft_report(report, p)
            if document.fingerprint != version:  # drafting is pure: this only fails on a changed registry
                raise ConcurrentChange(
                    AN_APPROVAL_IS_BOUND_TO_THE_VERSION_APPROVED, "the registry changed meanwhile"
                )
            final = approved(document, report.current_approvals())
            _keep(
                uow,
                report.key,
                version,
                Audience.RESTRICTED,
                SOURCE,
                final.model_dump_json().encode(),
                person,
                now,
            )
            if renderer is not None:
                _render(uow, report.key, version, final, renderer, person, now)
        return report

    tell = telling(tell_report_approved, renderer=render, at=now) if render else None
    return change(
        uow,
        key,
        approved_by,
        now,
        "report approved",
        move,
        {"approved version": version},
        after=freeze,
        tell=tell,
    )


def _keep(
    uow: GovernanceUnitOfWork,
    key: str,
    version: str,
    audience: Audience,
    fmt: str,
    content: bytes,
    person: PersonOnRecord,
    at: datetime,
    purpose: Purpose = Purpose.APPROVAL,
) -> None:
    uow.report_files.keep(
        ReportFileOnRecord(
            report_key=key,
            version=version,
            audience=audience,
            format=fmt,
            purpose=purpose,
            content=content,
            made_at=at,
            made_by=person.key,
        )
    )


def _render(
    uow: GovernanceUnitOfWork,
    key: str,
    version: str,
    final: Document,
    renderer: DocumentRenderer,
    person: PersonOnRecord,
    at: datetime,
) -> None:
    """The approved document in every format, public and restricted, kept with the approval."""
    kept = {
        (f.audience, f.format) for f in uow.report_files.files(key, purpose=Purpose.APPROVAL, version=version)
    }
    for audience in (Audience.PUBLIC, Audience.RESTRICTED):
        for fmt in FORMATS:
            if (audience, fmt) not in kept:
                _keep(
                    uow,
                    key,
                    version,
                    audience,
                    fmt,
                    renderer.render(final.for_audience(audience), fmt),
                    person,
                    at,
                )


def publish_report(
    key: str,
    *,
    by: str,
    on: date,
    uow: GovernanceUnitOfWork,
    now: datetime,
    renderer: DocumentRenderer,
    checker: AccessibilityChecker,
) -> ReportStatus:
    """Publish an approved report: the public files of the frozen document and an accessibility
    statement page are checked for accessibility, then issued and recorded in the publication log;
    a problem found in any of them refuses publication, naming it."""

    def move(report: ReportOnRecord, person: PersonOnRecord, p: PartnershipOnRecord) -> ReportOnRecord:
        check_may_manage_reports(person)
        workflow.publish(report, on=on, accessibility_confirmed=True)  # the lifecycle's refusals first
        files = uow.report_files.files(key, purpose=Purpose.APPROVAL, version=report.version)
        final = frozen_document(files)
        if final is None:
            raise RuleBroken(
                AN_APPROVAL_IS_BOUND_TO_THE_VERSION_APPROVED,
                "no approved document is kept for this version; edit it and have it approved again",
            )
        _render(uow, key, report.version, final, renderer, person, now)
        public = {
            f.format: f.content
            for f in uow.report_files.files(key, purpose=Purpose.APPROVAL, version=report.version)
            if f.audience is Audience.PUBLIC
        }
        statement = accessibility_statement(report, p, checked_on=on, formats=FORMATS)
        issued = [*((fmt, public[fmt]) for fmt in FORMATS), (STATEMENT, renderer.render(statement, "html"))]
        problems = [
            f"{fmt}: {problem}" for fmt, content in issued for problem in checker.check(_as(fmt), content)
        ]
        if problems:
            raise RuleBroken(PUBLISHED_DOCUMENTS_ARE_ACCESSIBLE, "; ".join(problems))
        for fmt, content in issued:
            _keep(uow, key, report.version, Audience.PUBLIC, fmt, content, person, now, Purpose.PUBLICATION)
        return workflow.publish(report, on=on, accessibility_confirmed=True)

    return change(uow, key, by, now, "report published", move, {"published on": on.isoformat()})


def _as(fmt: str) -> str:
    """The accessibility statement is checked as the web page it is."""
    return "html" if fmt == STATEMENT else fmt
