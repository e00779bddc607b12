"""The enquiries cycle: councillors' enquiries against the seven-day answer time (seed 000).

Each enquiry is already a deadline on the calendar (``boards.councillor_enquiries``: due
``councillor_enquiry_days`` after receipt, met when the registry records the answer), and the
reminders cycle takes its escalation ladder: the owner hears on the day it arrives ("due in 7
days"), the day before, and the day after if it is late; then the business manager, then the
committee's chair. This cycle does not send any of that again. It adds what the ladder does not
give: once a week, the business manager's account of the enquiries, committee by committee (open,
overdue, answered in the financial year and how many within the answer time), and the run's own
list of what is open and overdue for the artifact.
"""

from datetime import date, datetime, timedelta

from governance.dates import FinancialYear, spoken
from governance.notifications.links import Page, link, workspace_of
from governance.notifications.model import MessageRenderer
from governance.partnership.model import EnquiryOnRecord, PartnershipOnRecord
from governance.ports import GovernanceUnitOfWork
from governance.returns.cycles import CycleRun, message, record_cycle_run
from governance.vocabulary import Cycle

CYCLE = Cycle.ENQUIRIES
TEMPLATE = "enquiries_summary"


class EnquiriesRun(CycleRun):
    cycle: str = CYCLE.value
    answered_in_time: int = 0
    answered_late: int = 0

    def summary(self) -> str:
        answered = self.answered_in_time + self.answered_late
        return (
            super().summary()
            + f"\n  this financial year: {answered} answered, {self.answered_in_time} within the answer time"
        )


def due_on(enquiry: EnquiryOnRecord, p: PartnershipOnRecord) -> date:
    return enquiry.received_on + timedelta(days=p.policy.councillor_enquiry_days)


def _line(enquiry: EnquiryOnRecord, p: PartnershipOnRecord, as_of: date) -> dict:
    due = due_on(enquiry, p)
    return {
        "reference": enquiry.reference,
        "subject": enquiry.subject,
        "committee": p.board(enquiry.board_key).short_name,
        "owner": p.person(enquiry.owner_key).name,
        "received_on": enquiry.received_on,
        "due_on": due,
        "late_by": (as_of - due).days if as_of > due else 0,
    }


def run_enquiries(
    as_of: date, *, uow: GovernanceUnitOfWork, render: MessageRenderer, now: datetime
) -> EnquiriesRun:
    """The enquiries cycle for one partnership on ``as_of``: one transaction."""
    run = EnquiriesRun(as_of=as_of)
    with uow:
        p = uow.partnership.snapshot()
        year = FinancialYear.of(as_of)
        received = [e for e in p.enquiries if e.received_on <= as_of]
        open_ = [e for e in received if e.answered_on is None or e.answered_on > as_of]
        answered = [e for e in received if e not in open_ and e.answered_on in year]
        for enquiry in open_:
            line = _line(enquiry, p, as_of)
            what = f"{enquiry.reference} ({line['committee']}): {line['owner']}, due {spoken(line['due_on'])}"
            (run.overdue if line["late_by"] else run.asked).append(what)
        run.answered_in_time = sum(1 for e in answered if e.answered_on <= due_on(e, p))  # type: ignore[operator]
        run.answered_late = len(answered) - run.answered_in_time
        if open_ or answered:
            _weekly_account(uow, p, as_of, run, open_, answered, render, now)
        record_cycle_run(uow, run, now=now, said={"as_of", "asked", "overdue", "answered_in_time"})
        uow.commit()
    return run


def _weekly_account(
    uow: GovernanceUnitOfWork,
    p: PartnershipOnRecord,
    as_of: date,
    run: EnquiriesRun,
    open_: list[EnquiryOnRecord],
    answered: list[EnquiryOnRecord],
    render: MessageRenderer,
    now: datetime,
) -> None:
    """One account a week (keyed by the ISO week, whichever day the cycle first runs in it)."""
    manager = p.business_manager()
    iso = as_of.isocalendar()
    lines = sorted((_line(e, p, as_of) for e in open_), key=lambda x: (-x["late_by"], x["due_on"]))
    built = message(
        p,
        manager,
        key=f"enquiries/account/{iso.year}-W{iso.week:02d}",
        template=TEMPLATE,
        context={
            "week_of": as_of - timedelta(days=as_of.weekday()),
            "open": lines,
            "overdue": [x for x in lines if x["late_by"]],
            "answered": len(answered),
            "answered_in_time": run.answered_in_time,
            "year": FinancialYear.of(as_of).label,
            "days": p.policy.councillor_enquiry_days,
            "link": link(workspace_of(render), Page.DEADLINES, p.key),
        },
        render=render,
        on=as_of,
    )
    run.queued(uow, built, at=now)
