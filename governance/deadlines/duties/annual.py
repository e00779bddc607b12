"""Yearly duties: the SAB annual report and strategic plan, the children's partnership yearly
report and its dispatch, and the Community Safety Partnership's assessment, plan and public meeting."""

from collections.abc import Iterator
from datetime import date, timedelta

from governance.dates import FinancialYear, add_months, financial_years_overlapping
from governance.deadlines.model import Deadline, DeadlineState, Duty
from governance.lifecycles import ReportState
from governance.partnership.model import BoardOnRecord, PartnershipOnRecord, ReportSummary
from governance.policy import in_year, on_or_after
from governance.vocabulary import BoardKind, ReportKind

DONE = (ReportState.PUBLISHED, ReportState.DISTRIBUTED)


def _years(start: date, end: date) -> list[FinancialYear]:
    """Every financial year whose duties could fall due in the range (they fall up to a year after it)."""
    return financial_years_overlapping(start - timedelta(days=400), end + timedelta(days=400))


def _before_year(month_day: str, year: FinancialYear) -> date:
    """The last ``month_day`` before the financial year starts."""
    due = in_year(month_day, year.start_year)
    return due if due < year.starts_on else in_year(month_day, year.start_year - 1)


def _published(reports: list[ReportSummary], period: str) -> ReportSummary | None:
    return next((r for r in reports if r.period == period and r.published_on is not None), None)


def _yearly(
    board: BoardOnRecord,
    duty: Duty,
    year: FinancialYear,
    due: date,
    owner: str,
    title: str,
    done: bool,
    opens: date,
) -> Deadline:
    return Deadline(
        duty=duty,
        subject=f"{board.key}/{duty.name.lower().replace('_', '-')}",
        period=year.label,
        due_on=due,
        opens_on=opens,
        owner_key=owner,
        board_key=board.key,
        title=title,
        state=DeadlineState.SUBMITTED if done else DeadlineState.OPEN,
    )


def sab_annual_reports(p: PartnershipOnRecord, start: date, end: date) -> Iterator[Deadline]:
    """After each financial year, "as soon as is feasible", the SAB publishes its annual report."""
    for board in p.boards_of_kind(BoardKind.ADULTS_BOARD):
        reports = p.reports_of(ReportKind.SAB_ANNUAL_REPORT, board.key)
        for year in _years(start, end):
            due = on_or_after(p.policy.sab_annual_report_due, year.ends_on + timedelta(days=1))
            if start <= due <= end:
                done = _published(reports, year.label) is not None
                title = f"{board.short_name} annual report {year.label}: publish"
                yield _yearly(
                    board,
                    Duty.SAB_ANNUAL_REPORT,
                    year,
                    due,
                    p.business_manager().key,
                    title,
                    done,
                    year.ends_on + timedelta(days=1),
                )


def sab_report_distributions(p: PartnershipOnRecord, start: date, end: date) -> Iterator[Deadline]:
    """A published SAB annual report is sent to each statutory recipient; not complete until it is."""
    for board in p.boards_of_kind(BoardKind.ADULTS_BOARD):
        for report in p.reports_of(ReportKind.SAB_ANNUAL_REPORT, board.key):
            if report.published_on is None:
                continue
            due = report.published_on + timedelta(days=p.policy.sab_report_distribution_days)
            if start <= due <= end:
                year = FinancialYear.from_label(report.period)
                title = f"{board.short_name} annual report {year.label}: send to the chief executive, the leader, the policing body, Healthwatch and the HWB chair"
                yield _yearly(
                    board,
                    Duty.SAB_REPORT_DISTRIBUTION,
                    year,
                    due,
                    p.business_manager().key,
                    title,
                    report.state is ReportState.DISTRIBUTED,
                    report.published_on,
                )


def sab_strategic_plans(p: PartnershipOnRecord, start: date, end: date) -> Iterator[Deadline]:
    """The SAB publishes a strategic plan for each financial year, consulting Healthwatch and the community."""
    for board in p.boards_of_kind(BoardKind.ADULTS_BOARD):
        reports = p.reports_of(ReportKind.SAB_STRATEGIC_PLAN, board.key)
        for year in _years(start, end):
            due = _before_year(p.policy.sab_strategic_plan_due, year)
            if start <= due <= end:
                done = _published(reports, year.label) is not None
                title = f"{board.short_name} strategic plan {year.label}: publish (consult Healthwatch, involve the community)"
                yield _yearly(
                    board,
                    Duty.SAB_STRATEGIC_PLAN,
                    year,
                    due,
                    p.business_manager().key,
                    title,
                    done,
                    due - timedelta(days=90),
                )


