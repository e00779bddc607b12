"""The sub-group reporting cycle on the Bradford demo: highlight reports asked for before each board
meeting, and the board pack sent to the chair and members at the deadline (or once all are in),
marking what is missing. The last tests run the flow for real by Prefect, against SMTP on loopback.

Dates: the TBP meets on 17 March 2026, its reports due 3 March (10 working days before), asked for
from 3 February; the BSAB meets on 24 March 2026, its reports due 10 March.
"""

import mailbox
import socket
from datetime import UTC, date, datetime
from email.header import decode_header, make_header
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from flows.adapters.message_templates import TemplateRenderer
from governance.boards.use_cases import run_sub_group_reporting
from governance.deadlines.use_cases import run_calendar
from governance.documents.model import Document
from governance.returns.model import HighlightReport, SubmitSubGroupReport
from governance.returns.use_cases import submit_sub_group_report
from governance.vocabulary import Rag
from registry import tables as m
from registry.unit_of_work import SqlUnitOfWork
from tests.prefect_harness import prefect_server  # noqa: F401  (a fixture)

NOW = datetime(2026, 2, 5, 7, tzinfo=UTC)
ASKED_ON = date(2026, 2, 5)
TBP_LEADS = {
    "faisal.qureshi@bradford-council.example",  # Safeguarding and Professional Practice
    "grace.mensah@bradford-council.example",  # All-Age Exploitation
    "anjali.sharma@nhs-wy.example",  # Learning & Improvement
    "rebecca.thornton@bradford-council.example",  # Training
}
TBP_READERS = {
    "helen.achebe@bradford-partnership.example",  # the independent chair
    "grace.mensah@bradford-council.example",
    "paul.hartley@wyp.example",
    "anjali.sharma@nhs-wy.example",
    "siobhan.kelly@bthft-nhs.example",
    "kwame.boateng@barnardos.example",
    "rebecca.thornton@bradford-council.example",
    "yusuf.patel@bradford-council.example",
}


class PdfOfTitle:
    """A document renderer that says what it rendered: ``%PDF`` and the document's title."""

    def __init__(self) -> None:
        self.rendered: list[Document] = []

    def render(self, document: Document, fmt: str) -> bytes:
        self.rendered.append(document)
        return f"%PDF {fmt} {document.title}".encode()


def run(engine, as_of: date, documents: PdfOfTitle | None = None):
    return run_sub_group_reporting(
        as_of,
        uow=SqlUnitOfWork(engine, partnership="bradford"),
        render=TemplateRenderer(),
        documents=documents or PdfOfTitle(),
        now=NOW,
    )


def queued(engine, part: str) -> list[m.Notification]:
    with Session(engine) as session:
        return list(
            session.exec(
                select(m.Notification)
                .where(col(m.Notification.key).contains(part))
                .order_by(m.Notification.id)
            )
        )


def submit(engine, sub_group: str, by: str, on: date) -> None:
    command = SubmitSubGroupReport(
        sub_group=sub_group,
        submitted_by=by,
        submitted_on=on,
        highlight=HighlightReport(progress=f"{sub_group} progress", rag=Rag.AMBER),
    )
    submit_sub_group_report(command, uow=SqlUnitOfWork(engine, partnership="bradford"), now=NOW)


def test_before_a_meeting_each_sub_group_lead_serving_the_board_is_asked_once(bradford):
    outcome = run(bradford, ASKED_ON)
    requests = queued(bradford, "/request/")
    assert {n.address for n in requests} == TBP_LEADS
    assert len(requests) == len(TBP_LEADS) == outcome.requests_queued
    assert all(n.key.startswith("sub-group-reporting/tbp/2026-03-17/request/") for n in requests)


def test_the_request_names_the_meeting_and_the_deadline_and_links_to_the_submit_page(bradford):
    run(bradford, ASKED_ON)
    (grace,) = [n for n in queued(bradford, "/request/") if n.address.startswith("grace")]
    with Session(bradford) as session:
        deadline = session.exec(
            select(m.Deadline).where(
                m.Deadline.subject == "all-age-exploitation/tbp", m.Deadline.period == "2026-03-17"
            )
        ).one()
    assert grace.subject == (
        "Highlight report for the TBP meeting of Tuesday 17 March 2026: due Tuesday 3 March 2026"
    )
    assert f"/submit?partnership=bradford&deadline={deadline.id}" in grace.body
    assert "also goes to BSAB: submit it once" in grace.body


def test_a_second_run_on_the_same_day_asks_nobody_again(bradford):
    run(bradford, ASKED_ON)
    again = run(bradford, ASKED_ON)
    assert (again.requests_queued, again.requests_already_queued) == (0, len(TBP_LEADS))
    assert len(queued(bradford, "/request/")) == len(TBP_LEADS)


