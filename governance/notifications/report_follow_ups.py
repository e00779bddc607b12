"""The report workflow tells its people: a report sent for review goes to each approver it still
needs; an approval or a return goes to the business unit, who publishes or puts it right.

A report's title and state are not exempt material (exempt appendices are withheld by
``read_report``), so these messages carry no appendix and no content, only the link to read it.
"""

import hashlib
from collections.abc import Callable
from datetime import datetime

from governance.lifecycles import ReportState
from governance.notifications.links import Item, Page, link, workspace_of
from governance.notifications.messages import contact_of, each_once, message_to, queue
from governance.notifications.model import MessageRenderer
from governance.partnership.model import PartnershipOnRecord
from governance.partnership.people import PersonOnRecord
from governance.ports import UnitOfWork
from governance.reports.approvals import outstanding_approvals
from governance.reports.model import ReportOnRecord

After = Callable[[UnitOfWork, ReportOnRecord, PersonOnRecord, PartnershipOnRecord], ReportOnRecord]
"""What ``governance.reports.changes.change`` calls after a move, in its transaction."""


def approvers_awaited(report: ReportOnRecord, p: PartnershipOnRecord) -> list[PersonOnRecord]:
    """Everyone who can give an approval the report's current version still needs."""
    return each_once(
        person
        for needed in outstanding_approvals(report, p)
        for person in p.people
        if needed.can_be_met_by(person)
    )


def _tell(
    uow: UnitOfWork,
    people: list[PersonOnRecord],
    report: ReportOnRecord,
    p: PartnershipOnRecord,
    *,
    by: PersonOnRecord,
    page: Page,
    template: str,
    key: str,
    renderer: MessageRenderer,
    at: datetime,
    **extra: object,
) -> int:
    context = {
        "title": report.title,
        "board": p.board(report.board_key).short_name,
        "by": by.name,
        "outstanding": [r.label for r in outstanding_approvals(report, p)],
        "ready_to_publish": report.state is ReportState.APPROVED,
        "link": link(workspace_of(renderer), page, p.key, Item.REPORT, report.key),
        **extra,
    }
    contact = contact_of(p)
    messages = [
        message_to(
            person,
            key=f"{key}/{person.key}",
            template=template,
            context=context,
            renderer=renderer,
            contact=contact,
        )
        for person in each_once(people, besides=by.key)
    ]
    return queue(uow, messages, at=at)


def _business_unit(p: PartnershipOnRecord) -> list[PersonOnRecord]:
    contact = contact_of(p)
    return [contact] if contact else []


def tell_report_sent_for_review(
    uow: UnitOfWork,
    report: ReportOnRecord,
    p: PartnershipOnRecord,
    *,
    by: PersonOnRecord,
    renderer: MessageRenderer,
    at: datetime,
) -> int:
    """``report`` as sent for review goes to each approver it awaits, to read and approve this version."""
    return _tell(
        uow,
        approvers_awaited(report, p),
        report,
        p,
        by=by,
        page=Page.APPROVALS,
        template="report_sent_for_review",
        key=f"report-in-review/{report.key}/{report.text_version}/{at:%Y-%m-%d}",
        renderer=renderer,
        at=at,
    )


def tell_report_approved(
    uow: UnitOfWork,
    report: ReportOnRecord,
    p: PartnershipOnRecord,
    *,
    by: PersonOnRecord,
    renderer: MessageRenderer,
    at: datetime,
) -> int:
    """An approval goes to the business unit, saying what approvals remain or that it may be published."""
    return _tell(
        uow,
        _business_unit(p),
        report,
        p,
        by=by,
        page=Page.REPORTS,
        template="report_decided",
        key=f"report-approved/{report.key}/{report.text_version}/{by.key}",
        renderer=renderer,
        at=at,
        returned=False,
        note="",
    )


def tell_report_returned(
    uow: UnitOfWork,
    report: ReportOnRecord,
    p: PartnershipOnRecord,
    *,
    by: PersonOnRecord,
    note: str,
    renderer: MessageRenderer,
    at: datetime,
) -> int:
    """A report sent back to draft goes to the business unit, with what must change."""
    digest = hashlib.sha256(note.encode()).hexdigest()[:8]
    return _tell(
        uow,
        _business_unit(p),
        report,
        p,
        by=by,
        page=Page.REPORTS,
        template="report_decided",
        key=f"report-returned/{report.key}/{report.text_version}/{by.key}/{at:%Y-%m-%d}/{digest}",
        renderer=renderer,
        at=at,
        returned=True,
        note=note.strip(),
    )


def telling(tell: Callable[..., int], *, renderer: MessageRenderer, at: datetime, **extra: object) -> After:
    """The ``after`` of a report's move (``governance.reports.changes.change``) that tells its people
    in the move's transaction: ``after=telling(tell_report_sent_for_review, renderer=render, at=now)``."""

    def after(
        uow: UnitOfWork, report: ReportOnRecord, person: PersonOnRecord, p: PartnershipOnRecord
    ) -> ReportOnRecord:
        tell(uow, report, p, by=person, renderer=renderer, at=at, **extra)
        return report

    return after
