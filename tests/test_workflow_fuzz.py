"""Random values typed into every workflow command, on a real SQLite registry holding the Bradford demo
after a day's cycles: no input gives a traceback, and no refused input leaves anything written."""

import os
import sys
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from app.cli.main import app
from flows.adapters.message_templates import TemplateRenderer
from governance.action_plans.model import ActionPlanPolicy
from governance.action_plans.use_cases import run_action_plan_update
from governance.deadlines.model import Duty
from governance.deadlines.reminders import run_reminders
from governance.deadlines.use_cases import run_calendar
from governance.reports.model import Recipient
from registry.engine import make_engine
from registry.migrate import upgrade
from registry.partnership_file.loader import load_partnership_file
from registry.unit_of_work import SqlUnitOfWork

EXAMPLES = int(os.environ.get("GOVERN_FUZZ_EXAMPLES", "200"))
"""Bounded so the suite stays quick; set GOVERN_FUZZ_EXAMPLES for a longer search."""
DAY = date(2026, 11, 25)

PEOPLE = [
    "joanne-pickering", "grace-mensah", "helen-achebe", "rukhsana-malik", "graham-whitfield",
    "joanne.pickering@bradford-council.example", "grace.mensah@bradford-council.example",
]  # fmt: skip
ACTIONS = ["CSE-2021/R01.2", "CSE-2021/R02.1", "CSE-2021/R07.2", "CSE-2021/R01.1"]  # the last is complete
DUTIES = [d.slug for d in Duty]
SUBJECTS = [
    "section-11/barnardos",
    "ENQ-2026-014",
    "CSE-2021/R07.1",
    "all-age-exploitation/tbp",
    "TBP-SI-2026-02",
]
PERIODS = ["2026", "once", "2026-11", "2025/26", "2026-12-09"]
REPORTS = ["bsab-annual-report-2025-26", "executive-exploitation-update-2027", "tbp-yearly-report-2025-26"]
RECIPIENTS = [r.name.lower().replace("_", "-") for r in Recipient]
SUB_GROUPS = ["all-age-exploitation", "learning-improvement"]
RECORDED = [
    ("Section 11 audit return", "section-11/barnardos", "2026"),
    ("action completion", "CSE-2021/R07.2", "once"),
    ("councillor's enquiry answered", "ENQ-2026-014", "once"),
    ("sub-group report to board", "all-age-exploitation/tbp", "2026-11-17"),
    ("serious incident notification", "TBP-SI-2026-02", "once"),
]
"""Deadlines the day's cycles recorded (open), by duty, subject and period."""
BOARDS = ["tbp", "bsab", "csp"]

HUGE = st.sampled_from(["x" * 50_000, "é" * 20_001, "9" * 400])
odd_text = st.one_of(st.text(max_size=40), st.sampled_from(["", " ", "\x00", "\n", "-1", "--by"]), HUGE)


def mostly(usual, odd=odd_text):
    """Three times in four a usual value, so commands get past the first check to the rules behind it."""
    return st.one_of(usual, usual, usual, odd)


def known(values: list[str]):
    return mostly(st.sampled_from(values))


text = mostly(st.sampled_from(["Done", "Figures arrive on 1 December", "Missing the audit"]))


dates = mostly(
    st.one_of(
        st.dates(date(2025, 1, 1), date(2028, 12, 31)).map(lambda d: d.isoformat()),
        st.dates(date(2025, 1, 1), date(2028, 12, 31)).map(lambda d: f"{d:%d/%m/%Y}"),
    ),
    st.one_of(
        st.dates().map(lambda d: f"{d.year:04d}-{d.month:02d}-{d.day:02d}"),
        st.sampled_from(["1900-01-01", "9999-12-31", "2026-02-30", "31/02/2026", "00/00/0000", "2026-13-01"]),
        odd_text,
    ),
)
months = mostly(
    st.sampled_from(["2026-11", "2026-12"]), st.sampled_from(["2026-13", "2026-00", "0000-01", "x"])
)
numbers = mostly(
    st.sampled_from(["1", "2", "3"]),
    st.one_of(st.integers(min_value=-(10**25), max_value=10**25).map(str), odd_text),
)


def optional(name: str, values) -> st.SearchStrategy[list[str]]:
    return st.one_of(st.just([]), values.map(lambda v: [name, v]))


def command(*parts) -> st.SearchStrategy[list[str]]:
    """A command line: fixed words and strategies for each value, options drawn or left out."""
    return st.tuples(*(p if isinstance(p, st.SearchStrategy) else st.just([p]) for p in parts)).map(
        lambda pieces: [word for piece in pieces for word in (piece if isinstance(piece, list) else [piece])]
    )


def value(strategy) -> st.SearchStrategy[list[str]]:
    return strategy.map(lambda v: [v])


def by() -> st.SearchStrategy[list[str]]:
    return known(PEOPLE).map(lambda v: ["--by", v])


