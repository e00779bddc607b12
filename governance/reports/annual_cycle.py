"""The annual-report cycle: after the year end, the SAB annual report and the children's partnership
yearly report drafted, checked, routed and, once published, sent to their statutory recipients.

For each SAB and children's partnership, for the financial year just ended:
1. the drafting opens: the report is put on record, as an empty draft, if it is not;
2. each member agency of a SAB whose part of the report (Care Act 2014 Sch 2 para 4(1)(c)) is not
   yet in the draft is asked for it, once, at its shared mailbox (else its contact), and chased
   every ``CHASE_EVERY_DAYS`` days until its part is in or the report leaves draft;
3. the reviews register is drawn into the draft (the drafting reads it: ``sab_register``);
4. the statutory checks run; a draft that passes them goes to its approvers, once per version
   (a report returned at that version is not sent again until it is edited);
5. a published report is queued to each statutory recipient and recorded as sent once it was
   (``governance.reports.dispatch``).

The steps are transactions of their own, each idempotent: a run repeated, or broken off and run
again, asks, chases, routes and sends nothing twice.
"""

from datetime import date, datetime

from governance.dates import FinancialYear, spoken, today_in_london
from governance.lifecycles import ReportState
from governance.notifications.links import Item, Page, link, workspace_of
from governance.notifications.model import MessageRenderer
from governance.notifications.report_follow_ups import approvers_awaited
from governance.partnership.model import BoardOnRecord, PartnershipOnRecord, ReviewKind
from governance.ports import GovernanceUnitOfWork
from governance.reports.catalogue import run_checks
from governance.reports.checks import blocking
from governance.reports.dispatch import queue_dispatches, record_sent_dispatches
from governance.reports.model import ReportOnRecord
from governance.reports.sab_register import (
    concluded_in_the_year,
    not_implemented_in_the_year,
    ongoing_at_the_year_end,
)
from governance.reports.use_cases import send_for_review
from governance.returns.cycles import CycleRun, MessagesOnRecord, agency_addressee, due_chaser, message
from governance.rules import RuleBroken
from governance.vocabulary import BoardKind, Cycle, ReportKind

CYCLE = Cycle.ANNUAL_REPORT
CHASE_EVERY_DAYS = 14
"""An unanswered request for an agency's part is chased fortnightly: often enough to publish by
the autumn target, rarely enough not to be noise beside the monthly action-plan requests."""

REPORTED_BY: dict[BoardKind, ReportKind] = {
    BoardKind.ADULTS_BOARD: ReportKind.SAB_ANNUAL_REPORT,
    BoardKind.CHILDRENS_PARTNERSHIP: ReportKind.CHILDRENS_YEARLY_REPORT,
}
KEY_WORD = {
    ReportKind.SAB_ANNUAL_REPORT: "annual-report",
    ReportKind.CHILDRENS_YEARLY_REPORT: "yearly-report",
}
TITLE_WORD = {
    ReportKind.SAB_ANNUAL_REPORT: "annual report",
    ReportKind.CHILDRENS_YEARLY_REPORT: "yearly report",
}


class AnnualReportRun(CycleRun):
    cycle: str = CYCLE.value


def run_annual_report(
    as_of: date,
    *,
    uow: GovernanceUnitOfWork,
    render: MessageRenderer,
    now: datetime,
    messages: MessagesOnRecord,
) -> AnnualReportRun:
    """The annual-report cycle for one partnership on ``as_of``."""
    run = AnnualReportRun(as_of=as_of)
    record_sent_dispatches(as_of, uow=uow, now=now, messages=messages, run=run)
    with uow:
        p = uow.partnership.snapshot()
        ready = _draft(uow, p, as_of, run, render=render, now=now, messages=messages)
        queue_dispatches(uow, p, as_of, run, render=render, now=now, messages=messages)
        uow.audit.record(at=now, actor="system", event="cycle run", subject=CYCLE.value, details=_said(run))
        uow.commit()
    for report in ready:
        _route(report, p, as_of, run, uow=uow, render=render, now=now)
    return run


def _said(run: CycleRun) -> dict:
    return run.model_dump(mode="json", include={"as_of", "asked", "chased", "overdue", "sent", "notes"})


def report_key(board: BoardOnRecord, kind: ReportKind, year: FinancialYear) -> str:
    """``bsab-annual-report-2025-26``, as the partnership file names them."""
    return f"{board.key}-{KEY_WORD[kind]}-{year.label.replace('/', '-')}"


def _draft(
    uow: GovernanceUnitOfWork,
    p: PartnershipOnRecord,
    as_of: date,
    run: AnnualReportRun,
    *,
    render: MessageRenderer,
    now: datetime,
    messages: MessagesOnRecord,
) -> list[ReportOnRecord]:
    """Steps 1–4 for each board; the drafts ready to go to their approvers."""
    year = FinancialYear.of(as_of).previous()
    ready = []
    for board in p.boards_of_kind(*REPORTED_BY):
        report = _opened(uow, p, board, REPORTED_BY[board.kind], year, run)
        if report is None or report.state is not ReportState.DRAFT:
            continue
        outstanding = _ask_members(uow, p, report, as_of, run, render, now, messages)
        run.notes.append(f"{report.title}: reviews register drawn in: {_register(report, p)}")
        findings = blocking(run_checks(report, p))
        if findings:
            shown = "; ".join(f.message for f in findings[:3]) + ("; …" if len(findings) > 3 else "")
            run.notes.append(f"{report.title}: {len(findings)} statutory check(s) to meet: {shown}")
        elif not outstanding and messages.asked_at(_routed_key(report)) is None:
            ready.append(report)
    return ready


