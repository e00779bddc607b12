"""The review-clocks cycle: case-review clocks and multi-agency audits, with their requests and chasers.

The clocks themselves are deadlines on the calendar (``governance.deadlines.duties.reviews``):
the serious incident notification (5 working days), the rapid review (15 working days from the
notification), the practice review's publication and the SAR's completion (months), and each
agency's Section 11 and each school's Section 175/157 audit return. The reminders cycle takes
their escalation ladder (to the owner before and just after the due date, then the business
manager and the chair). This cycle adds the asking and the chasing the ladder does not do:

- an audit return recorded on the calendar is asked for when its window opens (90 days before it
  is due), of the person who returns it; once late, it is chased every ``CHASE_EVERY_DAYS`` days
  until it is in (at most ``MAX_CHASERS`` times);
- a rapid review asks each statutory partner for its information when its clock starts (the
  notification), by ``INFORMATION_WORKING_DAYS`` working days before the review is due; a SAR
  and a practice review ask each member agency of their board for its chronology, by
  ``CHRONOLOGY_WORKING_DAYS`` working days after initiation. Each request is chased once,
  ``CHASE_WORKING_DAYS_BEFORE`` working days before its date, unless the clock has stopped.

Requests go to the agency's shared mailbox, else its contact. Every message is keyed, so a run
repeated on a day asks nobody twice; after a pause only the latest chaser is sent.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from governance.dates import add_working_days, spoken, working_days_before, working_days_from
from governance.deadlines.duties.reviews import case_review_clocks, section_11_audits, section_175_audits
from governance.deadlines.model import Deadline, DeadlineOnRecord, DeadlineState, Duty
from governance.notifications.links import Page, link, workspace_of
from governance.notifications.model import MessageRenderer
from governance.partnership.model import AgencyOnRecord, PartnershipOnRecord
from governance.partnership.people import PersonOnRecord
from governance.ports import GovernanceUnitOfWork
from governance.returns.cycles import CycleRun, agency_addressee, due_chaser, message, record_cycle_run
from governance.vocabulary import Cycle

CYCLE = Cycle.REVIEW_CLOCKS
CHASE_EVERY_DAYS = 7
INFORMATION_WORKING_DAYS = 5
CHRONOLOGY_WORKING_DAYS = 20
CHASE_WORKING_DAYS_BEFORE = 2
MAX_CHASERS = 6
"""Six weekly chasers; by then the ladder has taken the late return to the business manager and
the chair, and the run lists it as overdue without writing again."""
DONE = (DeadlineState.SUBMITTED, DeadlineState.ACCEPTED, DeadlineState.CLOSED)
WAITING = (DeadlineState.SCHEDULED, DeadlineState.OPEN, DeadlineState.RETURNED)
AUDITS = (Duty.SECTION_11_AUDIT, Duty.SECTION_175_AUDIT)
WHAT = {
    Duty.RAPID_REVIEW: "its information for the rapid review",
    Duty.SAR_COMPLETION: "its chronology for the safeguarding adults review",
    Duty.LCSPR_PUBLICATION: "its chronology for the child safeguarding practice review",
}


class ReviewClocksRun(CycleRun):
    cycle: str = CYCLE.value


@dataclass(frozen=True)
class InformationRequest:
    clock: Deadline
    agency: AgencyOnRecord
    by: date

    @property
    def key(self) -> str:
        return f"review-clocks/{self.clock.subject}/{self.clock.duty.slug}/{self.agency.key}"


def _done(
    uow: GovernanceUnitOfWork, clock: Deadline, live: dict[tuple[str, str, str], DeadlineOnRecord]
) -> bool:
    """Stopped: the registry's facts say so, or the recorded deadline was met (a clock the facts
    have stopped is not looked up)."""
    if clock.state in DONE:
        return True
    recorded = live.get(clock.key) or uow.deadlines.find(clock.key)
    return recorded is not None and recorded.state in DONE


def information_requests(p: PartnershipOnRecord, clock: Deadline) -> list[InformationRequest]:
    """Whom a running case-review clock asks for information, and by when."""
    started = clock.opens_on or clock.due_on
    if clock.duty is Duty.RAPID_REVIEW:
        agencies = [a for a in p.agencies if a.statutory_partner]
        by = working_days_before(clock.due_on, INFORMATION_WORKING_DAYS)
    elif clock.duty in (Duty.SAR_COMPLETION, Duty.LCSPR_PUBLICATION):
        agencies = p.member_agencies(clock.board_key)
        by = add_working_days(started, CHRONOLOGY_WORKING_DAYS)
    else:
        return []
    return [InformationRequest(clock=clock, agency=a, by=by) for a in agencies]


def run_review_clocks(
    as_of: date, *, uow: GovernanceUnitOfWork, render: MessageRenderer, now: datetime
) -> ReviewClocksRun:
    """The review-clocks cycle for one partnership on ``as_of``: one transaction."""
    run = ReviewClocksRun(as_of=as_of)
    with uow:
        p = uow.partnership.snapshot()
        start, end = as_of - timedelta(days=400), as_of + timedelta(days=400)
        live = {d.key: d for d in uow.deadlines.live()}  # one read, not one a clock
        for clock in case_review_clocks(p, start, end):
            if (clock.opens_on or clock.due_on) <= as_of and not _done(uow, clock, live):
                _clock(uow, p, clock, as_of, run, render, now)
        for audit in [*section_11_audits(p, start, end), *section_175_audits(p, start, end)]:
            recorded = live.get(audit.key)  # a return is submitted against its recorded (live) deadline
            if (
                (audit.opens_on or audit.due_on) <= as_of
                and recorded is not None
                and recorded.state in WAITING
            ):
                _audit(uow, p, recorded, as_of, run, render, now)
        record_cycle_run(uow, run, now=now, said={"as_of", "asked", "chased", "overdue", "notes"})
        uow.commit()
    return run


def _clock(
    uow: GovernanceUnitOfWork,
    p: PartnershipOnRecord,
    clock: Deadline,
    as_of: date,
    run: ReviewClocksRun,
    render: MessageRenderer,
    now: datetime,
) -> None:
    left = working_days_from(as_of, clock.due_on)
    standing = f"{left} working day(s) left" if left >= 0 else f"overdue by {-left} working day(s)"
    (run.overdue if left < 0 else run.notes).append(f"{clock.title}: due {spoken(clock.due_on)}, {standing}")
    for request in information_requests(p, clock):
        if as_of > request.by:
            continue  # past its date: the clock's own ladder follows it up from here
        chase = as_of >= working_days_before(request.by, CHASE_WORKING_DAYS_BEFORE)
        to = agency_addressee(p, request.agency)
        context = {
            "reference": clock.subject,
            "what": WHAT[clock.duty],
            "agency": request.agency.name,
            "by": request.by,
            "clock_due_on": clock.due_on,
            "chase": chase,
            "board": p.board(clock.board_key).name,
        }
        key = f"{request.key}/chase" if chase else request.key
        what = f"{request.agency.name}: {WHAT[clock.duty]} {clock.subject}, by {spoken(request.by)}"
        _send(
            uow,
            p,
            to,
            key,
            "review_information_request",
            context,
            as_of,
            run,
            now,
            render,
            clock,
            what,
            chase,
        )


def _audit(
    uow: GovernanceUnitOfWork,
    p: PartnershipOnRecord,
    audit: Deadline,
    as_of: date,
    run: ReviewClocksRun,
    render: MessageRenderer,
    now: datetime,
) -> None:
    owner = p.person(audit.owner_key)
    late = (as_of - audit.due_on).days
    chase = due_chaser(audit.due_on, as_of, CHASE_EVERY_DAYS) if late > 0 else 0
    if late > 0:
        run.overdue.append(f"{audit.title}: {owner.name}, due {spoken(audit.due_on)}, late by {late} day(s)")
    base = f"review-clocks/{audit.duty.slug}/{audit.subject}/{audit.period}"
    key = f"{base}/chase-{chase}" if chase else f"{base}/request"
    if late > 0 and not 0 < chase <= MAX_CHASERS:
        return  # the ladder's overdue notice comes first; the weekly chasers start a week late
    context = {
        "title": audit.title,
        "duty": audit.duty.value,
        "due_on": audit.due_on,
        "chase": chase,
        "late_by": max(late, 0),
        "link": link(workspace_of(render), Page.SUBMIT, p.key),
    }
    _send(
        uow,
        p,
        owner,
        key,
        "audit_return_request",
        context,
        as_of,
        run,
        now,
        render,
        audit,
        audit.title,
        bool(chase),
    )


def _send(
    uow: GovernanceUnitOfWork,
    p: PartnershipOnRecord,
    to: PersonOnRecord,
    key: str,
    template: str,
    context: dict,
    as_of: date,
    run: ReviewClocksRun,
    now: datetime,
    render: MessageRenderer,
    about: Deadline,
    what: str,
    chase: bool,
) -> None:
    context = {**context, "link": context.get("link") or _deadline_link(p, render, about)}
    built = message(
        p, to, key=key, template=template, context=context, render=render, on=as_of, board_key=about.board_key
    )
    if run.queued(uow, built, at=now):
        (run.chased if chase else run.asked).append(f"{what} (to {to.email})")


def _deadline_link(p: PartnershipOnRecord, render: MessageRenderer, about: Deadline) -> str:
    """Requests about case reviews carry no reference in their link (the workspace shows the clock
    to whoever it concerns once signed in)."""
    return link(workspace_of(render), Page.MY_WORK, p.key)
