"""The annual-report cycle run for real by Prefect on the Bradford demo, against SMTP on loopback.

The BSAB annual report 2025/26 is on record as a draft with four of its five members' parts in:
Healthwatch Bradford and District's is missing (Care Act 2014 Sch 2 para 4(1)(c)). Published, it
goes to the five recipients of para 4(2), and to nobody else.
"""

import mailbox
from datetime import UTC, date, datetime
from email.header import decode_header, make_header
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from flows.adapters.mail_sink import MailSink
from flows.annual_report import annual_report
from governance.documents.model import Document
from governance.lifecycles import ReportState
from governance.reports.model import RECIPIENT_ROLES, RECIPIENTS, Recipient
from governance.reports.use_cases import (
    approve_report,
    check_report,
    edit_report_section,
    publish_report,
    return_report,
    send_for_review,
)
from governance.vocabulary import ReportKind
from registry import tables as m
from registry.unit_of_work import SqlUnitOfWork
from tests.cycle_demo import demo_for_flows
from tests.prefect_harness import prefect_server  # noqa: F401  (a fixture)

pytestmark = [pytest.mark.prefect, pytest.mark.usefixtures("prefect_server")]

SAB = "bsab-annual-report-2025-26"
TITLE = "Bradford Safeguarding Adults Board annual report 2025/26"
MANAGER, BSAB_CHAIR = "joanne-pickering", "rukhsana-malik"
HEALTHWATCH_MAILBOX = "info@healthwatch-bradford.example"
AFTER_THE_YEAR_END = date(2026, 4, 7)
NOW = datetime(2026, 11, 2, 9, tzinfo=UTC)


@pytest.fixture
def demo(sqlite_url: str, sqlite_engine, tmp_path: Path, monkeypatch) -> dict:
    return demo_for_flows(sqlite_url, sqlite_engine, tmp_path, monkeypatch)


@pytest.fixture
def demo_anywhere(registry_url: str, engine, tmp_path: Path, monkeypatch) -> dict:
    """The demo on SQLite and on PostgreSQL."""
    return demo_for_flows(registry_url, engine, tmp_path, monkeypatch)


def run_cycle(demo: dict, as_of: date):
    with MailSink(demo["mail"], demo["port"]):
        return annual_report(as_of=as_of, partnership="bradford").of("bradford")


def mail(demo: dict) -> list[dict]:
    """Every message the sink received: to, subject, body and attachments (name, type, bytes)."""
    folder = demo["mail"]
    if not (folder / "cur").exists():
        return []
    found = []
    for message in mailbox.Maildir(str(folder), create=False):
        parts = list(message.walk()) if message.is_multipart() else [message]
        text = next((p for p in parts if p.get_content_type() == "text/plain"), message)
        found.append(
            {
                "to": str(make_header(decode_header(message["To"]))),
                "subject": str(make_header(decode_header(message["Subject"]))),
                "body": (text.get_payload(decode=True) or b"").decode("utf-8", "replace"),
                "attachments": [
                    (p.get_filename(), p.get_content_type(), p.get_payload(decode=True))
                    for p in parts
                    if p.get_filename()
                ],
            }
        )
    return found


def uow(demo: dict) -> SqlUnitOfWork:
    return SqlUnitOfWork(demo["engine"], partnership="bradford")


def email_of(demo: dict, person: str) -> str:
    with Session(demo["engine"]) as session:
        return session.exec(select(m.Person.email).where(m.Person.key == person)).one()


def add_healthwatch_part(demo: dict) -> None:
    edit_report_section(
        SAB,
        section="member_contributions/healthwatch-bradford",
        text="[Demo text] Ran the Safeguarding Voice survey of people who use services.",
        edited_by=MANAGER,
        based_on=check_report(SAB, uow=uow(demo)).version,
        uow=uow(demo),
        now=NOW,
    )


class PdfOfTitle:
    def render(self, document: Document, fmt: str) -> bytes:
        return f"%PDF-1.7 {fmt} {document.title}".encode()


class Passes:
    def check(self, fmt: str, content: bytes) -> list[str]:
        return []