def _opened(
    uow: GovernanceUnitOfWork,
    p: PartnershipOnRecord,
    board: BoardOnRecord,
    kind: ReportKind,
    year: FinancialYear,
    run: AnnualReportRun,
) -> ReportOnRecord | None:
    """The year's draft on record, put there as an empty draft if it is not; ``None`` for a report
    past its draft, known from the snapshot's state without reading the report in full."""
    on_record = next((r for r in p.reports_of(kind, board.key) if r.period == year.label), None)
    if on_record is not None and on_record.state is not ReportState.DRAFT:
        return None
    if on_record is not None:
        return uow.reports.find(on_record.key)
    draft = ReportOnRecord(
        key=report_key(board, kind, year),
        kind=kind,
        board_key=board.key,
        period=year.label,
        title=f"{board.name} {TITLE_WORD[kind]} {year.label}",
    )
    uow.reports.add(draft)
    run.notes.append(f"{draft.title}: drafting opened ({draft.key})")
    return uow.reports.find(draft.key)


def _ask_members(
    uow: GovernanceUnitOfWork,
    p: PartnershipOnRecord,
    report: ReportOnRecord,
    as_of: date,
    run: AnnualReportRun,
    render: MessageRenderer,
    now: datetime,
    messages: MessagesOnRecord,
) -> list[str]:
    """Ask (or chase) each member agency whose part of a SAB report is missing; the agencies still awaited."""
    if report.kind is not ReportKind.SAB_ANNUAL_REPORT:
        return []
    given = report.content.get("member_contributions") or {}
    awaited = [a for a in p.member_agencies(report.board_key) if not str(given.get(a.key, "")).strip()]
    for agency in awaited:
        to = agency_addressee(p, agency)
        asked_key = f"annual-report/{report.key}/contribution/{agency.key}"
        first = messages.asked_at(asked_key)
        chase = due_chaser(today_in_london(first), as_of, CHASE_EVERY_DAYS) if first else 0
        key = f"{asked_key}/chase-{chase}" if chase else asked_key
        context = {
            "title": report.title,
            "agency": agency.name,
            "year": report.period,
            "chase": chase,
            "first_asked_on": today_in_london(first) if first else as_of,
            "link": link(workspace_of(render), Page.REPORTS, p.key, Item.REPORT, report.key),
        }
        built = message(
            p,
            to,
            key=key,
            template="annual_report_contribution_request",
            context=context,
            render=render,
            on=as_of,
            board_key=report.board_key,
        )
        if run.queued(uow, built, at=now):
            what = f"{agency.name}: its part of {report.title} (para 4(1)(c)), to {to.email}"
            (run.chased if chase else run.asked).append(what + (f", chaser {chase}" if chase else ""))
        if chase >= 3:
            run.overdue.append(
                f"{agency.name}: its part of {report.title}, asked {spoken(context['first_asked_on'])}"
            )
    return [a.key for a in awaited]


def _register(report: ReportOnRecord, p: PartnershipOnRecord) -> str:
    """What the reviews register gives the draft for its year, in words."""
    year = report.financial_year
    if year is None:
        return "no financial year"
    if report.kind is ReportKind.SAB_ANNUAL_REPORT:
        content = report.typed()
        concluded = [r.reference for r in concluded_in_the_year(report, p)]
        ongoing = [r.reference for r in ongoing_at_the_year_end(report, p)]
        declined = [f.key for f in not_implemented_in_the_year(report, content, p)]  # type: ignore[arg-type]
        return (
            f"SARs concluded in the year: {', '.join(concluded) or 'none'}; "
            f"ongoing at the year end: {', '.join(ongoing) or 'none'}; "
            f"findings not implemented: {', '.join(declined) or 'none'}"
        )
    reviews = [
        r.reference
        for r in p.case_reviews
        if r.board_key == report.board_key
        and r.kind in (ReviewKind.CHILD_SAFEGUARDING_PRACTICE_REVIEW, ReviewKind.SERIOUS_INCIDENT)
        and any(d is not None and d in year for d in (r.became_aware_on, r.initiated_on, r.published_on))
    ]
    return f"practice reviews and serious incidents in the year: {', '.join(reviews) or 'none'}"


def _routed_key(report: ReportOnRecord) -> str:
    return f"annual-report/{report.key}/routed/{report.text_version}"


def _route(
    report: ReportOnRecord,
    p: PartnershipOnRecord,
    as_of: date,
    run: AnnualReportRun,
    *,
    uow: GovernanceUnitOfWork,
    render: MessageRenderer,
    now: datetime,
) -> None:
    """Send the draft for review on the business manager's behalf (the approvers are told by the
    report use case), then tell her, keyed by the version: that key is what stops a report
    returned at this version being sent again."""
    manager = p.business_manager()
    try:
        status = send_for_review(report.key, by=manager.key, uow=uow, now=now, render=render)
    except RuleBroken as refused:
        run.notes.append(f"{report.title}: not sent for review: {refused}")
        return
    awaited = ", ".join(r.label for r in status.outstanding_approvals) or "nobody (approved)"
    for person in approvers_awaited(report, p):
        if person.name not in run.recipients:
            run.recipients.append(person.name)
    run.notes.append(f"{report.title}: passes the statutory checks; sent for review to {awaited}")
    with uow:
        built = message(
            p,
            manager,
            key=_routed_key(report),
            template="annual_report_routed",
            context={
                "title": report.title,
                "awaited": awaited,
                "link": link(workspace_of(render), Page.REPORTS, p.key, Item.REPORT, report.key),
            },
            render=render,
            on=as_of,
            board_key=report.board_key,
        )
        run.queued(uow, built, at=now)
        uow.commit()
