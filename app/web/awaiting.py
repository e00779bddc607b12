"""What awaits a person's decision: extension requests in a role they hold, reports they can approve,
and returns submitted for acceptance. Lists only: the use cases decide whether they may act."""

from app.web.acting import Page
from governance.deadlines.model import DeadlineState
from governance.deadlines.obligations import MetBy, obligation_for
from governance.lifecycles import ReportState
from governance.reports.use_cases import ReportStatus, check_report
from governance.vocabulary import Role
from registry.read_models.deadlines import BoardRow, RequestEntry, deadline_board, requests_awaiting_decision
from registry.read_models.reports import report_list


def extension_requests(page: Page) -> list[tuple[BoardRow, RequestEntry]]:
    person = page.visitor.person
    return [
        (row, request)
        for row, request in requests_awaiting_decision(page.engine, partnership=page.partnership)
        if request.requested_by_key != person.key
        and all(d.person != person.name for d in request.decisions)
        and any(
            person.holds_on(Role(role), row.board_key) and role not in {d.role for d in request.decisions}
            for role in request.required
        )
    ]


def reports_to_approve(page: Page) -> list[ReportStatus]:
    person = page.visitor.person
    found = []
    for report in report_list(page.engine, partnership=page.partnership):
        if report.state is not ReportState.IN_REVIEW:
            continue
        status = check_report(report.key, uow=page.uow())
        if any(r.can_be_met_by(person) for r in status.outstanding_approvals):
            found.append(status)
    return found


def submissions_to_decide(page: Page) -> list[BoardRow]:
    person = page.visitor.person
    rows = deadline_board(
        page.engine, partnership=page.partnership, as_of=page.today, due_soon_days=page.config.due_soon_days
    )
    return [
        r
        for r in rows
        if r.state is DeadlineState.SUBMITTED
        and obligation_for(r.duty).met_by is MetBy.RETURN
        and (person.works_in_business_unit or person.holds_on(Role.INDEPENDENT_CHAIR, r.board_key))
    ]
