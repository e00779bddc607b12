"""``govern replay``: a year of every cycle against a copy of the registry, mail captured.

The Bradford demo year is replayed once for the module (it is a year of ten cycles), with the
local mail sink listening where the platform's mail would go; each test reads one rule off it.
"""

import json
import socket
from collections import Counter
from datetime import date
from io import BytesIO
from pathlib import Path
from types import SimpleNamespace

import pytest
import sqlalchemy as sa
import typer
from sqlmodel import SQLModel
from typer.testing import CliRunner

from app.cli.replay import replay as replay_command
from flows.adapters.mail_sink import MailSink, received_mail
from flows.replay import replay
from flows.replay_cycles import DAY_ORDER
from governance.replay import ReplayReport, month_of
from registry import tables  # noqa: F401
from registry.engine import make_engine
from registry.migrate import upgrade
from registry.partnership_file.loader import load_partnership_file

YEAR = ("2025-04-01", "2026-03-31")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def govern() -> typer.Typer:
    """The platform's command line, with ``replay`` as registered there (or on its own until it is)."""
    from app.cli.main import app

    if any(c.name == "replay" for c in app.registered_commands):
        return app
    alone = typer.Typer()
    alone.command("replay")(replay_command)
    alone.command("unused")(lambda: None)  # two commands: the command is named, as in ``govern replay``
    return alone


def every_row(url: str) -> dict[str, list[tuple]]:
    """Every table's rows, in key order: what the registry holds, to compare before and after."""
    engine = make_engine(url)
    with engine.connect() as connection:
        rows = {
            t.name: [tuple(r) for r in connection.execute(sa.select(t).order_by(*t.primary_key.columns))]
            for t in SQLModel.metadata.sorted_tables
        }
    engine.dispose()
    return rows


