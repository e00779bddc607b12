"""A person's calendar, as a download and as a feed reached by a revocable token: their deadlines
and the meetings of their boards. The deadlines of the exempt CSE thematic review plan (Sch 12A
para 7) say only "exempt item" to someone who may not see exempt material."""

import hashlib
from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from flows.adapters.message_templates import TemplateRenderer
from governance.accounts.calendar import (
    EXEMPT_DESCRIPTION,
    EXEMPT_ITEM,
    calendar_feed,
    issue_calendar_feed,
    my_calendar,
    revoke_calendar_feed,
    to_ics,
)
from governance.accounts.use_cases import add_account, disable_account
from governance.action_plans.model import ActionPlanPolicy
from governance.action_plans.use_cases import run_action_plan_update
from governance.deadlines.use_cases import run_calendar
from governance.rules import RuleBroken
from registry.demo.accounts import demo_password
from registry.sql.accounts import SqlAccounts
from registry.unit_of_work import SqlUnitOfWork

NOW = datetime(2026, 12, 1, 10, tzinfo=UTC)
EWA = "ewa.nowak@bradford-council.example"  # BSAB agency representative; owns CSE thematic review actions
GRACE = "grace.mensah@bradford-council.example"  # leads All-Age Exploitation, the plan's lead sub-group
JOANNE = "joanne.pickering@bradford-council.example"  # business manager


def parse_ics(text: str) -> list[dict[str, str]]:
    """The events of an iCalendar: lines unfolded (RFC 5545 3.1), text values unescaped."""
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    lines = text.split("\r\n")[:-1]
    assert all(len(line.encode()) <= 75 for line in lines)
    unfolded: list[str] = []
    for line in lines:
        if line.startswith(" "):
            unfolded[-1] += line[1:]
        else:
            unfolded.append(line)
    assert unfolded[0] == "BEGIN:VCALENDAR" and unfolded[-1] == "END:VCALENDAR"
    events, event = [], None
    for line in unfolded:
        if line == "BEGIN:VEVENT":
            event = {}
        elif line == "END:VEVENT":
            events.append(event)
            event = None
        elif event is not None:
            name, value = line.split(":", 1)
            value = value.replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";").replace("\\\\", "\\")
            event[name.split(";")[0]] = value
    return events


def day(event: dict[str, str]) -> date:
    return datetime.strptime(event["DTSTART"], "%Y%m%d").date()


@pytest.fixture
def recorded(bradford):
    """The demo on 1 December 2026, after the day's calendar and action-plan update, with accounts."""
    run_calendar(NOW.date(), uow=SqlUnitOfWork(bradford), render=TemplateRenderer(), now=NOW)
    run_action_plan_update(
        NOW.date(), uow=SqlUnitOfWork(bradford), render=TemplateRenderer(), now=NOW, policy=ActionPlanPolicy()
    )
    accounts = SqlAccounts(bradford)
    for email, key in ((EWA, "ewa-nowak"), (GRACE, "grace-mensah"), (JOANNE, "joanne-pickering")):
        add_account(email, demo_password(key), accounts=accounts, now=NOW)
    return bradford


def uow_for(engine):
    return lambda partnership: SqlUnitOfWork(engine, partnership=partnership)


def calendar_of(engine, email: str) -> str:
    identities = SqlAccounts(engine).identities(email)
    return to_ics(my_calendar(identities, unit_of_work=uow_for(engine)), name=email, stamp=NOW)


def test_exempt_deadlines_say_only_exempt_item_to_someone_not_entitled(recorded):
    text = calendar_of(recorded, EWA)
    events = parse_ics(text)
    hidden = [e for e in events if e["SUMMARY"] == EXEMPT_ITEM]
    assert len(hidden) >= 2  # R10.2 and R29.1: their completion and this month's update
    assert all(e["DESCRIPTION"] == EXEMPT_DESCRIPTION for e in hidden)
    assert "CSE" not in text and "R10.2" not in text and "Thematic" not in text


def test_the_same_deadlines_are_shown_to_someone_entitled(recorded):
    events = parse_ics(calendar_of(recorded, GRACE))
    summaries = {e["SUMMARY"] for e in events}
    assert EXEMPT_ITEM not in summaries
    assert "Due: CSE-2021/R22.1: complete the action" in summaries


def test_a_masked_item_keeps_its_date(recorded):
    events = parse_ics(calendar_of(recorded, EWA))
    assert date(2026, 12, 31) in {day(e) for e in events if e["SUMMARY"] == EXEMPT_ITEM}  # R29.1's update


def test_the_calendar_holds_my_deadlines_and_the_meetings_of_my_boards_only(recorded):
    events = parse_ics(calendar_of(recorded, EWA))
    meetings = {e["SUMMARY"] for e in events if e["CATEGORIES"] == "meeting"}
    assert meetings == {"BSAB board meeting"}  # she sits on the BSAB, not the TBP
    assert {day(e) for e in events if e["CATEGORIES"] == "meeting"} >= {date(2026, 11, 24), date(2027, 1, 26)}
    deadlines = [e for e in events if e["CATEGORIES"] == "deadline"]
    assert deadlines and all(e["SUMMARY"] == EXEMPT_ITEM or "Due: " in e["SUMMARY"] for e in deadlines)