def test_a_lead_whose_report_is_in_is_not_asked(bradford):
    run_calendar(ASKED_ON, uow=SqlUnitOfWork(bradford), render=TemplateRenderer(), now=NOW)
    run(bradford, ASKED_ON)
    submit(bradford, "training", "rebecca-thornton", date(2026, 2, 6))
    run(bradford, date(2026, 2, 10))  # the BSAB's window opens: its leads are asked
    bsab = {n.address for n in queued(bradford, "/bsab/2026-03-24/request/")}
    assert "rebecca.thornton@bradford-council.example" not in bsab
    assert "ewa.nowak@bradford-council.example" in bsab  # Modern Day Slavery, for the BSAB and the CSP


def test_at_the_deadline_the_pack_goes_to_the_chair_and_members_marking_each_missing_report(bradford):
    run(bradford, ASKED_ON)
    submit(bradford, "all-age-exploitation", "grace-mensah", date(2026, 2, 20))
    documents = PdfOfTitle()
    assert run(bradford, date(2026, 3, 3), documents).packs_sent == 0  # the deadline day: still open
    outcome = run(bradford, date(2026, 3, 4), documents)
    packs = queued(bradford, "/tbp/2026-03-17/pack/")
    assert {n.address for n in packs} == TBP_READERS and outcome.packs_sent == 1
    assert (
        packs[0].subject
        == "Board pack for the TBP meeting of Tuesday 17 March 2026: 1 of 4 sub-group reports, 3 missing"
    )
    assert "- Training (owed by Rebecca Thornton)" in packs[0].body
    (pack,) = documents.rendered
    assert [b.items for b in pack.blocks if getattr(b, "items", None) and "Training" in b.items] == [
        ("Safeguarding and Professional Practice", "Learning & Improvement", "Training")
    ]
    assert sorted(outcome.overdue) == sorted(
        f"{g} report for TBP 17 March 2026"
        for g in ("Safeguarding and Professional Practice", "Learning & Improvement", "Training")
    )


def test_the_pack_carries_its_pdf_and_is_sent_once(bradford):
    run(bradford, date(2026, 3, 4))
    run(bradford, date(2026, 3, 4))
    run(bradford, date(2026, 3, 5))
    packs = queued(bradford, "/tbp/2026-03-17/pack/")
    assert len(packs) == len(TBP_READERS)
    with Session(bradford) as session:
        files = session.exec(
            select(m.NotificationAttachment).where(
                col(m.NotificationAttachment.notification_id).in_([n.id for n in packs])
            )
        ).all()
    assert {(f.filename, f.media_type) for f in files} == {("tbp-pack-2026-03-17.pdf", "application/pdf")}
    assert len(files) == len(packs) and files[0].content.startswith(b"%PDF")


def test_a_pack_sent_is_not_rendered_again_where_the_outbox_says_it_was_queued(bradford):
    documents = PdfOfTitle()
    for day in (date(2026, 3, 4), date(2026, 3, 5), date(2026, 3, 6)):
        run_sub_group_reporting(
            day,
            uow=SqlUnitOfWork(bradford, partnership="bradford"),
            render=TemplateRenderer(),
            documents=documents,
            now=NOW,
        )
    assert [d.key for d in documents.rendered].count("tbp-pack-2026-03-17") == 1


def test_one_submission_appears_in_the_pack_of_every_board_it_serves(bradford):
    run_calendar(date(2026, 2, 10), uow=SqlUnitOfWork(bradford), render=TemplateRenderer(), now=NOW)
    submit(bradford, "learning-improvement", "anjali-sharma", date(2026, 2, 12))
    documents = PdfOfTitle()
    run(bradford, date(2026, 3, 4), documents)
    run(bradford, date(2026, 3, 11), documents)
    packs = {d.key: d for d in documents.rendered}
    for pack in (packs["tbp-pack-2026-03-17"], packs["bsab-pack-2026-03-24"]):
        contents = next(b for b in pack.blocks if getattr(b, "items", None))
        assert contents.items == ("Learning & Improvement: highlight report",)


def test_a_complete_pack_goes_before_the_deadline(bradford):
    run(bradford, ASKED_ON)
    for group, lead in (
        ("all-age-exploitation", "grace-mensah"),
        ("safeguarding-professional-practice", "faisal-qureshi"),
        ("learning-improvement", "anjali-sharma"),
        ("training", "rebecca-thornton"),
    ):
        submit(bradford, group, lead, date(2026, 2, 24))
    outcome = run(bradford, date(2026, 2, 25))
    (sent,) = outcome.sent
    assert sent.startswith("TBP 17 March 2026 board pack: 4 of 4 reports")
    assert (
        "Every sub-group that reports to the board has sent its report."
        in queued(bradford, "/tbp/2026-03-17/pack/")[0].body
    )