deadline_key = (
    mostly(st.sampled_from(RECORDED), st.tuples(known(DUTIES), known(SUBJECTS), known(PERIODS))).map(list),
)
COMMANDS = st.one_of(
    command("action", "update", value(known(ACTIONS)), by(), text.map(lambda t: ["--progress", t]),
            optional("--on", dates), optional("--period", months)),
    command("extension", "request", *deadline_key, by(), dates.map(lambda d: ["--to", d]),
            text.map(lambda t: ["--reason", t]), text.map(lambda t: ["--evidence", t]), optional("--on", dates)),
    command("extension", "decide", value(numbers), by(), st.sampled_from([["--approve"], ["--refuse"]]),
            optional("--note", text), optional("--on", dates)),
    command("deadline", "submit", *deadline_key, by(), optional("--on", dates), optional("--note", text)),
    command("deadline", "accept", *deadline_key, by(), optional("--on", dates)),
    command("deadline", "return", *deadline_key, by(), text.map(lambda t: ["--note", t]), optional("--on", dates)),
    command("report", "review", value(known(REPORTS)), by()),
    command("report", "approve", value(known(REPORTS)), by(), text.map(lambda t: ["--version", t])),
    command("report", "return", value(known(REPORTS)), by(), text.map(lambda t: ["--note", t])),
    command("report", "publish", value(known(REPORTS)), by(), st.sampled_from([["--accessible"], []]),
            optional("--on", dates)),
    command("report", "sent", value(known(REPORTS)), by(), known(RECIPIENTS).map(lambda r: ["--recipient", r]),
            text.map(lambda t: ["--sent-to", t]), optional("--on", dates)),
    command("sub-group", "submit", value(known(SUB_GROUPS)), by(), optional("--board", known(BOARDS)),
            optional("--on", dates), optional("--note", text)),
)  # fmt: skip


@pytest.fixture(scope="module")
def registry(tmp_path_factory) -> sa.Engine:
    """The demo after the day's action-plan update and calendar recorded deadlines, requests and steps."""
    folder = tmp_path_factory.mktemp("fuzz")
    url = f"sqlite:///{folder / 'registry.db'}"
    upgrade(url)
    engine = make_engine(url)
    load_partnership_file(engine)
    now, render = datetime(2026, 11, 25, 6, tzinfo=UTC), TemplateRenderer()
    run_action_plan_update(DAY, uow=SqlUnitOfWork(engine), render=render, now=now, policy=ActionPlanPolicy())
    run_calendar(DAY, uow=SqlUnitOfWork(engine), render=render, now=now)
    run_reminders(DAY, uow=SqlUnitOfWork(engine), render=render, now=now)
    with pytest.MonkeyPatch.context() as env:
        env.setenv("GOVERN_DATABASE_URL", url)
        env.setenv("GOVERN_DATA_DIR", str(folder / "data"))
        yield engine
    engine.dispose()


AUDIT_TRAIL = "auditevent"
CHAIN_HEAD = {"audit_sequence", "audit_head"}
"""A refused permission is itself audited: the trail grows by that event and its chain head moves."""


@cache
def _reflected(engine: sa.Engine) -> sa.MetaData:
    tables = sa.MetaData()
    tables.reflect(engine)
    return tables


def every_table(engine: sa.Engine) -> dict[str, list[tuple]]:
    """Every row of every table, as (column, value) pairs, the audit chain's head left out."""
    tables = _reflected(engine)
    with engine.connect() as connection:
        return {
            name: sorted(
                (
                    tuple(
                        (column, value) for column, value in row._mapping.items() if column not in CHAIN_HEAD
                    )
                    for row in connection.execute(sa.select(table))
                ),
                key=repr,
            )
            for name, table in tables.tables.items()
        }


def written_by_a_refusal(before: dict[str, list[tuple]], after: dict[str, list[tuple]]) -> list[str]:
    """What a refused command changed, other than the audit events that record the refusal itself."""
    changed = [name for name in after if name != AUDIT_TRAIL and after[name] != before.get(name)]
    appended = [dict(row) for row in after[AUDIT_TRAIL] if row not in before[AUDIT_TRAIL]]
    return changed + [f"audit event {e['event']!r}" for e in appended if "refused" not in e["event"]]


def test_no_value_typed_into_a_workflow_command_gives_a_traceback_or_a_partial_write(registry):
    runner, figures = CliRunner(), {"tried": 0, "accepted": 0, "refused": 0, "exit 1": 0}

    @settings(
        max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
    )
    @given(args=COMMANDS)
    def typed(args: list[str]) -> None:
        before = every_table(registry)
        result = runner.invoke(app, args)
        figures["tried"] += 1
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            args,
            result.exception,
        )
        assert result.exit_code in (0, 1, 2), (args, result.output)
        assert "Traceback" not in result.output
        if result.exit_code == 0:
            figures["accepted"] += 1
            return
        figures["refused" if result.exit_code == 2 else "exit 1"] += 1
        assert written_by_a_refusal(before, every_table(registry)) == [], f"a refused command wrote: {args}"

    typed()
    print(f"\nworkflow fuzz: {figures}; tracebacks: 0; partial writes: 0", file=sys.stderr)
    assert figures["tried"] >= EXAMPLES // 2


def test_the_fuzz_registry_holds_the_deadlines_the_commands_reach(registry):
    tables = every_table(registry)
    assert len(tables["deadline"]) > 50 and len(tables["notification"]) > 0
    assert Path(registry.url.database).exists()
