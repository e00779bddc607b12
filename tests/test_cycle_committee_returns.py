"""The committee-returns cycle run for real by Prefect on the Bradford demo, against SMTP on loopback.

Keighley Area Committee resolved on 22 January 2026 (resolution 2, ACTION: the Chief Executive,
Alison Fairbairn) that a further report come in 12 months; it also has its six-monthly update,
owned by the business manager. Both go to its meeting of 10 December 2026, nearest their due
dates; the papers are due on Wednesday 2 December, five clear working days before, and the drafts
open 28 days earlier, on 4 November.
"""

import mailbox
from datetime import date
from email.header import decode_header, make_header
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, col, select

from flows.adapters.mail_sink import MailSink
from flows.committee_returns import committee_returns
from registry import tables as m
from registry.unit_of_work import SqlUnitOfWork
from tests.cycle_demo import demo_for_flows
from tests.prefect_harness import prefect_server  # noqa: F401  (a fixture)

pytestmark = [pytest.mark.prefect, pytest.mark.usefixtures("prefect_server")]

OWNER, MANAGER = "alison.fairbairn@bradford-council.example", "joanne.pickering@bradford-council.example"
FURTHER_REPORT = "Further report to Keighley AC (resolution 2 of 22 January 2026)"
OPENED = "Report to Keighley Area Committee on Thursday 10 December 2026: draft opened"
DRAFTS_OPEN, A_WEEK_BEFORE, PAPERS_DAY = date(2026, 11, 4), date(2026, 11, 25), date(2026, 12, 2)
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def demo(sqlite_url: str, sqlite_engine, tmp_path: Path, monkeypatch) -> dict:
    return demo_for_flows(sqlite_url, sqlite_engine, tmp_path, monkeypatch)


def run_cycle(demo: dict, as_of: date):
    with MailSink(demo["mail"], demo["port"]):
        return committee_returns(as_of=as_of, partnership="bradford").of("bradford")


def mail(demo: dict) -> list[tuple[str, str]]:
    """(to, subject) of every message the sink received."""
    if not (demo["mail"] / "cur").exists():
        return []
    return sorted(
        (str(make_header(decode_header(m["To"]))), str(make_header(decode_header(m["Subject"]))))
        for m in mailbox.Maildir(str(demo["mail"]), create=False)
    )


def queued(demo: dict, part: str) -> list[tuple[str, str, str]]:
    """(to, subject, London time it goes out) of the queued messages whose key contains ``part``."""
    with Session(demo["engine"]) as session:
        rows = session.exec(
            select(m.Notification).where(col(m.Notification.key).contains(part)).order_by(m.Notification.id)
        ).all()
    return [(n.address, n.subject, f"{n.not_before.astimezone(LONDON):%Y-%m-%d %H:%M}") for n in rows]


def test_the_day_the_drafts_open_each_owner_is_told_once_with_the_meeting_and_papers_deadline(demo):
    first = run_cycle(demo, DRAFTS_OPEN)
    again = run_cycle(demo, DRAFTS_OPEN)
    assert mail(demo) == [(OWNER, OPENED), (MANAGER, OPENED)]
    assert (first.delivery.sent, again.cycle.messages_queued, again.delivery.sent) == (2, 0, 0)
    assert any("papers by 2 December 2026" in line for line in first.cycle.notes)


def test_a_week_before_the_papers_deadline_and_on_the_day_the_action_owner_is_told_and_the_manager_is_left_to_the_ladder(
    demo,
):
    run_cycle(demo, A_WEEK_BEFORE)
    run_cycle(demo, date(2026, 11, 26))
    assert mail(demo) == [(OWNER, f"Papers due in a week: {FURTHER_REPORT}")]
    run_cycle(demo, PAPERS_DAY)  # queued for 09:00 that day (delivered once the day has come)
    assert queued(demo, "/papers-") == [
        (OWNER, f"Papers due in a week: {FURTHER_REPORT}", "2026-11-25 09:00"),
        (OWNER, f"Papers due today: {FURTHER_REPORT}", "2026-12-02 09:00"),
    ]


def test_after_the_papers_deadline_an_unpublished_report_is_overdue_and_nobody_is_written_to(demo):
    outcome = run_cycle(demo, date(2026, 12, 3))
    assert outcome.cycle.messages_queued == 0 and mail(demo) == []
    assert any(
        line.startswith(FURTHER_REPORT) and "papers were due 2 December 2026" in line
        for line in outcome.cycle.overdue
    )


def test_the_draft_committee_report_is_opened_for_the_meeting_with_the_resolution_as_background(demo):
    run_cycle(demo, DRAFTS_OPEN)
    with SqlUnitOfWork(demo["engine"], partnership="bradford") as work:
        report = work.reports.find("keighley-2026-01-22-r2-report-2026-12-10")
    assert report is not None and report.meeting_on == date(2026, 12, 10)
    assert "further report on the progress of the response to Exploitation" in report.content["background"]