def publish_the_sab_report(demo: dict, on: date) -> bytes:
    """Approved by the independent chair and published: the public PDF it issued."""
    add_healthwatch_part(demo)
    send_for_review(SAB, by=MANAGER, uow=uow(demo), now=NOW)
    version = check_report(SAB, uow=uow(demo)).version
    approve_report(
        SAB, approved_by=BSAB_CHAIR, version=version, uow=uow(demo), now=NOW, renderer=PdfOfTitle()
    )
    publish_report(SAB, by=MANAGER, on=on, uow=uow(demo), now=NOW, renderer=PdfOfTitle(), checker=Passes())
    with Session(demo["engine"]) as session:
        report_id = session.exec(select(m.Report.id).where(m.Report.key == SAB)).one()
        return session.exec(
            select(m.ReportFile.content).where(
                m.ReportFile.report_id == report_id,
                m.ReportFile.purpose == "publication",
                m.ReportFile.format == "pdf",
            )
        ).one()


def para_4_2_addresses(demo: dict) -> set[str]:
    """The para 4(2) recipients' addresses as the registry holds them: the partnership file's
    statutory addressees, else the people holding each recipient's role."""
    with uow(demo) as work:
        p = work.partnership.snapshot()
    given = p.statutory_recipients
    return {
        given[r].address if r in given else p.holders(RECIPIENT_ROLES[r])[0].email
        for r in RECIPIENTS[ReportKind.SAB_ANNUAL_REPORT]
    }


def test_after_the_year_end_the_member_whose_part_is_missing_is_asked_once_at_its_shared_mailbox(demo):
    first = run_cycle(demo, AFTER_THE_YEAR_END)
    again = run_cycle(demo, AFTER_THE_YEAR_END)
    [asked] = mail(demo)
    assert asked["to"] == HEALTHWATCH_MAILBOX
    assert asked["subject"].startswith("Healthwatch Bradford and District's part of")
    assert "Schedule 2, paragraph 4(1)(c)" in asked["body"]
    assert (first.delivery.sent, again.cycle.messages_queued, again.delivery.sent) == (1, 0, 0)
    assert "BSAB-SAR-2025-01" in " ".join(first.cycle.notes)  # the reviews register, drawn in


def test_an_unanswered_request_is_chased_every_fortnight_and_after_a_pause_only_the_latest_chaser_goes(
    demo,
):
    run_cycle(demo, AFTER_THE_YEAR_END)
    run_cycle(demo, date(2026, 4, 20))  # 13 days: not yet
    run_cycle(demo, date(2026, 4, 21))  # 14 days: the first chaser
    run_cycle(demo, date(2026, 5, 19))  # 42 days, after a pause: the third only
    subjects = sorted(m["subject"] for m in mail(demo) if m["to"] == HEALTHWATCH_MAILBOX)
    asked = f"Healthwatch Bradford and District's part of the {TITLE}"
    assert subjects == [asked, f"Reminder 1: {asked}", f"Reminder 3: {asked}"]


def test_a_dry_run_says_whom_it_would_ask_and_sends_and_records_nothing(demo):
    with MailSink(demo["mail"], demo["port"]):
        outcome = annual_report(as_of=AFTER_THE_YEAR_END, partnership="bradford", dry_run=True).of("bradford")
    assert outcome.cycle.recipients == ["Healthwatch Bradford and District (Priya Natarajan)"]
    assert mail(demo) == []
    with Session(demo["engine"]) as session:
        assert session.exec(select(m.Notification)).all() == []


def test_once_every_part_is_in_and_the_checks_pass_the_draft_goes_to_its_approver_once(demo):
    add_healthwatch_part(demo)
    outcome = run_cycle(demo, AFTER_THE_YEAR_END)
    assert check_report(SAB, uow=uow(demo)).state is ReportState.IN_REVIEW
    sent = {(m["to"], m["subject"]) for m in mail(demo)}
    assert sent == {
        (email_of(demo, BSAB_CHAIR), f"For your approval: {TITLE}"),
        (email_of(demo, MANAGER), f"Sent for approval: {TITLE}"),
    }
    assert outcome.delivery.sent == 2
    return_report(SAB, by=BSAB_CHAIR, note="Say more on advocacy.", uow=uow(demo), now=NOW)
    before = len(mail(demo))
    again = run_cycle(demo, date(2026, 4, 8))
    assert check_report(SAB, uow=uow(demo)).state is ReportState.DRAFT  # returned: not sent again as is
    assert again.cycle.messages_queued == 0 and len(mail(demo)) == before