def test_a_board_with_no_chair_on_record_sends_its_pack_to_the_business_manager(bradford):
    run(bradford, date(2026, 4, 30))  # the CSP meets on 13 May 2026; its reports were due 29 April
    readers = {n.address for n in queued(bradford, "/csp/2026-05-13/pack/")}
    assert readers == {"joanne.pickering@bradford-council.example", "harpreet.sandhu@wyp.example"}


def test_no_pack_is_sent_on_the_day_of_the_meeting_or_after(bradford):
    outcome = run(bradford, date(2026, 3, 17))
    assert queued(bradford, "/tbp/2026-03-17/") == [] and "TBP 17 March 2026" not in " ".join(outcome.sent)


def test_each_run_is_in_the_audit_trail_with_each_pack_it_sent(bradford):
    run(bradford, date(2026, 3, 4))
    with Session(bradford) as session:
        events = session.exec(select(m.AuditEvent.event, m.AuditEvent.subject)).all()
    assert ("cycle run", "sub-group-reporting") in events and ("board pack sent", "tbp 2026-03-17") in events


# The flow, run for real by Prefect, through the outbox to a real SMTP server on loopback.


@pytest.fixture
def platform(sqlite_url: str, bradford, tmp_path: Path, monkeypatch) -> dict:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("GOVERN_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("GOVERN_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("GOVERN_MAIL_SINK_PORT", str(port))
    return {"engine": bradford, "port": port, "mail": tmp_path / "mail"}


@pytest.mark.prefect
@pytest.mark.usefixtures("prefect_server")
def test_the_flow_asks_the_leads_then_emails_the_pack_as_pdf_to_the_chair_and_members(platform):
    from flows.adapters.mail_sink import MailSink, received_mail
    from flows.sub_group_reporting import sub_group_reporting

    with MailSink(platform["mail"], platform["port"]):
        asked = sub_group_reporting(as_of=ASKED_ON, partnership="bradford").of("bradford")
        submit(platform["engine"], "training", "rebecca-thornton", date(2026, 2, 20))
        packed = sub_group_reporting(as_of=date(2026, 3, 4), partnership="bradford").of("bradford")
        again = sub_group_reporting(as_of=date(2026, 3, 4), partnership="bradford").of("bradford")
    assert (again.cycle.messages_queued, again.delivery.sent) == (0, 0)
    mail = received_mail(platform["mail"])
    requests = [
        x for x in mail if x.subject.startswith("Highlight report for the TBP meeting of Tuesday 17 March")
    ]
    packs = [
        x for x in mail if x.subject.startswith("Board pack for the TBP meeting of Tuesday 17 March 2026")
    ]
    meeting = "sub-group-reporting/tbp/2026-03-17"
    held_requests = held_for_digest(platform["engine"], f"{meeting}/request/")
    held_packs = held_for_digest(platform["engine"], f"{meeting}/pack/")  # until a pack goes at once (H1)
    assert len(requests) == len({x.to for x in requests}) and len(packs) == len({x.to for x in packs})
    assert {x.to for x in requests} | held_requests == TBP_LEADS
    assert {x.to for x in packs} | held_packs == TBP_READERS
    assert len(mail) == asked.delivery.sent + packed.delivery.sent
    assert all(x.subject.endswith("1 of 4 sub-group reports, 3 missing") for x in packs)
    attached = _attachments(platform["mail"], packs[0].to)
    assert [(name, content[:5]) for name, content in attached] == [("tbp-pack-2026-03-17.pdf", b"%PDF-")]


def held_for_digest(engine, prefix: str) -> set[str]:
    """The addresses whose message (key starting ``prefix``) is not sent but held for the daily digest
    the person chose (``person.notify_by``); the digests cycle carries it."""
    with Session(engine) as session:
        rows = session.exec(
            select(m.Notification.address, m.Person.notify_by)
            .join(m.Person, col(m.Notification.recipient_id) == m.Person.id)
            .where(
                col(m.Notification.key).startswith(prefix),
                m.Notification.status == m.NotificationStatus.QUEUED,
            )
        ).all()
    assert {notify_by for _, notify_by in rows} <= {"digest"}, "only a digest holds a message back"
    return {address for address, _ in rows}


def _attachments(folder: Path, to: str) -> list[tuple[str, bytes]]:
    """The files attached to the board pack e-mailed to ``to``, as the mail sink stored it."""
    for message in mailbox.Maildir(str(folder), create=False):
        subject = str(make_header(decode_header(message["Subject"])))
        if to in str(message["To"]) and subject.startswith("Board pack"):
            return [
                (part.get_filename(), part.get_payload(decode=True))
                for part in message.walk()
                if part.get_filename()
            ]
    return []
