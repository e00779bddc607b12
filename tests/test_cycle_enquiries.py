"""The enquiries cycle run for real by Prefect on the Bradford demo, against SMTP on loopback.

ENQ-2026-011 reached the partnership on 18 June 2026 and was answered on 23 June (within seven
days); ENQ-2026-014 reached it on 20 November 2026 and is unanswered: due 27 November. Both are
owned by the business manager. The ladder of reminders on each is the reminders cycle's: this one
sends only the business manager's weekly account.
"""

import mailbox
from datetime import date
from email.header import decode_header, make_header
from pathlib import Path

import pytest

from flows.adapters.mail_sink import MailSink
from flows.enquiries import enquiries
from tests.cycle_demo import demo_for_flows
from tests.prefect_harness import prefect_server  # noqa: F401  (a fixture)

pytestmark = [pytest.mark.prefect, pytest.mark.usefixtures("prefect_server")]

MANAGER = "joanne.pickering@bradford-council.example"


@pytest.fixture
def demo(sqlite_url: str, sqlite_engine, tmp_path: Path, monkeypatch) -> dict:
    return demo_for_flows(sqlite_url, sqlite_engine, tmp_path, monkeypatch)


def run_cycle(demo: dict, as_of: date):
    with MailSink(demo["mail"], demo["port"]):
        return enquiries(as_of=as_of, partnership="bradford").of("bradford")


def mail(demo: dict) -> list[dict]:
    if not (demo["mail"] / "cur").exists():
        return []
    return [
        {
            "to": str(make_header(decode_header(m["To"]))),
            "subject": str(make_header(decode_header(m["Subject"]))),
            "body": m.get_payload(decode=True).decode(),
        }
        for m in mailbox.Maildir(str(demo["mail"]), create=False)
    ]


def test_an_overdue_enquiry_is_in_the_business_managers_weekly_account_once_a_week(demo):
    monday = run_cycle(demo, date(2026, 11, 30))
    tuesday = run_cycle(demo, date(2026, 12, 1))
    [account] = mail(demo)
    assert account["to"] == MANAGER
    assert account["subject"] == "Councillors' enquiries, week of Monday 30 November 2026: 1 open, 1 overdue"
    assert "ENQ-2026-014 (Keighley AC)" in account["body"] and "OVERDUE by 3 days" in account["body"]
    assert "1 answered, 1 of them within 7 days" in account["body"]
    assert [line.split(" ")[0] for line in monday.cycle.overdue] == ["ENQ-2026-014"]
    assert (tuesday.cycle.messages_queued, tuesday.delivery.sent) == (0, 0)


def test_an_enquiry_received_this_week_is_open_with_its_answer_date_and_not_overdue(demo):
    outcome = run_cycle(demo, date(2026, 6, 18))
    [account] = mail(demo)
    assert account["subject"] == "Councillors' enquiries, week of Monday 15 June 2026: 1 open"
    assert "due Thursday 25 June 2026" in account["body"] and "OVERDUE" not in account["body"]
    assert outcome.cycle.overdue == [] and [line.split(" ")[0] for line in outcome.cycle.asked] == [
        "ENQ-2026-011"
    ]


def test_the_next_week_brings_a_new_account(demo):
    run_cycle(demo, date(2026, 6, 18))
    run_cycle(demo, date(2026, 6, 19))
    run_cycle(demo, date(2026, 6, 22))  # still unanswered: answered the next day
    assert sorted(m["subject"] for m in mail(demo)) == [
        "Councillors' enquiries, week of Monday 15 June 2026: 1 open",
        "Councillors' enquiries, week of Monday 22 June 2026: 1 open",
    ]
