"""The committee-returns cycle: a resolution's "further report in N months' time" and an area
committee's six-monthly update, each taken from its owner's first reminder to the committee's
papers deadline.

Each return (``boards.committee_returns``, ``boards.area_committee_updates``) goes to the
committee's meeting nearest its due date (the earlier of two as near). Its papers deadline is five
clear days before that meeting (``clear_days_before``; SI 2002/715). ``lead_time_days`` before the
papers deadline the cycle opens the draft committee report (the council's structure, prefilled
from the resolution) and tells the ACTION owner. It then tracks the draft: a week before the
papers deadline, and on the day, it tells the owner if the report is not yet approved. After the
deadline, an unpublished report is overdue.

The calendar's own deadlines for the same return and for publishing the papers keep their
escalation ladder (reminders cycle), to the owner and the business manager. So the tracking
messages go only to an ACTION owner who is not the business manager: nobody hears it twice.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from governance.dates import clear_days_before, spoken
from governance.deadlines.duties.boards import area_committee_updates, committee_returns
from governance.deadlines.model import Deadline
from governance.lifecycles import ReportState
from governance.notifications.links import Item, Page, link, workspace_of
from governance.notifications.messages import contact_of
from governance.notifications.model import MessageRenderer
from governance.partnership.model import MeetingOnRecord, PartnershipOnRecord
from governance.ports import GovernanceUnitOfWork
from governance.reports.content import CommitteeReportContent, ReportContact
from governance.reports.model import ReportOnRecord
from governance.returns.cycles import CycleRun, message, record_cycle_run
from governance.vocabulary import Cycle, ReportKind

CYCLE = Cycle.COMMITTEE_RETURNS
TEMPLATE = "committee_return"
WARN_DAYS_BEFORE_PAPERS = 7
READY = (ReportState.APPROVED, ReportState.PUBLISHED, ReportState.DISTRIBUTED)


class CommitteeReturnsRun(CycleRun):
    cycle: str = CYCLE.value


@dataclass(frozen=True)
class CommitteeReturn:
    """One return, placed on the committee meeting it goes to."""

    deadline: Deadline
    meeting: MeetingOnRecord
    papers_due: date
    opens_on: date

    @property
    def report_key(self) -> str:
        return f"{self.deadline.subject}-report-{self.meeting.held_on.isoformat()}"


def returns_in_hand(p: PartnershipOnRecord, as_of: date) -> list[CommitteeReturn]:
    """Every return whose draft has opened by ``as_of`` and whose meeting is still to come."""
    policy = p.policy
    start, end = as_of - timedelta(days=366), as_of + timedelta(days=366)
    found = []
    for deadline in [*committee_returns(p, start, end), *area_committee_updates(p, start, end)]:
        meetings = p.board(deadline.board_key).meetings
        if not meetings:
            continue
        meeting = min(meetings, key=lambda m: (abs((m.held_on - deadline.due_on).days), m.held_on))
        papers = clear_days_before(
            meeting.held_on,
            policy.committee_papers_clear_days,
            working_days_only=policy.clear_days_are_working_days,
        )
        opens = papers - timedelta(days=policy.lead_time_days)
        if opens <= as_of < meeting.held_on:
            found.append(
                CommitteeReturn(deadline=deadline, meeting=meeting, papers_due=papers, opens_on=opens)
            )
    return sorted(found, key=lambda r: (r.papers_due, r.report_key))


def run_committee_returns(
    as_of: date, *, uow: GovernanceUnitOfWork, render: MessageRenderer, now: datetime
) -> CommitteeReturnsRun:
    """The committee-returns cycle for one partnership on ``as_of``: one transaction."""
    run = CommitteeReturnsRun(as_of=as_of)
    with uow:
        p = uow.partnership.snapshot()
        for item in returns_in_hand(p, as_of):
            report = _draft_of(uow, p, item, run)
            _tell_owner(uow, p, item, report, as_of, run, render, now)
        record_cycle_run(uow, run, now=now, said={"as_of", "asked", "chased", "overdue", "notes"})
        uow.commit()
    return run


def _draft_of(
    uow: GovernanceUnitOfWork, p: PartnershipOnRecord, item: CommitteeReturn, run: CommitteeReturnsRun
) -> ReportOnRecord | None:
    """The return's committee report, opened as a draft if it is not on record."""
    found = uow.reports.find(item.report_key)
    if found is not None:
        return found
    uow.reports.add(_new_draft(p, item))
    run.notes.append(f"{item.deadline.title}: draft committee report opened ({item.report_key})")
    return uow.reports.find(item.report_key)