def test_the_published_sab_report_reaches_exactly_the_para_4_2_recipients_with_its_pdf_and_each_is_recorded(
    demo_anywhere,
):
    demo = demo_anywhere
    published_pdf = publish_the_sab_report(demo, on=date(2026, 11, 2))
    outcome = run_cycle(demo, date(2026, 11, 2))
    copies = [m for m in mail(demo) if m["subject"] == TITLE]
    assert sorted(c["to"] for c in copies) == sorted(para_4_2_addresses(demo))
    assert all(
        c["attachments"] == [(c["attachments"][0][0], "application/pdf", published_pdf)] for c in copies
    )
    status = check_report(SAB, uow=uow(demo))
    assert status.state is ReportState.DISTRIBUTED and status.outstanding_recipients == []
    with Session(demo["engine"]) as session:
        dispatched = session.exec(
            select(m.ReportDispatch.recipient)
            .join(m.Report, col(m.ReportDispatch.report_id) == m.Report.id)
            .where(m.Report.key == SAB)
        ).all()
    assert sorted(Recipient(r) for r in dispatched) == sorted(RECIPIENTS[ReportKind.SAB_ANNUAL_REPORT])
    assert len([line for line in outcome.cycle.sent if line.startswith(f"{TITLE} to ")]) == 5
    again = run_cycle(demo, date(2026, 11, 3))
    assert (again.cycle.messages_queued, again.delivery.sent, len(again.cycle.sent)) == (0, 0, 0)


def test_a_copy_the_server_did_not_take_is_not_recorded_as_sent(demo):
    publish_the_sab_report(demo, on=date(2026, 11, 2))
    outcome = annual_report(as_of=date(2026, 11, 2), partnership="bradford").of("bradford")  # no server
    assert outcome.delivery.sent == 0 and outcome.cycle.sent == []
    assert check_report(SAB, uow=uow(demo)).outstanding_recipients != []
    with Session(demo["engine"]) as session:
        keys = session.exec(
            select(m.Notification.key).where(col(m.Notification.key).contains(f"{SAB}/dispatch/"))
        ).all()
    assert len(keys) == 5


def test_a_report_published_outside_the_platform_is_not_sent_as_a_link_the_business_unit_is_told(demo):
    yearly = "tbp-yearly-report-2025-26"  # published 24 September 2026 (in the file), sent to the Panel on the 28th
    outcome = run_cycle(demo, date(2026, 10, 1))
    assert not [m for m in mail(demo) if m["subject"] == "The Bradford Partnership yearly report 2025/26"]
    assert (
        check_report(yearly, uow=uow(demo)).state is ReportState.PUBLISHED
    )  # the What Works body still awaits it
    assert any(
        "to the What Works body (Foundations): no published file is kept" in line
        for line in outcome.cycle.overdue
    )


def test_after_a_year_end_with_no_report_on_record_the_drafting_opens_and_every_member_is_asked(demo):
    run_cycle(demo, date(2027, 4, 6))  # the 2026/27 reports are on nobody's file yet
    with uow(demo) as work:
        sab = work.reports.find("bsab-annual-report-2026-27")
        yearly = work.reports.find("tbp-yearly-report-2026-27")
        members = work.partnership.snapshot().member_agencies("bsab")
    assert (sab.state, sab.period, yearly.state) == (ReportState.DRAFT, "2026/27", ReportState.DRAFT)
    with Session(demo["engine"]) as session:
        asked = session.exec(
            select(m.Notification.address).where(
                col(m.Notification.key).contains("bsab-annual-report-2026-27/contribution/")
            )
        ).all()
    assert sorted(asked) == sorted(a.mailbox for a in members)  # queued for 09:00 on 6 April 2027
