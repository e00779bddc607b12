"""Sub-group reporting, as rules: which board meetings are coming up, when each one's highlight
reports are asked for, when its board pack goes out, and who receives it (the messages are in ``messages``).

A board's meeting is served by every sub-group that reports to the board. Each sub-group's report
is due ``sub_group_report_working_days`` working days before the meeting (the calendar's
``sub-group report`` deadline); the request goes to its lead once that deadline's window opens
(``lead_time_days`` before it). The pack goes out on the first run after the deadline day, or
earlier on the first run that finds every report in; never on or after the meeting day.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from governance.dates import working_days_before
from governance.deadlines.duties.boards import sub_group_reports
from governance.deadlines.model import Deadline, DeadlineState
from governance.notifications.messages import each_once
from governance.partnership.model import BoardOnRecord, MeetingOnRecord, PartnershipOnRecord
from governance.partnership.people import PersonOnRecord
from governance.returns.model import SubmissionOnRecord
from governance.vocabulary import Cycle, Role

CHAIRS = (Role.INDEPENDENT_CHAIR, Role.COMMITTEE_CHAIR)
MEMBERS = (Role.MEMBER, Role.AGENCY_REPRESENTATIVE)
IN = (DeadlineState.SUBMITTED, DeadlineState.ACCEPTED)
"""A report in: submitted (accepted, once the business unit has looked at it)."""


@dataclass(frozen=True)
class BoardMeeting:
    """One meeting of a board that sub-groups report to, with each sub-group's report deadline."""

    board: BoardOnRecord
    meeting: MeetingOnRecord
    reports_due_on: date
    requests_open_on: date
    deadlines: tuple[Deadline, ...]

    @property
    def held_on(self) -> date:
        return self.meeting.held_on

    @property
    def label(self) -> str:
        return f"{self.board.short_name} {self.held_on:%d %B %Y}"

    def key(self, *parts: str) -> str:
        """An outbox key of this meeting's: ``sub-group-reporting/<board>/<meeting date>/...``."""
        return "/".join((Cycle.SUB_GROUP_REPORTING.value, self.board.key, self.held_on.isoformat(), *parts))

    def asks_on(self, as_of: date) -> bool:
        """The highlight reports are asked for from the day the deadline opens until its day."""
        return self.requests_open_on <= as_of <= self.reports_due_on

    def pack_goes_on(self, as_of: date, submissions: list[SubmissionOnRecord]) -> bool:
        """After the deadline day, or once every report is in; before the meeting, in any case."""
        if as_of >= self.held_on:
            return False
        return as_of > self.reports_due_on or not self.missing(submissions)

    def missing(self, submissions: list[SubmissionOnRecord]) -> list[str]:
        """The sub-groups (by key) whose report for this meeting has not come in."""
        came_in = {s.sub_group_key for s in submissions}
        return [d.sub_group_key or "" for d in self.deadlines if d.sub_group_key not in came_in]


def meetings_ahead(p: PartnershipOnRecord, as_of: date) -> list[BoardMeeting]:
    """Meetings not yet held whose reports' window has opened, of boards that sub-groups report to."""
    days, lead = p.policy.sub_group_report_working_days, p.policy.lead_time_days
    served = {board for g in p.sub_groups for board in g.reports_to}
    found = []
    for board in (b for b in p.boards if b.key in served):
        for meeting in board.meetings:
            due = working_days_before(meeting.held_on, days)
            opens = due - timedelta(days=lead)
            if meeting.held_on <= as_of or as_of < opens:
                continue
            deadlines = tuple(
                d
                for d in sub_group_reports(p, due, due)
                if d.board_key == board.key and d.period == meeting.held_on.isoformat()
            )
            found.append(BoardMeeting(board, meeting, due, opens, deadlines))
    return sorted(found, key=lambda m: (m.held_on, m.board.key))


def pack_readers(p: PartnershipOnRecord, board_key: str) -> list[PersonOnRecord]:
    """The board's chair and its members (and agency representatives), each once. A board with no
    chair on record has its pack sent to the business manager in the chair's place."""
    chairs = [person for role in CHAIRS for person in p.holders(role, board_key)]
    if not chairs:
        chairs = [p.business_manager()]
    members = [person for role in MEMBERS for person in p.holders(role, board_key)]
    return each_once([*chairs, *members])
