"""The action-plan flow run for real by Prefect, sending through a real SMTP server on loopback."""

import socket
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session, select

from flows.action_plan_update import action_plan_update
from flows.adapters.mail_sink import MailSink, received_mail
from flows.deliver_notifications import deliver_notifications
from registry import tables as m
from registry.partnership_file.loader import load_partnership
from tests.builders import small_partnership
from tests.prefect_harness import prefect_server  # noqa: F401  (a fixture)

pytestmark = [pytest.mark.prefect, pytest.mark.usefixtures("prefect_server")]


@pytest.fixture
def platform(sqlite_url: str, sqlite_engine, tmp_path: Path, monkeypatch) -> dict:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("GOVERN_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("GOVERN_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("GOVERN_MAIL_SINK_PORT", str(port))
    load_partnership(sqlite_engine, small_partnership())
    return {"engine": sqlite_engine, "port": port, "mail": tmp_path / "mail"}


def test_the_flow_asks_each_owner_for_their_update_by_email(platform):
    with MailSink(platform["mail"], platform["port"]):
        outcome = action_plan_update(as_of=date(2026, 1, 5))
    run = outcome.of("test")
    assert (run.cycle.messages_queued, run.delivery.sent) == (2, 2)
    mail = {message.to: message.body for message in received_mail(platform["mail"])}
    assert set(mail) == {"amira@police.example", "ben@police.example"}
    assert "P/R01.1" in mail["amira@police.example"] and "P/R02.1" in mail["ben@police.example"]


def test_a_second_run_for_the_same_date_sends_nothing(platform):
    with MailSink(platform["mail"], platform["port"]):
        action_plan_update(as_of=date(2026, 1, 5))
        again = action_plan_update(as_of=date(2026, 1, 5))
    assert (again.of("test").cycle.messages_queued, again.of("test").delivery.sent) == (0, 0)
    assert len(received_mail(platform["mail"])) == 2


def test_with_the_mail_server_down_nothing_is_lost_and_the_next_run_sends_it(platform):
    down = action_plan_update(as_of=date(2026, 1, 5))
    run = down.of("test")
    assert (run.cycle.messages_queued, run.delivery.sent, run.delivery.failed) == (2, 0, 2)
    with Session(platform["engine"]) as session:
        assert {n.status for n in session.exec(select(m.Notification))} == {m.NotificationStatus.FAILED}
        for failed in session.exec(select(m.Notification)):  # the back-off has passed
            failed.next_attempt_at = None
            session.add(failed)
        session.commit()
    with MailSink(platform["mail"], platform["port"]):
        retried = deliver_notifications()
    assert retried.of("test").delivery.sent == 2
    assert sorted(mail.to for mail in received_mail(platform["mail"])) == [
        "amira@police.example",
        "ben@police.example",
    ]


def test_the_flow_records_the_deadlines_the_deadline_board_shows(platform):
    from registry.queries import open_deadlines

    action_plan_update(as_of=date(2026, 1, 5))
    rows = open_deadlines(platform["engine"], as_of=date(2026, 1, 5), due_soon_days=14)
    assert sorted((r.subject, r.standing.value) for r in rows) == [
        ("P/R01.1", "due soon"),
        ("P/R01.1", "on track"),
        ("P/R02.1", "on track"),
        ("P/R02.1", "on track"),
    ]


def test_the_command_line_runs_the_cycle_as_of_a_date_and_says_what_it_did(platform):
    from typer.testing import CliRunner

    from app.cli.main import app

    with MailSink(platform["mail"], platform["port"]):
        result = CliRunner().invoke(
            app, ["cycle", "run", "action-plan-update", "--as-of", "2026-01-05", "--yes"]
        )
    assert result.exit_code == 0, result.output
    assert "action-plan-update as of 05 January 2026: 2 open actions" in result.output
    assert "2 sent" in result.output


def test_a_dry_run_says_who_would_be_asked_and_changes_nothing(platform):
    with MailSink(platform["mail"], platform["port"]):
        outcome = action_plan_update(as_of=date(2026, 1, 5), dry_run=True)
    assert outcome.of("test").cycle.messages_queued == 2
    assert sorted(outcome.of("test").cycle.recipients) == ["Amira Test", "Ben Test"]
    assert received_mail(platform["mail"]) == []
    with Session(platform["engine"]) as session:
        assert (
            session.exec(select(m.Deadline)).all() == [] and session.exec(select(m.Notification)).all() == []
        )


@pytest.fixture
def bradford_platform(platform, sqlite_engine) -> dict:
    """The same platform, holding the Bradford demo as well."""
    from registry.partnership_file.loader import load_partnership_file

    load_partnership_file(sqlite_engine)
    return platform


def test_the_calendar_records_every_obligation_and_the_reminders_flow_emails_each_person_one_digest(
    bradford_platform,
):
    from flows.calendar import calendar
    from flows.reminders import reminders

    day = date(2026, 6, 24)  # in the past, so its 09:00 reminders are due whenever the test runs
    with MailSink(bradford_platform["mail"], bradford_platform["port"]):
        kept = calendar(as_of=day, partnership="bradford").of("bradford")
        outcome = reminders(as_of=day, partnership="bradford").of("bradford")
        calendar(as_of=day, partnership="bradford")
        again = reminders(as_of=day, partnership="bradford").of("bradford")
    assert kept.cycle.recorded and kept.delivery.sent == 0  # the calendar tells nobody
    delivered = outcome.delivery.sent + outcome.delivery.held_for_digest  # or kept for the day's digest
    assert delivered == outcome.cycle.messages_queued > 0 and outcome.delivery.sent > 0
    assert (again.cycle.messages_queued, again.delivery.sent) == (0, 0)
    mail = received_mail(bradford_platform["mail"])
    assert len(mail) == len({m.to for m in mail}) == outcome.delivery.sent
    assert all(m.subject.startswith("Deadlines on Wednesday 24 June 2026") for m in mail)


def test_the_reminders_flow_for_every_partnership_sweeps_them_at_once_then_tells_each(bradford_platform):
    import sqlalchemy as sa
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import TaskRunFilter, TaskRunFilterFlowRunId

    from flows.calendar import calendar
    from flows.reminders import reminders

    day = date(2026, 6, 24)
    with bradford_platform["engine"].begin() as connection:  # the test partnership's settings are corrupt
        connection.execute(
            sa.text("UPDATE partnership SET policy = '{\"reminder_time\": \"99:99\"}' WHERE key = 'test'")
        )
    with MailSink(bradford_platform["mail"], bradford_platform["port"]):
        calendar(as_of=day, partnership="bradford")
        state = reminders(as_of=day, return_state=True)
        again = reminders(as_of=day)
    outcome = state.result()
    with get_client(sync_client=True) as client:
        only = TaskRunFilter(flow_run_id=TaskRunFilterFlowRunId(any_=[state.state_details.flow_run_id]))
        task_runs = {t.name: t.state.type.value for t in client.read_task_runs(task_run_filter=only)}
    assert task_runs[f"escalation sweep {day}"] == "COMPLETED"
    with Session(bradford_platform["engine"]) as session:
        steps = session.exec(select(m.EscalationStepTaken).where(m.EscalationStepTaken.taken_on == day)).all()
    told = [s for s in steps if not s.skipped]
    assert told and all(s.notification_key for s in told)  # the sweep took them, Bradford's run told them
    bradford = outcome.of("bradford")
    assert bradford.cycle.steps_taken == len(told) and bradford.delivery.sent > 0
    assert set(outcome.failures) == {"test"}  # the corrupt partnership fails on its own, and only it
    assert (again.of("bradford").cycle.steps_taken, again.of("bradford").cycle.messages_queued) == (0, 0)
    assert len(received_mail(bradford_platform["mail"])) == bradford.delivery.sent


def test_a_cycle_without_a_partnership_runs_each_in_turn_and_one_failure_stops_no_other(bradford_platform):
    import sqlalchemy as sa

    from flows.calendar import calendar

    with bradford_platform["engine"].begin() as connection:  # the test partnership's settings are corrupt
        connection.execute(
            sa.text("UPDATE partnership SET policy = '{\"reminder_time\": \"99:99\"}' WHERE key = 'test'")
        )
    outcome = calendar(as_of=date(2026, 6, 24), dry_run=True)
    assert [run.partnership for run in outcome.partnerships] == ["bradford", "test"]
    assert set(outcome.failures) == {"test"} and "reminder_time" in outcome.failures["test"]
    assert outcome.of("bradford").cycle.recorded
    assert "[test] FAILED" in outcome.summary() and "[bradford]" in outcome.summary()


def test_a_delivery_run_is_tagged_and_its_tasks_are_named_for_the_partnership(platform):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import TaskRunFilter, TaskRunFilterFlowRunId

    state = deliver_notifications(partnership="test", return_state=True)
    tags = {"cycle:deliver-notifications", "partnership:test"}
    with get_client(sync_client=True) as client:
        flow_run = client.read_flow_run(state.state_details.flow_run_id)
        only = TaskRunFilter(flow_run_id=TaskRunFilterFlowRunId(any_=[flow_run.id]))
        task_runs = client.read_task_runs(task_run_filter=only)
    assert flow_run.name.startswith("deliver-notifications-test-")
    assert tags <= set(flow_run.tags)
    assert task_runs and all(t.name == "deliver test" and not t.tags for t in task_runs)  # no slot to ask for
