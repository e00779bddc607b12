"""The action-plan cycle's monthly summary on the Bradford demo: on the first run of a month, the
CSE thematic review plan's summary of the month just ended goes to the TBP's independent chair and
its independent scrutineer: progress, RAG, overdue actions, extensions asked and granted, with the
month's update document attached. The last test runs the flow for real by Prefect, over SMTP."""

import mailbox
import socket
from datetime import UTC, date, datetime
from email.header import decode_header, make_header
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from flows.adapters.message_templates import TemplateRenderer
from governance.action_plans.model import ActionPlanPolicy
from governance.action_plans.use_cases import run_action_plan_update
from governance.deadlines.model import Duty
from governance.documents.action_plan_update import action_plan_update
from governance.documents.model import Document, Table
from governance.extensions.model import DecideExtension, RequestExtension
from governance.extensions.use_cases import decide_extension, request_extension
from registry import tables as m
from registry.unit_of_work import SqlUnitOfWork
from tests.prefect_harness import prefect_server  # noqa: F401  (a fixture)

PLAN = "cse-thematic-review-2021"
APRIL_FIRST = date(2026, 4, 1)  # the first run of April summarises March
MARCH = date(2026, 3, 1)
IN_MARCH = datetime(2026, 3, 10, 10, tzinfo=UTC)
READERS = {
    "helen.achebe@bradford-partnership.example",  # the TBP's independent chair
    "graham.whitfield@bradford-partnership.example",  # its independent scrutineer
}


class PdfOfTitle:
    def __init__(self) -> None:
        self.rendered: list[Document] = []

    def render(self, document: Document, fmt: str) -> bytes:
        self.rendered.append(document)
        return f"%PDF {fmt} {document.title}".encode()


def run(engine, as_of: date, documents: PdfOfTitle | None = None, now: datetime | None = None):
    return run_action_plan_update(
        as_of,
        uow=SqlUnitOfWork(engine, partnership="bradford"),
        render=TemplateRenderer(),
        now=now or datetime.combine(as_of, datetime.min.time(), UTC),
        policy=ActionPlanPolicy(),
        documents=documents,
    )


def summaries(engine, month: str = "2026-03") -> list[m.Notification]:
    prefix = f"action-plan-update/summary/{PLAN}/{month}/"
    with Session(engine) as session:
        return list(session.exec(select(m.Notification).where(col(m.Notification.key).startswith(prefix))))


def test_the_chair_and_the_scrutineer_each_get_the_summary_of_the_month_just_ended(bradford):
    outcome = run(bradford, APRIL_FIRST)
    assert {n.address for n in summaries(bradford)} == READERS
    assert outcome.summaries_queued == len(READERS)


def test_a_summary_quoting_the_exempt_plan_says_so_at_its_head(bradford):
    run(bradford, APRIL_FIRST)
    for summary in summaries(bradford):  # both readers are entitled to the CSE plan's material
        assert "RESTRICTED: this summary quotes exempt information" in summary.body
        assert "Schedule 12A,\nparagraph 7" in summary.body


def test_a_second_run_in_the_month_sends_no_summary_again(bradford):
    run(bradford, APRIL_FIRST)
    again = run(bradford, date(2026, 4, 2))
    assert (again.summaries_queued, again.summaries_already_queued) == (0, len(READERS))
    assert len(summaries(bradford)) == len(READERS)


def test_no_summary_is_sent_for_a_month_before_the_plan_started(bradford):
    run(bradford, date(2026, 1, 5))  # the plan starts on 1 January 2026: nothing to say of December
    assert summaries(bradford, "2025-12") == []


def test_the_summary_gives_the_rag_counts_of_the_months_update_document(bradford):
    run(bradford, APRIL_FIRST)
    with SqlUnitOfWork(bradford, partnership="bradford") as uow:
        p = uow.partnership.snapshot()
        document = action_plan_update(p.plan(PLAN), MARCH, p, uow.partnership.action_updates(PLAN))
    table = next(b for b in document.blocks if isinstance(b, Table))
    counts = dict(table.rows)
    expected = f"({counts['Red']} red, {counts['Amber']} amber, {counts['Green']} green;"
    assert all(expected in n.subject for n in summaries(bradford))
    assert f"of {counts['All actions']} actions" in summaries(bradford)[0].body


