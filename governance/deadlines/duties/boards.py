"""Deadlines around meetings: sub-group reports to boards, committee returns and papers, enquiries."""

from collections.abc import Iterator
from datetime import date, timedelta

from governance.dates import add_months, clear_days_before, every_months_after, working_days_before
from governance.deadlines.model import Deadline, DeadlineState, Duty
from governance.partnership.model import PartnershipOnRecord
from governance.vocabulary import BoardKind, Role


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def sub_group_reports(p: PartnershipOnRecord, start: date, end: date) -> Iterator[Deadline]:
    """Each sub-group reports to every board it serves, before each of that board's meetings."""
    days = p.policy.sub_group_report_working_days
    for sub_group in p.sub_groups:
        owner = p.first_holder([(Role.SUB_GROUP_LEAD, sub_group.key), (Role.SUB_GROUP_CHAIR, sub_group.key)])
        for board in (p.board(key) for key in sub_group.reports_to):
            for meeting in board.meetings:
                due = working_days_before(meeting.held_on, days)
                if start <= due <= end:
                    yield Deadline(
                        duty=Duty.SUB_GROUP_REPORT,
                        subject=f"{sub_group.key}/{board.key}",
                        period=meeting.held_on.isoformat(),
                        due_on=due,
                        opens_on=due - timedelta(days=p.policy.lead_time_days),
                        owner_key=owner.key,
                        board_key=board.key,
                        sub_group_key=sub_group.key,
                        title=f"{sub_group.name} report for the {board.short_name} meeting of {long_date(meeting.held_on)}",
                    )


def action_plan_impact_reviews(p: PartnershipOnRecord, start: date, end: date) -> Iterator[Deadline]:
    """A later review checks the plan's evidence of outcome and impact, and that changes are embedded."""
    for plan in p.plans:
        due = plan.impact_review_on
        if due is None or not start <= due <= end:
            continue
        owner = p.first_holder(
            [(Role.SUB_GROUP_LEAD, plan.lead_sub_group_key), (Role.SUB_GROUP_CHAIR, plan.lead_sub_group_key)]
            if plan.lead_sub_group_key
            else []
        )
        yield Deadline(
            duty=Duty.ACTION_PLAN_IMPACT_REVIEW,
            subject=plan.key,
            period=due.isoformat(),
            due_on=due,
            opens_on=due - timedelta(days=p.policy.lead_time_days),
            owner_key=owner.key,
            board_key=plan.board_key,
            sub_group_key=plan.lead_sub_group_key,
            title=f"{plan.title}: review the evidence of outcome and impact, and that changes are embedded",
        )


def committee_returns(p: PartnershipOnRecord, start: date, end: date) -> Iterator[Deadline]:
    """A committee resolved "a further report in N months' time": due N months after, to its ACTION owner."""
    for resolution in p.resolutions:
        if resolution.further_report_months is None:
            continue
        due = add_months(resolution.resolved_on, resolution.further_report_months)
        if start <= due <= end:
            board = p.board(resolution.board_key)
            yield Deadline(
                duty=Duty.COMMITTEE_RETURN,
                subject=resolution.key,
                period=due.isoformat(),
                due_on=due,
                opens_on=due - timedelta(days=p.policy.lead_time_days),
                owner_key=resolution.action_owner_key,
                board_key=board.key,
                title=f"Further report to {board.short_name} (resolution {resolution.number} of {long_date(resolution.resolved_on)})",
            )


def area_committee_updates(p: PartnershipOnRecord, start: date, end: date) -> Iterator[Deadline]:
    """Each area committee receives an update every N months after the last one."""
    months = p.policy.area_committee_update_months
    for board in p.boards_of_kind(BoardKind.AREA_COMMITTEE):
        anchor = board.updates_since or min((m.held_on for m in board.meetings), default=None)
        if anchor is None:
            continue
        for due in every_months_after(anchor, months, start, end):
            yield Deadline(
                duty=Duty.AREA_COMMITTEE_UPDATE,
                subject=board.key,
                period=due.isoformat(),
                due_on=due,
                opens_on=due - timedelta(days=p.policy.lead_time_days),
                owner_key=p.business_manager().key,
                board_key=board.key,
                title=f"Update report to {board.name}",
            )


def committee_papers(p: PartnershipOnRecord, start: date, end: date) -> Iterator[Deadline]:
    """A report to a council meeting is public five clear days before the meeting."""
    policy = p.policy
    for report in p.reports:
        board = p.board(report.board_key)
        if report.meeting_on is None or not board.kind.is_council_committee:
            continue
        due = clear_days_before(
            report.meeting_on,
            policy.committee_papers_clear_days,
            working_days_only=policy.clear_days_are_working_days,
        )
        if start <= due <= end:
            yield Deadline(
                duty=Duty.COMMITTEE_PAPERS,
                subject=report.key,
                period=report.meeting_on.isoformat(),
                due_on=due,
                opens_on=due - timedelta(days=policy.lead_time_days),
                owner_key=p.business_manager().key,
                board_key=board.key,
                title=f"Publish '{report.title or report.key}' for {board.short_name} on {long_date(report.meeting_on)}",
                state=DeadlineState.SUBMITTED if report.published_on else DeadlineState.OPEN,
            )


def councillor_enquiries(p: PartnershipOnRecord, start: date, end: date) -> Iterator[Deadline]:
    """A councillor's enquiry is answered within seven days."""
    for enquiry in p.enquiries:
        due = enquiry.received_on + timedelta(days=p.policy.councillor_enquiry_days)
        if start <= due <= end:
            yield Deadline(
                duty=Duty.COUNCILLOR_ENQUIRY,
                subject=enquiry.reference,
                period="once",
                due_on=due,
                opens_on=enquiry.received_on,
                owner_key=enquiry.owner_key,
                board_key=enquiry.board_key,
                title=f"Answer enquiry {enquiry.reference}: {enquiry.subject}",
                state=DeadlineState.SUBMITTED if enquiry.answered_on else DeadlineState.OPEN,
            )
