"""The sub-group reporting cycle, for one day: before each board meeting, ask every sub-group that
serves the board for its highlight report; collect what came in; and when the pack is complete, or
at its deadline, assemble the board pack, render it as PDF and queue it to the board's chair and
members, naming any report still missing (``governance.boards.model`` holds the rules).

One transaction. Each step is idempotent by its outbox key: a second run on the same day (or any
later day) asks nobody twice and sends no pack twice.
"""

from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime

from pydantic import BaseModel

from governance.already_queued import queued_before
from governance.boards.messages import PDF, pack_message, report_request
from governance.boards.model import IN, BoardMeeting, meetings_ahead, pack_readers
from governance.deadlines.model import DeadlineOnRecord, DeadlineState
from governance.documents.model import Audience
from governance.documents.ports import DocumentRenderer
from governance.documents.sub_group_reports import board_pack
from governance.notifications.links import workspace_of
from governance.notifications.messages import contact_of
from governance.notifications.model import Attachment, MessageRenderer
from governance.partnership.model import PartnershipOnRecord
from governance.ports import GovernanceUnitOfWork
from governance.returns.model import SubmissionOnRecord
from governance.vocabulary import Cycle

CYCLE = Cycle.SUB_GROUP_REPORTING


class SubGroupReportingRun(BaseModel):
    """What one run of the sub-group reporting cycle did, for the command line, logs and audit trail."""

    cycle: str
    as_of: date
    meetings: int = 0
    deadlines_recorded: int = 0
    requests_queued: int = 0
    requests_already_queued: int = 0
    packs_sent: int = 0
    messages_queued: int = 0
    recipients: list[str] = []
    asked: list[str] = []
    """Each report asked for: of whom, for which meeting."""
    overdue: list[str] = []
    """Each report missing from a pack that went out."""
    sent: list[str] = []
    """Each board pack queued: the meeting, how many reports, to how many people."""

    def summary(self) -> str:
        return (
            f"{self.cycle} as of {self.as_of:%d %B %Y}: {self.meetings} meetings coming up; "
            f"{self.requests_queued} report requests queued ({self.requests_already_queued} already queued before); "
            f"{self.packs_sent} board packs sent, {len(self.overdue)} reports missing from them; "
            f"deadlines: {self.deadlines_recorded} recorded"
        )


def run_sub_group_reporting(
    as_of: date,
    *,
    uow: GovernanceUnitOfWork,
    render: MessageRenderer,
    documents: DocumentRenderer,
    now: datetime,
) -> SubGroupReportingRun:
    run = SubGroupReportingRun(cycle=CYCLE, as_of=as_of)
    with uow:
        p = uow.partnership.snapshot()
        meetings = meetings_ahead(p, as_of)
        on_record = _recorded(uow, meetings, as_of, run)
        for meeting in meetings:
            run.meetings += 1
            recorded = on_record(meeting)
            if meeting.asks_on(as_of):
                _ask(uow, meeting, recorded, p, render, now, run)
            submissions = uow.submissions.for_meeting(meeting.board.key, meeting.held_on)
            if meeting.pack_goes_on(as_of, submissions):
                _send_pack(uow, meeting, submissions, p, render, documents, now, run)
        uow.audit.record(
            at=now, actor="system", event="cycle run", subject=CYCLE, details=run.model_dump(mode="json")
        )
        uow.commit()
    return run


def _recorded(
    uow: GovernanceUnitOfWork, meetings: list[BoardMeeting], as_of: date, run: SubGroupReportingRun
) -> Callable[[BoardMeeting], list[DeadlineOnRecord]]:
    """Record the meetings' report deadlines the calendar has not yet; then each meeting's as recorded,
    from one read of the live deadlines (a closed one is looked up on its own)."""
    for deadline in (d for meeting in meetings for d in meeting.deadlines):
        if uow.deadlines.record(deadline, recorded_on=as_of):
            run.deadlines_recorded += 1
    live = {d.key: d for d in uow.deadlines.live()} if meetings else {}

    def of(meeting: BoardMeeting) -> list[DeadlineOnRecord]:
        found = (live.get(d.key) or uow.deadlines.find(d.key) for d in meeting.deadlines)
        return [d for d in found if d is not None]

    return of


def _ask(
    uow: GovernanceUnitOfWork,
    meeting: BoardMeeting,
    recorded: list[DeadlineOnRecord],
    p: PartnershipOnRecord,
    render: MessageRenderer,
    now: datetime,
    run: SubGroupReportingRun,
) -> None:
    """One request per lead for the meeting, listing each of their sub-groups' reports not yet in."""
    by_lead: dict[str, list[DeadlineOnRecord]] = defaultdict(list)
    for deadline in recorded:
        if deadline.state not in (*IN, DeadlineState.CLOSED):
            by_lead[deadline.owner_key].append(deadline)
    leads = uow.people.find_many(set(by_lead)) if by_lead else {}
    base, contact = workspace_of(render), contact_of(p)
    for key in sorted(by_lead):
        lead = leads[key]
        message = report_request(lead, meeting, by_lead[key], p, render, base=base, contact=contact)
        if uow.outbox.enqueue(message, at=now):
            run.requests_queued += 1
            run.messages_queued += 1
            run.recipients.append(lead.name)
            groups = ", ".join(p.sub_group(d.sub_group_key or "").name for d in by_lead[key])
            run.asked.append(f"{lead.name}: {groups} report for {meeting.label}")
        else:
            run.requests_already_queued += 1


def _send_pack(
    uow: GovernanceUnitOfWork,
    meeting: BoardMeeting,
    submissions: list[SubmissionOnRecord],
    p: PartnershipOnRecord,
    render: MessageRenderer,
    documents: DocumentRenderer,
    now: datetime,
    run: SubGroupReportingRun,
) -> None:
    readers = pack_readers(p, meeting.board.key)
    if queued_before(uow.outbox, [meeting.key("pack", r.key) for r in readers]):
        return
    document = board_pack(meeting.board.key, meeting.held_on, submissions, p).for_audience(
        Audience.RESTRICTED
    )
    pdf = Attachment(
        filename=f"{document.key}.pdf", media_type=PDF, content=documents.render(document, "pdf")
    )
    owners = uow.people.find_many({d.owner_key for d in meeting.deadlines})
    contact = contact_of(p)
    queued = 0
    for reader in readers:
        message = pack_message(reader, meeting, submissions, pdf, p, render, owners=owners, contact=contact)
        if uow.outbox.enqueue(message, at=now):
            queued += 1
            run.recipients.append(reader.name)
    if not queued:
        return
    run.packs_sent += 1
    run.messages_queued += queued
    missing = meeting.missing(submissions)
    run.overdue += [f"{p.sub_group(key).name} report for {meeting.label}" for key in missing]
    run.sent.append(
        f"{meeting.label} board pack: {len(submissions)} of {len(meeting.deadlines)} reports, to {queued} people"
    )
    uow.audit.record(
        at=now,
        actor="system",
        event="board pack sent",
        subject=f"{meeting.board.key} {meeting.held_on.isoformat()}",
        details={
            "submissions": [s.id for s in submissions],
            "missing": missing,
            "to": [r.key for r in readers],
            "document": document.key,
            "version": document.fingerprint,
        },
    )