def test_the_business_unit_sees_the_meetings_of_every_board(recorded):
    events = parse_ics(calendar_of(recorded, JOANNE))
    meetings = {e["SUMMARY"] for e in events if e["CATEGORIES"] == "meeting"}
    assert {"TBP board meeting", "BSAB board meeting", "CSP board meeting"} <= meetings


def test_every_event_has_a_unique_id_and_a_stamp(recorded):
    events = parse_ics(calendar_of(recorded, JOANNE))
    assert len({e["UID"] for e in events}) == len(events)
    assert all(e["DTSTAMP"] == "20261201T100000Z" for e in events)
    assert all(e["DTEND"] > e["DTSTART"] for e in events)


def test_a_feed_serves_the_calendar_of_its_account(recorded):
    accounts = SqlAccounts(recorded)
    token = issue_calendar_feed(EWA, accounts=accounts, now=NOW)
    text = calendar_feed(token, accounts=accounts, unit_of_work=uow_for(recorded), stamp=NOW)
    assert EXEMPT_ITEM in {e["SUMMARY"] for e in parse_ics(text)}
    assert "CSE" not in text


def test_the_token_is_kept_only_as_its_hash(recorded):
    token = issue_calendar_feed(EWA, accounts=SqlAccounts(recorded), now=NOW)
    with recorded.connect() as connection:
        kept = [tuple(row) for row in connection.execute(sa.text("SELECT * FROM calendarfeed"))]
    assert token not in str(kept)
    assert hashlib.sha256(token.encode()).hexdigest() in str(kept)


def test_a_revoked_feed_serves_nothing(recorded):
    accounts = SqlAccounts(recorded)
    token = issue_calendar_feed(EWA, accounts=accounts, now=NOW)
    assert revoke_calendar_feed(EWA, accounts=accounts, now=NOW) == 1
    with pytest.raises(RuleBroken, match="This calendar feed does not exist or was revoked"):
        calendar_feed(token, accounts=accounts, unit_of_work=uow_for(recorded), stamp=NOW)


def test_a_new_feed_replaces_the_old_one(recorded):
    accounts = SqlAccounts(recorded)
    old = issue_calendar_feed(EWA, accounts=accounts, now=NOW)
    new = issue_calendar_feed(EWA, accounts=accounts, now=NOW)
    assert calendar_feed(new, accounts=accounts, unit_of_work=uow_for(recorded), stamp=NOW)
    with pytest.raises(RuleBroken, match="revoked"):
        calendar_feed(old, accounts=accounts, unit_of_work=uow_for(recorded), stamp=NOW)


def test_the_feed_of_a_disabled_account_stops(recorded):
    accounts = SqlAccounts(recorded)
    token = issue_calendar_feed(EWA, accounts=accounts, now=NOW)
    disable_account(EWA, accounts=accounts, now=NOW)
    with pytest.raises(RuleBroken, match="revoked"):
        calendar_feed(token, accounts=accounts, unit_of_work=uow_for(recorded), stamp=NOW)


def test_a_guessed_token_is_refused(recorded):
    with pytest.raises(RuleBroken, match="does not exist"):
        calendar_feed("guess", accounts=SqlAccounts(recorded), unit_of_work=uow_for(recorded), stamp=NOW)


def test_the_command_line_gives_the_operator_their_calendar_masked(recorded, govern, tmp_path):
    assert govern("login", EWA, "--password-stdin", input=demo_password("ewa-nowak") + "\n").exit_code == 0
    shown = govern("calendar", "show", "--file", str(tmp_path / "mine.ics"))
    assert shown.exit_code == 0, shown.output
    text = (tmp_path / "mine.ics").read_bytes().decode("utf-8")
    assert EXEMPT_ITEM in {e["SUMMARY"] for e in parse_ics(text)}
    assert "CSE" not in text
    issued = govern("calendar", "feed", "issue")
    assert issued.exit_code == 0 and "shown once" in issued.output
    assert govern("calendar", "feed", "revoke").output.strip() == "1 calendar feed(s) revoked"


def test_the_feed_is_served_over_http_and_a_revoked_token_is_not(recorded):
    import threading
    import urllib.error
    import urllib.request

    from app.web.identity import feed_address, feed_server

    accounts = SqlAccounts(recorded)
    token = issue_calendar_feed(EWA, accounts=accounts, now=NOW)
    server = feed_server(recorded, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        address = feed_address(f"http://127.0.0.1:{server.server_address[1]}", token)
        with urllib.request.urlopen(address, timeout=10) as answer:
            assert answer.headers["Content-Type"] == "text/calendar; charset=utf-8"
            text = answer.read().decode("utf-8")
        assert EXEMPT_ITEM in {e["SUMMARY"] for e in parse_ics(text)} and "CSE" not in text
        revoke_calendar_feed(EWA, accounts=accounts, now=NOW)
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(address, timeout=10)
        assert refused.value.code == 404
    finally:
        server.shutdown()
        server.server_close()