@pytest.fixture(scope="module")
def bradford_year(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("replay")
    url = f"sqlite:///{folder / 'registry.db'}"
    upgrade(url)
    engine = make_engine(url)
    load_partnership_file(engine)
    engine.dispose()
    port = free_port()
    before = every_row(url)
    with pytest.MonkeyPatch.context() as env, MailSink(folder / "mail", port):
        env.setenv("GOVERN_DATABASE_URL", url)
        env.setenv("GOVERN_DATA_DIR", str(folder / "data"))
        env.setenv("GOVERN_MAIL_SINK_PORT", str(port))  # where the platform's mail would go
        env.delenv("GOVERN_EMAIL_URL", raising=False)
        result = CliRunner().invoke(govern(), ["replay", "--from", YEAR[0], "--to", YEAR[1], "--json"])
        listing = CliRunner().invoke(
            __import__("app.cli.main", fromlist=["app"]).app,
            ["deadlines", "--from", YEAR[0], "--to", YEAR[1], "--json"],
        )
    report = ReplayReport.model_validate_json(result.stdout) if result.exit_code == 0 else None
    return SimpleNamespace(
        url=url,
        result=result,
        report=report,
        listing=json.loads(listing.stdout),
        before=before,
        after=every_row(url),
        received=received_mail(folder / "mail"),
    )


def test_the_bradford_year_replay_completes(bradford_year):
    assert bradford_year.result.exit_code == 0, bradford_year.result.output
    assert bradford_year.report.problems == []


def test_every_scheduled_cycle_is_replayed(bradford_year):
    assert bradford_year.report.not_replayed == {}
    assert bradford_year.report.cycles == [c.value for c in DAY_ORDER]


def test_the_deadlines_falling_due_each_month_are_the_engines_own_listing(bradford_year):
    listed = Counter(month_of(date.fromisoformat(d["due_on"])) for d in bradford_year.listing)
    assert sum(listed.values()) > 0
    assert bradford_year.report.falling_due == dict(listed)


def test_progress_is_shown_month_by_month(bradford_year):
    months = [line.split(":")[0] for line in bradford_year.result.stderr.splitlines() if line[:4].isdigit()]
    assert months == [
        f"{y}-{m:02d}" for y, m in [(2025, n) for n in range(4, 13)] + [(2026, n) for n in (1, 2, 3)]
    ]


def test_the_live_registry_is_not_changed(bradford_year):
    assert bradford_year.after == bradford_year.before


def test_no_mail_leaves_the_machine_what_would_have_gone_is_captured(bradford_year):
    captured = sum(t.sent for t in bradford_year.report.total().values())
    assert captured > 0
    assert bradford_year.received == []


def test_a_replay_reports_each_cycle_month_by_month(bradford_year):
    january = bradford_year.report.total("2026-01")
    assert january["action-plan-update"].requests > 0  # the monthly update requests
    assert sum(t.reminders for t in january.values()) > 0


@pytest.mark.postgres
def test_a_postgresql_registry_is_replayed_on_a_scratch_copy_and_left_unchanged(postgres_url, tmp_path: Path):
    upgrade(postgres_url)
    engine = make_engine(postgres_url)
    load_partnership_file(engine)
    engine.dispose()
    before = every_row(postgres_url)
    done = replay(postgres_url, date(2026, 1, 1), date(2026, 1, 14), workspace=tmp_path / "copy")
    assert done.copy_url.startswith("sqlite:///")
    copied = every_row(done.copy_url)
    assert len(copied["deadline"]) > len(before["deadline"])  # the replay recorded into the copy
    assert copied["person"] == before["person"]  # the copy holds what the live registry held
    assert every_row(postgres_url) == before


def test_a_replay_refuses_a_range_that_ends_before_it_starts(tmp_path: Path):
    result = CliRunner().invoke(govern(), ["replay", "--from", "2026-03-31", "--to", "2025-04-01"])
    assert result.exit_code == 2
    assert "--to is before --from" in result.output


def test_a_registry_that_has_run_since_the_first_day_is_replayed_with_a_note_saying_so(
    sqlite_url, tmp_path: Path
):
    from datetime import UTC, datetime

    from flows.adapters.message_templates import TemplateRenderer
    from governance.deadlines.use_cases import run_calendar
    from registry.unit_of_work import SqlUnitOfWork

    upgrade(sqlite_url)
    engine = make_engine(sqlite_url)
    load_partnership_file(engine)
    fresh = replay(sqlite_url, date(2026, 1, 5), date(2026, 1, 6)).report
    run_calendar(
        date(2026, 1, 20), uow=SqlUnitOfWork(engine), render=TemplateRenderer(), now=datetime.now(UTC)
    )
    engine.dispose()
    lived = replay(sqlite_url, date(2026, 1, 5), date(2026, 1, 6)).report
    assert fresh.already_run == 0 and "NOTE" not in fresh.summary()
    assert lived.already_run > 0
    assert (
        f"NOTE: the registry already holds {lived.already_run} deadlines recorded on or after 05 January 2026"
        in (lived.summary())
    )


def test_the_documents_a_year_attaches_are_drafted_and_said_not_to_be_typeset(bradford_year):
    report = bradford_year.report
    assert report.documents > 0 and not report.typeset
    assert f"{report.documents} documents were drafted to attach and not typeset" in report.summary()


def pdf_text(data: bytes) -> str:
    import pypdf

    return " ".join(page.extract_text() for page in pypdf.PdfReader(BytesIO(data)).pages)


def test_a_replayed_pdf_is_a_page_naming_its_document_unless_typeset_is_asked():
    from flows.replay_documents import ReplayDocuments
    from tests.test_document_rendering import a_document_with_every_block

    document = a_document_with_every_block()
    stand_in = pdf_text(ReplayDocuments().render(document, "pdf"))
    assert "Child exploitation in Bradford" in stand_in and "not typeset" in stand_in
    assert "missing episodes" not in stand_in
    typeset = pdf_text(ReplayDocuments(typeset=True).render(document, "pdf"))
    assert "missing episodes" in typeset and "not typeset" not in typeset


def test_a_document_that_cannot_be_drafted_fails_in_the_replay_as_it_would_live(monkeypatch):
    from flows import replay_documents
    from tests.test_document_rendering import a_document_with_every_block

    def broken(document):
        raise ValueError("a block the HTML renderer does not know")

    monkeypatch.setattr(replay_documents, "render_html", broken)
    with pytest.raises(ValueError, match="does not know"):
        replay_documents.ReplayDocuments().render(a_document_with_every_block(), "pdf")