def test_each_action_overdue_at_the_months_end_is_listed_with_its_owner(bradford):
    run(bradford, date(2026, 6, 1))  # May's summary
    end = date(2026, 5, 31)
    with SqlUnitOfWork(bradford, partnership="bradford") as uow:
        overdue = [
            a
            for a in uow.actions.actions()
            if a.plan_key == PLAN and a.due_on < end and (a.completed_on is None or a.completed_on > end)
        ]
    (summary, *_) = summaries(bradford, "2026-05")
    assert overdue, "the demo has actions overdue at the end of May 2026"
    for action in overdue:
        assert f"- {action.reference}, {action.owner_name}: due" in summary.body
        assert f"({(end - action.due_on).days} days overdue)" in summary.body
    assert f"; {len(overdue)} overdue)" in summary.subject


def test_extensions_asked_and_granted_in_the_month_are_counted(bradford):
    run(bradford, date(2026, 3, 2))  # records the completion deadlines an extension moves
    request = request_extension(
        RequestExtension(
            duty=Duty.ACTION_COMPLETION,
            subject="CSE-2021/R01.2",
            period="once",
            requested_by="mark-ellison",
            reason="The audit sample needs the new recording system, live in August.",
            evidence="Go-live plan for the recording system: 3 August 2026.",
            proposed_due_on=date(2026, 9, 30),
            requested_on=IN_MARCH.date(),
        ),
        uow=SqlUnitOfWork(bradford, partnership="bradford"),
        now=IN_MARCH,
    )
    for decider in ("helen-achebe", "graham-whitfield"):
        decide_extension(
            DecideExtension(request_id=request, decided_by=decider, approve=True, decided_on=IN_MARCH.date()),
            uow=SqlUnitOfWork(bradford, partnership="bradford"),
            now=IN_MARCH,
        )
    run(bradford, APRIL_FIRST)
    body = summaries(bradford)[0].body
    assert "Extensions asked in the month: 1 (CSE-2021/R01.2)." in body
    assert "Extensions granted in the month: 1 (CSE-2021/R01.2)." in body


def test_the_months_update_document_is_attached_as_pdf_for_those_entitled_to_the_exempt_plan(bradford):
    documents = PdfOfTitle()
    run(bradford, APRIL_FIRST, documents)
    rows = summaries(bradford)
    with Session(bradford) as session:
        files = session.exec(
            select(m.NotificationAttachment).where(
                col(m.NotificationAttachment.notification_id).in_([n.id for n in rows])
            )
        ).all()
    assert {f.filename for f in files} == {f"{PLAN}-update-2026-03-restricted.pdf"} and len(files) == len(
        rows
    )
    assert [d.title for d in documents.rendered][0].endswith("monthly update, March 2026")
    assert "is not for publication (Local Government Act 1972, Schedule 12A, paragraph 7)" in rows[0].body


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
def test_the_flow_emails_the_summary_with_the_update_as_pdf_to_the_chair_and_the_scrutineer(platform):
    from flows.action_plan_update import action_plan_update as flow
    from flows.adapters.mail_sink import MailSink, received_mail

    with MailSink(platform["mail"], platform["port"]):
        flow(as_of=APRIL_FIRST, partnership="bradford")
        again = flow(as_of=APRIL_FIRST, partnership="bradford").of("bradford")
    assert (again.cycle.summaries_queued, again.delivery.sent) == (0, 0)
    mail = [x for x in received_mail(platform["mail"]) if "monthly summary for March 2026" in x.subject]
    held = held_for_digest(platform["engine"], f"action-plan-update/summary/{PLAN}/2026-03/")
    assert sorted([x.to for x in mail] + sorted(held)) == sorted(READERS)
    for reader in {x.to for x in mail}:
        assert _attachments(platform["mail"], reader) == [f"{PLAN}-update-2026-03-restricted.pdf"]


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


def _attachments(folder: Path, to: str) -> list[str]:
    """The names of the files attached to the summary e-mailed to ``to``, each a PDF."""
    for message in mailbox.Maildir(str(folder), create=False):
        subject = str(make_header(decode_header(message["Subject"])))
        if to in str(message["To"]) and "monthly summary" in subject:
            parts = [p for p in message.walk() if p.get_filename()]
            assert all(p.get_payload(decode=True).startswith(b"%PDF-") for p in parts)
            return [p.get_filename() for p in parts]
    return []
