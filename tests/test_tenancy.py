"""One registry, two partnerships, on SQLite and PostgreSQL: Bradford and Calderdale, which reuses
Bradford's keys (board tbp, person helen-achebe, plan and action references). Nothing of one
appears in the other: deadlines, notifications, permissions, page rows and command output."""

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from app.cli.main import app
from flows.adapters.message_templates import TemplateRenderer
from governance.action_plans.model import ActionPlanPolicy
from governance.action_plans.use_cases import run_action_plan_update
from governance.deadlines.model import Duty
from governance.deadlines.reminders import run_reminders
from governance.deadlines.use_cases import run_calendar
from governance.extensions.model import DecideExtension, RequestExtension
from governance.extensions.use_cases import decide_extension, request_extension
from governance.rules import UnknownRecord
from registry.partnership_file.loader import BRADFORD_DEMO, load_partnership_file
from registry.queries import notifications, open_deadlines, partnership_summary
from registry.unit_of_work import SqlUnitOfWork

CALDERDALE = Path(__file__).parent / "partnerships" / "calderdale.yaml"
TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 10, tzinfo=UTC)


def uow(engine, partnership: str) -> SqlUnitOfWork:
    return SqlUnitOfWork(engine, partnership=partnership)


def run_cycles(engine, partnership: str) -> None:
    render = TemplateRenderer()
    run_action_plan_update(
        TODAY, uow=uow(engine, partnership), render=render, now=NOW, policy=ActionPlanPolicy()
    )
    run_calendar(TODAY, uow=uow(engine, partnership), render=render, now=NOW)
    run_reminders(TODAY, uow=uow(engine, partnership), render=render, now=NOW)


@pytest.fixture
def both(engine):
    load_partnership_file(engine, BRADFORD_DEMO)
    load_partnership_file(engine, CALDERDALE)
    run_cycles(engine, "bradford")
    run_cycles(engine, "calderdale")
    return engine


def rows_of(engine, partnership: str) -> dict[str, list[tuple]]:
    """Every row the partnership owns, table by table (the tables that carry its id)."""
    metadata = sa.MetaData()
    metadata.reflect(engine)
    with engine.connect() as connection:
        pid = connection.execute(
            sa.text("SELECT id FROM partnership WHERE key = :k"), {"k": partnership}
        ).scalar_one()
        return {
            name: sorted(
                map(tuple, connection.execute(sa.select(t).where(t.c.partnership_id == pid)).all()), key=repr
            )
            for name, t in metadata.tables.items()
            if "partnership_id" in t.c
        }


def test_both_partnerships_load_with_the_same_keys(both):
    assert partnership_summary(both, partnership="bradford").boards == 8
    calderdale = partnership_summary(both, partnership="calderdale")
    assert (calderdale.name, calderdale.boards, calderdale.people, calderdale.actions) == (
        "Calderdale safeguarding partnerships", 2, 5, 1,
    )  # fmt: skip


def test_no_deadline_of_one_appears_in_the_other(both):
    bradford = open_deadlines(both, partnership="bradford", as_of=TODAY, due_soon_days=14)
    calderdale = open_deadlines(both, partnership="calderdale", as_of=TODAY, due_soon_days=14)
    assert {r.board for r in calderdale} == {"CSCP", "CSAB"}
    assert {r.owner for r in calderdale} <= {
        "Morag Lindsay",
        "Imran Dar",
        "Beth Oyelaran",
        "Alys Penrose",
        "Tariq Bello",
    }
    assert not {r.board for r in bradford} & {"CSCP", "CSAB"}
    assert "Tariq Bello" not in {r.owner for r in bradford}
    shared_subject = [r for r in calderdale if r.subject == "CSE-2021/R01.1"]
    assert shared_subject and all(r.owner == "Tariq Bello" for r in shared_subject)


def test_no_notification_of_one_goes_to_the_other(both):
    calderdale = notifications(both, partnership="calderdale")
    bradford = notifications(both, partnership="bradford")
    assert calderdale and bradford
    assert all(".example" in n.address and "bradford" not in n.address for n in calderdale)
    assert not {n.address for n in calderdale} & {n.address for n in bradford}


def test_the_chair_of_one_cannot_act_in_the_other(both):
    request = request_extension(
        RequestExtension(
            duty=Duty.ACTION_COMPLETION, subject="CSE-2021/R01.1", period="once", requested_by="lead",
            proposed_due_on=date(2027, 3, 31), requested_on=TODAY,
            reason="The review panel moved to February.", evidence="Panel calendar 2027, item 4.",
        ),
        uow=uow(both, "calderdale"), now=NOW,
    )  # fmt: skip
    bradford_scrutineer = DecideExtension(
        request_id=request, decided_by="graham-whitfield", approve=True, decided_on=TODAY
    )
    with pytest.raises(UnknownRecord, match="No person with key or e-mail address 'graham-whitfield'"):
        decide_extension(bradford_scrutineer, uow=uow(both, "calderdale"), now=NOW)
    with pytest.raises(
        UnknownRecord, match=f"No extension request number {request}"
    ):  # not Bradford's to decide
        decide_extension(
            DecideExtension(request_id=request, decided_by="helen-achebe", approve=True, decided_on=TODAY),
            uow=uow(both, "bradford"), now=NOW,
        )  # fmt: skip


def test_reloading_one_partnership_changes_nothing_in_the_other(both):
    before = rows_of(both, "calderdale")
    summary = load_partnership_file(both, BRADFORD_DEMO)
    assert (summary["created"], summary["updated"]) == (0, 0)
    run_cycles(both, "bradford")
    assert rows_of(both, "calderdale") == before


def test_a_unit_of_work_without_a_partnership_says_which_exist(both):
    with (
        pytest.raises(UnknownRecord, match="Several partnerships are loaded.*bradford, calderdale"),
        SqlUnitOfWork(both),
    ):
        pass
    with (
        pytest.raises(UnknownRecord, match="No partnership 'leeds'"),
        SqlUnitOfWork(both, partnership="leeds"),
    ):
        pass


@pytest.fixture
def govern(both, registry_url, tmp_path, monkeypatch):
    monkeypatch.setenv("GOVERN_DATABASE_URL", registry_url)
    monkeypatch.setenv("GOVERN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("GOVERN_PARTNERSHIP", raising=False)
    runner = CliRunner()
    return lambda *args, **env: runner.invoke(app, list(args), env=env or None)


def test_commands_name_the_partnerships_when_several_are_loaded_and_none_is_named(govern):
    result = govern("outbox", "list")
    assert result.exit_code == 2
    assert "Several partnerships are loaded" in result.output and "bradford, calderdale" in result.output


def test_command_output_of_one_partnership_holds_nothing_of_the_other(govern):
    calderdale = govern("outbox", "list", "--partnership", "calderdale")
    assert calderdale.exit_code == 0 and "tariq.bello@west-yorkshire-police.example" in calderdale.output
    assert "bradford" not in calderdale.output
    by_environment = govern(
        "deadlines", "--from", "2026-11-01", "--to", "2027-02-28", GOVERN_PARTNERSHIP="calderdale"
    )
    assert by_environment.exit_code == 0, by_environment.output
    assert "CSE-2021/R01.1" in by_environment.output and "TBP" not in by_environment.output