def childrens_yearly_reports(p: PartnershipOnRecord, start: date, end: date) -> Iterator[Deadline]:
    """The safeguarding partners publish a report at least once every 12 months, covering 1 April–31 March."""
    for board in p.boards_of_kind(BoardKind.CHILDRENS_PARTNERSHIP):
        reports = p.reports_of(ReportKind.CHILDRENS_YEARLY_REPORT, board.key)
        for year in _years(start, end):
            due = on_or_after(p.policy.yearly_report_due, year.ends_on + timedelta(days=1))
            previous = _published(reports, year.previous().label)
            if previous is not None and previous.published_on is not None:
                due = min(due, add_months(previous.published_on, 12))  # at least once every 12 months
            if start <= due <= end:
                done = _published(reports, year.label) is not None
                title = (
                    f"{board.short_name} yearly report {year.label}: publish, signed off by the lead partners"
                )
                yield _yearly(
                    board,
                    Duty.CHILDRENS_YEARLY_REPORT,
                    year,
                    due,
                    p.business_manager().key,
                    title,
                    done,
                    year.ends_on + timedelta(days=1),
                )


def yearly_report_dispatches(p: PartnershipOnRecord, start: date, end: date) -> Iterator[Deadline]:
    """A published yearly report goes to the Child Safeguarding Practice Review Panel and the What Works body."""
    for board in p.boards_of_kind(BoardKind.CHILDRENS_PARTNERSHIP):
        for report in p.reports_of(ReportKind.CHILDRENS_YEARLY_REPORT, board.key):
            if report.published_on is None:
                continue
            due = report.published_on + timedelta(days=p.policy.yearly_report_dispatch_days)
            if start <= due <= end:
                year = FinancialYear.from_label(report.period)
                title = f"{board.short_name} yearly report {year.label}: send to the national Panel and the What Works body"
                yield _yearly(
                    board,
                    Duty.YEARLY_REPORT_DISPATCH,
                    year,
                    due,
                    p.business_manager().key,
                    title,
                    report.state is ReportState.DISTRIBUTED,
                    report.published_on,
                )


def csp_strategic_assessments(p: PartnershipOnRecord, start: date, end: date) -> Iterator[Deadline]:
    """The CSP carries out a strategic assessment each year, to inform the plan for the next financial year."""
    for board in p.boards_of_kind(BoardKind.COMMUNITY_SAFETY):
        for year in _years(start, end):
            due = _before_year(p.policy.csp_strategic_assessment_due, year)
            if start <= due <= end:
                title = f"{board.short_name} strategic assessment to inform {year.label}"
                yield _yearly(
                    board,
                    Duty.CSP_STRATEGIC_ASSESSMENT,
                    year,
                    due,
                    p.business_manager().key,
                    title,
                    False,
                    due - timedelta(days=90),
                )


def csp_partnership_plans(p: PartnershipOnRecord, start: date, end: date) -> Iterator[Deadline]:
    """A three-year partnership plan, refreshed each year, sent to the policing body."""
    policy = p.policy
    for board in p.boards_of_kind(BoardKind.COMMUNITY_SAFETY):
        for year in _years(start, end):
            due = _before_year(policy.csp_plan_due, year)
            if start <= due <= end:
                new = (year.start_year - policy.csp_plan_first_year) % policy.csp_plan_years == 0
                what = (
                    f"new {policy.csp_plan_years}-year partnership plan"
                    if new
                    else "yearly refresh of the partnership plan"
                )
                title = f"{board.short_name} {what} from {year.label}, sent to the policing body"
                yield _yearly(
                    board,
                    Duty.CSP_PARTNERSHIP_PLAN,
                    year,
                    due,
                    p.business_manager().key,
                    title,
                    False,
                    due - timedelta(days=90),
                )


def csp_public_meetings(p: PartnershipOnRecord, start: date, end: date) -> Iterator[Deadline]:
    """The CSP's strategy group holds at least one public meeting each year: met when one is on the calendar."""
    for board in p.boards_of_kind(BoardKind.COMMUNITY_SAFETY):
        for year in _years(start, end):
            due = year.ends_on
            if start <= due <= end:
                planned = any(m.public and m.held_on in year for m in board.meetings)
                title = f"{board.short_name}: hold at least one public meeting in {year.label}"
                yield _yearly(
                    board,
                    Duty.CSP_PUBLIC_MEETING,
                    year,
                    due,
                    p.business_manager().key,
                    title,
                    planned,
                    year.starts_on,
                )
