"""The Streamlit front end, driven through AppTest against a real SQLite registry holding the Bradford demo."""

import mailbox
from datetime import UTC, date, datetime
from email.message import EmailMessage
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from flows.adapters.message_templates import TemplateRenderer
from governance.action_plans.model import ActionPlanPolicy
from governance.action_plans.use_cases import run_action_plan_update
from registry.queries import notifications, open_deadlines
from registry.unit_of_work import SqlUnitOfWork

ENTRY = Path(__file__).resolve().parents[1] / "app" / "web" / "main.py"
PAGES = ["views/deadlines.py", "views/notifications.py", "views/overview.py"]
CYCLE_DAY = date(2026, 1, 5)
LATER = date(2026, 3, 1)


@pytest.fixture
def point_at(sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Points the app's settings at the test's registry and data directory."""
    monkeypatch.setenv("GOVERN_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("GOVERN_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("GOVERN_EMAIL_URL", raising=False)
    monkeypatch.delenv("GOVERN_DUE_SOON_DAYS", raising=False)


@pytest.fixture
def recorded(bradford, point_at):
    """The Bradford demo after the action-plan update ran on 5 January 2026."""
    run_action_plan_update(
        CYCLE_DAY,
        uow=SqlUnitOfWork(bradford),
        render=TemplateRenderer(),
        now=datetime(2026, 1, 5, 9, 0, tzinfo=UTC),
        policy=ActionPlanPolicy(),
    )
    return bradford


def open_app(page: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ENTRY), default_timeout=30).run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def board_as_of(day: date) -> AppTest:
    at = open_app()
    at.date_input(key="as_of").set_value(day).run()
    assert not at.exception, at.exception
    return at


def metric(at: AppTest, label: str) -> int:
    return int(next(m for m in at.metric if m.label == label).value)


def texts(at: AppTest) -> str:
    return " ".join(e.value for kind in ("info", "warning", "error") for e in getattr(at, kind))


@pytest.mark.parametrize("page", PAGES)
def test_every_page_opens_without_an_error(recorded, page):
    at = open_app(page)
    assert at.title and not at.error


def test_the_deadline_board_shows_the_deadlines_the_cycle_recorded(recorded):
    expected = open_deadlines(recorded, as_of=CYCLE_DAY, due_soon_days=14)
    at = board_as_of(CYCLE_DAY)
    table = at.dataframe[0].value
    assert at.title[0].value == "Deadlines"
    assert len(table) == len(expected) == metric(at, "Open deadlines")
    assert set(table["Subject"]) == {row.subject for row in expected}
    assert "CSE-2021/R01.1" in set(table["Subject"])


def test_a_later_as_of_date_turns_deadlines_overdue(recorded):
    on_the_day, later = board_as_of(CYCLE_DAY), board_as_of(LATER)
    overdue_later = [
        r for r in open_deadlines(recorded, as_of=LATER, due_soon_days=14) if r.standing.value == "overdue"
    ]
    assert metric(on_the_day, "Overdue") == 0
    assert metric(later, "Overdue") == len(overdue_later) > 0
    assert (later.dataframe[0].value["Standing"] == "overdue").sum() == len(overdue_later)


def test_the_board_lists_overdue_deadlines_first(recorded):
    standings = list(board_as_of(LATER).dataframe[0].value["Standing"])
    overdue = standings.count("overdue")
    assert overdue > 0 and standings[:overdue] == ["overdue"] * overdue


def test_the_standing_filter_narrows_the_table(recorded):
    at = board_as_of(LATER)
    everything = len(at.dataframe[0].value)
    at.multiselect(key="standing_filter").set_value(["due soon"]).run()
    narrowed = at.dataframe[0].value
    assert 0 < len(narrowed) < everything
    assert set(narrowed["Standing"]) == {"due soon"}
    assert metric(at, "Open deadlines") == len(narrowed)


def test_the_board_filter_keeps_only_that_boards_deadlines(recorded):
    at = board_as_of(CYCLE_DAY)
    board = at.dataframe[0].value["Board"].iloc[0]
    at.multiselect(key="board_filter").set_value([board]).run()
    assert set(at.dataframe[0].value["Board"]) == {board}


def test_a_registry_without_deadlines_says_which_cycle_to_run(bradford, point_at):
    at = open_app()
    assert "No deadlines recorded yet. Run a cycle: `govern cycle run calendar`" in texts(at)
    assert not at.dataframe


def test_an_empty_registry_says_to_load_a_partnership(sqlite_engine, point_at):
    for page in PAGES:
        assert "govern demo load" in texts(open_app(page))


def test_a_registry_without_tables_says_to_upgrade_it(point_at):
    at = open_app()
    assert "govern db upgrade" in texts(at) and not at.dataframe


def test_the_notifications_page_lists_the_outbox_with_counts_by_status(recorded):
    at = open_app("views/notifications.py")
    queued = notifications(recorded)
    assert len(at.dataframe[0].value) == len(queued) > 0
    assert metric(at, "Queued") == len(queued)
    assert set(at.dataframe[0].value["Address"]) == {n.address for n in queued}


def test_the_local_mail_sink_shows_each_message_received_by_the_partnerships_people(recorded, tmp_path):
    to_someone_else = EmailMessage()
    to_someone_else["To"], to_someone_else["Subject"] = (
        "stranger@elsewhere.example",
        "Another partnership's news",
    )
    mailbox.Maildir(str(tmp_path / "mail"), create=True).add(to_someone_else)
    message = EmailMessage()
    message["To"], message["Subject"], message["Date"] = (
        notifications(recorded)[0].address,
        "Action plan: your update for January",
        "Mon, 05 Jan 2026 09:00:00 +0000",
    )
    message.set_content("Please update CSE-2021/R01.1.")
    mailbox.Maildir(str(tmp_path / "mail"), create=True).add(message)
    at = open_app("views/notifications.py")
    assert [h.value for h in at.header] == ["Local mail sink"]
    assert "Action plan: your update for January" in at.expander[0].label
    assert "CSE-2021/R01.1" in at.expander[0].text[0].value
    assert len(at.expander) == 1


def test_the_mail_sink_is_not_shown_when_real_email_is_configured(recorded, monkeypatch):
    monkeypatch.setenv("GOVERN_EMAIL_URL", "mailtos://user:secret@smtp.example.org")
    assert not open_app("views/notifications.py").header


def test_the_overview_counts_what_the_partnership_holds(recorded):
    at = open_app("views/overview.py")
    assert metric(at, "Boards") > 0 and metric(at, "Actions") > 0


def test_the_board_says_what_each_deadline_asks_for_every_obligation_the_calendar_recorded(
    bradford, point_at
):
    from governance.deadlines.use_cases import run_calendar

    run_calendar(
        date(2026, 11, 25),
        uow=SqlUnitOfWork(bradford),
        render=TemplateRenderer(),
        now=datetime(2026, 11, 25, 6, tzinfo=UTC),
    )
    at = board_as_of(date(2026, 11, 25))
    table = at.dataframe[0].value
    assert (
        "Answer enquiry ENQ-2026-014: Ward-level breakdown of exploitation referrals that can be shared with Members"
        in set(table["What"])
    )
    assert {"serious incident notification", "Section 11 audit return", "sub-group report to board"} <= set(
        table["Duty"]
    )
    at.multiselect(key="standing_filter").set_value(["scheduled"]).run()
    assert set(at.dataframe[0].value["Standing"]) == {"scheduled"}


def test_an_extended_deadline_shows_how_often_and_its_first_due_date(recorded):
    from sqlmodel import Session, select

    from registry import tables as m

    with Session(recorded) as session:
        deadline = session.exec(
            select(m.Deadline).where(m.Deadline.subject == "CSE-2021/R01.2", m.Deadline.period == "once")
        ).one()
        deadline.due_on, deadline.extensions = date(2026, 9, 30), 1  # as decide_extension leaves it
        session.add(deadline)
        session.commit()
    table = board_as_of(CYCLE_DAY).dataframe[0].value
    row = table[(table["Subject"] == "CSE-2021/R01.2") & (table["Period"] == "once")].iloc[0]
    assert row["Extended"] == "1× (first due 31 Jul 2026)"
    assert set(table[table["Subject"] != "CSE-2021/R01.2"]["Extended"]) == {""}
