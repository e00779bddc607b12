"""The review-clocks cycle run for real by Prefect on the Bradford demo, against SMTP on loopback.

BSAB-SAR-2026-01 was initiated on Monday 1 June 2026: each member agency of the BSAB is asked for
its chronology by 29 June (20 working days), and chased on 25 June (2 working days before).
The Section 11 self-assessments of 2026 are due on 31 October; the calendar opens them on 2 August.
"""

import mailbox
from datetime import UTC, date, datetime
from email.header import decode_header, make_header
from pathlib import Path

import pytest

from flows.adapters.mail_sink import MailSink
from flows.review_clocks import review_clocks
from governance.deadlines.model import Duty
from governance.deadlines.use_cases import run_calendar
from governance.returns.model import SubmitReturn
from governance.returns.use_cases import submit_return
from governance.vocabulary import Role
from registry.unit_of_work import SqlUnitOfWork
from tests.cycle_demo import demo_for_flows
from tests.prefect_harness import prefect_server  # noqa: F401  (a fixture)

pytestmark = [pytest.mark.prefect, pytest.mark.usefixtures("prefect_server")]

SAR = "BSAB-SAR-2026-01"
INITIATED, CHASED_ON = date(2026, 6, 1), date(2026, 6, 25)
SECTION_11_OPENS, A_WEEK_LATE = date(2026, 8, 3), date(2026, 11, 7)


@pytest.fixture
def demo(sqlite_url: str, sqlite_engine, tmp_path: Path, monkeypatch) -> dict:
    return demo_for_flows(sqlite_url, sqlite_engine, tmp_path, monkeypatch)


def run_cycle(demo: dict, as_of: date):
    with MailSink(demo["mail"], demo["port"]):
        return review_clocks(as_of=as_of, partnership="bradford").of("bradford")


def mail(demo: dict) -> list[tuple[str, str]]:
    if not (demo["mail"] / "cur").exists():
        return []
    return sorted(
        (str(make_header(decode_header(m["To"]))), str(make_header(decode_header(m["Subject"]))))
        for m in mailbox.Maildir(str(demo["mail"]), create=False)
    )


def partnership(demo: dict):
    with SqlUnitOfWork(demo["engine"], partnership="bradford") as work:
        return work.partnership.snapshot()


def test_a_new_sar_asks_each_member_agency_of_its_board_for_a_chronology_at_its_mailbox_once(demo):
    first = run_cycle(demo, INITIATED)
    again = run_cycle(demo, INITIATED)
    members = partnership(demo).member_agencies("bsab")
    asked = [(to, subject) for to, subject in mail(demo) if subject.startswith(SAR)]
    assert sorted(to for to, _ in asked) == sorted(a.mailbox for a in members)
    assert all("by Monday 29 June 2026" in subject for _, subject in asked)
    assert (again.cycle.messages_queued, again.delivery.sent) == (0, 0)
    assert first.delivery.sent == len(mail(demo))


def test_the_chronology_is_chased_once_two_working_days_before_its_date(demo):
    run_cycle(demo, INITIATED)
    run_cycle(demo, CHASED_ON)
    run_cycle(demo, date(2026, 6, 26))
    chasers = [to for to, subject in mail(demo) if subject.startswith(f"Reminder: {SAR}")]
    assert sorted(chasers) == sorted(a.mailbox for a in partnership(demo).member_agencies("bsab"))


def calendar(demo: dict, as_of: date) -> None:
    now = datetime.combine(as_of, datetime.min.time(), tzinfo=UTC)
    run_calendar(as_of, uow=SqlUnitOfWork(demo["engine"], partnership="bradford"), now=now)


def section_11_owners(demo: dict) -> set[str]:
    p = partnership(demo)
    contacts = (Role.AGENCY_REPRESENTATIVE, Role.MEMBER)
    return {p.agency_contact(a.key, *contacts).email for a in p.agencies if a.section_11}


def test_each_section_11_return_is_asked_for_when_the_calendar_opens_it(demo):
    calendar(demo, SECTION_11_OPENS)
    run_cycle(demo, SECTION_11_OPENS)
    asked = {to for to, subject in mail(demo) if subject.startswith("Section 11 self-assessment 2026")}
    assert asked == section_11_owners(demo)


def test_a_late_return_is_chased_a_week_after_its_date_and_a_return_made_is_not(demo):
    calendar(demo, SECTION_11_OPENS)
    police = "section-11/west-yorkshire-police"
    submit_return(
        SubmitReturn(
            duty=Duty.SECTION_11_AUDIT,
            subject=police,
            period="2026",
            submitted_by="joanne-pickering",
            submitted_on=date(2026, 10, 30),
        ),
        uow=SqlUnitOfWork(demo["engine"], partnership="bradford"),
        now=datetime(2026, 10, 30, 12, tzinfo=UTC),
    )
    run_cycle(demo, date(2026, 11, 6))  # six days late: the ladder's overdue notice, no chaser yet
    assert mail(demo) == []
    run_cycle(demo, A_WEEK_LATE)
    chased = {
        to for to, subject in mail(demo) if subject.startswith("Overdue: Section 11 self-assessment 2026")
    }
    p = partnership(demo)
    police_contact = p.agency_contact("west-yorkshire-police", Role.AGENCY_REPRESENTATIVE, Role.MEMBER).email
    assert chased == section_11_owners(demo) - {police_contact}