def _new_draft(p: PartnershipOnRecord, item: CommitteeReturn) -> ReportOnRecord:
    """A committee report in the council's structure, prefilled from what the registry knows."""
    board, deadline, owner = (
        p.board(item.deadline.board_key),
        item.deadline,
        p.person(item.deadline.owner_key),
    )
    resolution = next((r for r in p.resolutions if r.key == deadline.subject), None)
    contact = contact_of(p)
    background = (
        f"{board.name} resolved on {spoken(resolution.resolved_on)} (resolution {resolution.number}): "
        f'"{resolution.text}"'
        if resolution
        else f"{board.name} receives an update on the partnership's work every "
        f"{p.policy.area_committee_update_months} months."
    )
    content = CommitteeReportContent(
        report_of=owner.name,
        subject=deadline.title,
        contact=ReportContact(name=contact.name, email=contact.email) if contact else ReportContact(),
        background=background,
    )
    return ReportOnRecord(
        key=item.report_key,
        kind=ReportKind.COMMITTEE_REPORT,
        board_key=board.key,
        period=item.meeting.held_on.isoformat(),
        title=deadline.title,
        meeting_on=item.meeting.held_on,
        content=content.model_dump(mode="json"),
    )


def _stage(item: CommitteeReturn, report: ReportOnRecord | None, as_of: date) -> str | None:
    """Which message the owner is due on ``as_of``: the opening, a week before the papers
    deadline, on the day; ``None`` once the report is approved (or nothing is due). Each is keyed
    by its stage, so after a pause only the stage reached is sent."""
    if report is not None and report.state in READY:
        return None
    if as_of >= item.papers_due:
        return "papers-due" if as_of == item.papers_due else None
    if as_of >= item.papers_due - timedelta(days=WARN_DAYS_BEFORE_PAPERS):
        return "papers-in-a-week"
    return "opened"


def _tell_owner(
    uow: GovernanceUnitOfWork,
    p: PartnershipOnRecord,
    item: CommitteeReturn,
    report: ReportOnRecord | None,
    as_of: date,
    run: CommitteeReturnsRun,
    render: MessageRenderer,
    now: datetime,
) -> None:
    deadline, owner = item.deadline, p.person(item.deadline.owner_key)
    state = report.state.value if report else "not on record"
    late = as_of > item.papers_due and (report is None or report.published_on is None)
    if late:
        run.overdue.append(
            f"{deadline.title}: papers were due {spoken(item.papers_due)}; the report is {state}"
        )
    else:
        run.notes.append(
            f"{deadline.title}: to {p.board(deadline.board_key).short_name} on {spoken(item.meeting.held_on)}, "
            f"papers by {spoken(item.papers_due)}; the report is {state}"
        )
    stage = _stage(item, report, as_of)
    if stage is None or (stage != "opened" and owner.key == p.business_manager().key):
        return  # the papers' own deadline reminds the business manager (reminders cycle)
    built = message(
        p,
        owner,
        key=f"committee-returns/{deadline.subject}/{item.meeting.held_on.isoformat()}/{stage}",
        template=TEMPLATE,
        context={
            "stage": stage,
            "title": deadline.title,
            "committee": p.board(deadline.board_key).name,
            "meeting_on": item.meeting.held_on,
            "papers_due": item.papers_due,
            "due_on": deadline.due_on,
            "state": state,
            "on_record": report is not None,
            "clear_days": p.policy.committee_papers_clear_days,
            "link": link(workspace_of(render), Page.REPORTS, p.key, Item.REPORT, item.report_key),
        },
        render=render,
        on=as_of,
        board_key=deadline.board_key,
    )
    if run.queued(uow, built, at=now):
        what = f"{owner.name}: {deadline.title}, papers by {spoken(item.papers_due)}"
        (run.asked if stage == "opened" else run.chased).append(what)
