"""Commands that tell: who is who (the keys and e-mail addresses `--by` takes), what the registry has
recorded, what the outbox is waiting for, and a run as of a past day that asks first."""

from typer.testing import CliRunner

from app.cli.main import app


def as_json(result) -> object:
    import json

    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_by_takes_a_persons_e_mail_address_as_well_as_their_key(govern):
    govern("demo", "load")
    result = govern(
        "action",
        "update",
        "CSE-2021/R01.1",
        "--by",
        "grace.mensah@bradford-council.example",
        "--progress",
        "Protocol revised",
        "--on",
        "12/01/2026",
    )
    assert result.exit_code == 0, result.output
    assert "update on CSE-2021/R01.1 recorded for 2026-01" in result.output


def test_people_lists_the_keys_and_e_mail_addresses_by_takes_with_each_persons_roles(govern):
    govern("demo", "load")
    people = {p["key"]: p for p in as_json(govern("people", "--json"))}
    assert people["grace-mensah"]["email"] == "grace.mensah@bradford-council.example"
    assert "independent chair (BSAB)" in people["rukhsana-malik"]["roles"]
    listed = govern("people")
    assert (
        "joanne-pickering" in listed.output and "joanne.pickering@bradford-council.example" in listed.output
    )


def calendar_run_on_25_november_2026(sqlite_url: str) -> None:
    from datetime import UTC, date, datetime

    from flows.adapters.message_templates import TemplateRenderer
    from governance.deadlines.reminders import run_reminders
    from governance.deadlines.use_cases import run_calendar
    from registry.engine import make_engine
    from registry.unit_of_work import SqlUnitOfWork

    engine = make_engine(sqlite_url)
    now = datetime(2026, 11, 25, 6, tzinfo=UTC)
    run_calendar(date(2026, 11, 25), uow=SqlUnitOfWork(engine), render=TemplateRenderer(), now=now)
    run_reminders(date(2026, 11, 25), uow=SqlUnitOfWork(engine), render=TemplateRenderer(), now=now)
    engine.dispose()


def test_deadlines_recorded_shows_each_deadlines_state_dates_extensions_and_the_steps_taken(
    govern, sqlite_url
):
    govern("demo", "load")
    calendar_run_on_25_november_2026(sqlite_url)
    rows = as_json(govern("deadlines", "--recorded", "--from", "2026-11-27", "--to", "2026-11-27", "--json"))
    enquiry = next(r for r in rows if r["subject"] == "ENQ-2026-014")
    assert (enquiry["state"], enquiry["due_on"], enquiry["original_due_on"], enquiry["extensions"]) == (
        "open",
        "2026-11-27",
        "2026-11-27",
        0,
    )
    assert enquiry["standing"] == "overdue"  # due on 27 November 2026, unanswered, and today is later
    assert [(s["step"], s["skipped"]) for s in enquiry["steps"]] == [
        ("reminder 14 days before", True),
        ("reminder 7 days before", False),
    ]
    listed = govern("deadlines", "--recorded", "--from", "27/11/2026", "--to", "27/11/2026")
    assert "reminder 7 days before 2026-11-25" in listed.output
    assert "deadlines recorded due from 27 November 2026 to 27 November 2026" in listed.output


def test_deadlines_without_a_range_or_recorded_says_what_to_give(govern):
    govern("demo", "load")
    result = govern("deadlines")
    assert result.exit_code == 2 and "give --from and --to (or --recorded" in result.output


def test_outbox_send_says_how_many_wait_and_until_when(govern, sqlite_url):
    from datetime import UTC, datetime, time

    from governance.dates import at_london_time
    from governance.notifications.model import OutboxMessage
    from registry.engine import make_engine
    from registry.unit_of_work import SqlUnitOfWork

    govern("demo", "load")
    engine, at = make_engine(sqlite_url), datetime(2026, 11, 25, tzinfo=UTC)
    with SqlUnitOfWork(engine) as uow:
        for n in range(3):
            message = OutboxMessage(
                key=f"reminder/{n}", recipient_key="grace-mensah", recipient_name="Grace Mensah",
                address="grace.mensah@bradford-council.example", subject="Reminder", body="…",
                not_before=at_london_time(datetime(2090, 12, 2).date(), time(9)),
            )  # fmt: skip
            uow.outbox.enqueue(message, at=at)
        uow.commit()
    engine.dispose()
    result = govern("outbox", "send")
    assert result.exit_code == 0, result.output
    assert "0 sent; 3 waiting until 09:00 on 2 December 2090 (Europe/London)" in result.output


def test_outbox_send_names_each_failure_with_its_error(govern, sqlite_url, monkeypatch):
    monkeypatch.setenv("GOVERN_MAIL_SINK_PORT", "9")  # nothing listens: the send fails
    govern("demo", "load")
    calendar_run_on_25_november_2026(sqlite_url)
    result = govern("outbox", "send")
    assert result.exit_code == 1
    assert (
        "0 sent; 6 failed and kept queued for retry after a back-off; 2 held for the recipients' daily digest"
        in result.output
    )
    assert (
        "failed: rukhsana.malik@bradford-partnership.example: no connection to 127.0.0.1:9" in result.output
    )


def test_a_cycle_run_as_of_a_past_day_is_refused_without_a_terminal_unless_dry_run_or_yes(govern):
    result = govern("cycle", "run", "action-plan-update", "--as-of", "2026-01-05")
    assert result.exit_code == 2
    assert "--as-of 5 January 2026 is in the past" in result.output
    assert "Add --dry-run to see what it would do, or --yes to do it" in result.output


def test_a_cycle_run_as_of_a_future_day_is_refused_too_without_a_terminal(govern):
    result = govern("cycle", "run", "calendar", "--as-of", "31/12/2099")
    assert result.exit_code == 2 and "is in the future" in result.output


def test_at_a_terminal_a_past_as_of_asks_first_and_no_runs_nothing(govern, monkeypatch):
    from app.cli import cycles as cli_cycles

    monkeypatch.setattr(cli_cycles, "_at_a_terminal", lambda: True)  # the process edge: a person typing
    result = CliRunner().invoke(app, ["cycle", "run", "calendar", "--as-of", "25/11/2026"], input="n\n")
    assert result.exit_code == 1 and "Run it? [y/N]" in result.output and "Aborted" in result.output
