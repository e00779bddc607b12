"""Benchmark: an ordinary day's calendar and reminders cycles with the Bradford demo copied K times
into one registry, on a SQLite file and on PostgreSQL, each next to its lower bound measured in the
same run: the bare indexed SQL that finds the same escalation steps (through the driver, no ORM),
and for the deadline board, ``open_deadlines`` against the same SELECT bare.

Times are the best of the days (and rounds) measured: the machine is shared, and the best is the
least disturbed. Prints figures and ratios, asserts nothing (the target, the sweep within 1.5x of its SQL, lives
here, not in timed tests). Loading the copies is not timed. Run:

    .venv/bin/python -m tests.benchmarks.daily_sweep [K ...] [--db sqlite|postgresql|both]

K defaults to 1 10 100. PostgreSQL uses a scratch database ``govern_bench`` on 127.0.0.1:5432
(dropped and created again; ``GOVERN_BENCH_POSTGRES`` gives another server).
"""

import argparse
import os
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from enum import Enum
from pathlib import Path

import psycopg
import sqlalchemy as sa
from sqlmodel import Session, func, select

from flows.adapters.message_templates import TemplateRenderer
from governance.deadlines.model import DeadlineState
from governance.deadlines.reminders import run_reminders
from governance.deadlines.use_cases import run_calendar
from registry import tables as m
from registry.engine import make_engine
from registry.migrate import upgrade
from registry.partnership_file.loader import (
    BRADFORD_DEMO,
    as_partnership,
    load_partnership,
    read_partnership_file,
)
from registry.queries import open_deadlines
from registry.sql.deadline_sweep import reached_and_not_taken
from registry.unit_of_work import SqlUnitOfWork

SERVER = os.environ.get("GOVERN_BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432")
SET_UP_ON = date(2026, 11, 24)  # the first run records everything since the partnership went live
FIRST_ORDINARY_DAY = date(2026, 11, 25)
RENDER = TemplateRenderer()


def registry(backend: str, folder: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{folder / 'registry.db'}"
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS govern_bench WITH (FORCE)")
        connection.execute("CREATE DATABASE govern_bench")
    return f"{SERVER.replace('postgresql://', 'postgresql+psycopg://')}/govern_bench"


def copies(engine: sa.Engine, k: int) -> list[str]:
    file = read_partnership_file(BRADFORD_DEMO)
    keys = [f"bradford-{i:03d}" for i in range(k)]
    for key in keys:
        load_partnership(engine, as_partnership(file, key))
    return keys


def at_six(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 6, tzinfo=UTC)


def each(keys: list[str], cycle: Callable, engine: sa.Engine, day: date) -> float:
    started = time.perf_counter()
    for key in keys:
        cycle(day, uow=SqlUnitOfWork(engine, partnership=key), render=RENDER, now=at_six(day))
    return time.perf_counter() - started


def bare(engine: sa.Engine, query: sa.Select, rounds: int = 5) -> tuple[float, int]:
    """The best time of the query's SQL run through the driver itself, and how many rows it gives."""
    compiled = query.compile(engine, compile_kwargs={"render_postcompile": True})
    values = {name: v.value if isinstance(v, Enum) else v for name, v in compiled.params.items()}
    params = [values[name] for name in compiled.positiontup] if compiled.positional else values
    sql = str(compiled)
    times, rows = [], 0
    with engine.connect() as connection:
        cursor = connection.connection.dbapi_connection.cursor()
        for _ in range(rounds):
            started = time.perf_counter()
            cursor.execute(sql, params)
            rows = len(cursor.fetchall())
            times.append(time.perf_counter() - started)
    return min(times), rows


def board_query(partnership_id: int) -> sa.Select:
    d = m.Deadline
    return (
        sa.select(
            d.duty,
            d.subject,
            d.title,
            d.period,
            m.Board.short_name,
            m.SubGroup.name,
            m.Person.name,
            m.Agency.name,
            d.due_on,
            d.state,
            d.extensions,
            d.original_due_on,
        )  # fmt: skip
        .join(m.Board, d.board_id == m.Board.id)
        .join(m.Person, d.owner_id == m.Person.id)
        .join(m.Agency, m.Person.agency_id == m.Agency.id, isouter=True)
        .join(m.SubGroup, d.sub_group_id == m.SubGroup.id, isouter=True)
        .where(d.state != DeadlineState.CLOSED, d.partnership_id == partnership_id)
        .order_by(d.due_on, d.subject, d.duty)
    )


def port_query(engine: sa.Engine, keys: list[str], day: date, ladder: tuple) -> float:
    """The sweep's query through the deadlines port for every partnership, changing nothing."""
    started = time.perf_counter()
    for key in keys:
        with SqlUnitOfWork(engine, partnership=key) as uow:
            uow.deadlines.steps_due_on(day, ladder)
    return time.perf_counter() - started


def measure(backend: str, k: int, days: list[date]) -> dict[str, float]:
    folder = Path(tempfile.mkdtemp(prefix="govern-sweep-"))
    url = registry(backend, folder)
    upgrade(url)
    engine = make_engine(url)
    keys = copies(engine, k)
    each(keys, run_calendar, engine, SET_UP_ON)
    each(keys, run_reminders, engine, SET_UP_ON)
    if backend == "postgresql":
        with engine.begin() as connection:
            connection.exec_driver_sql("ANALYZE")  # as autovacuum would after a bulk load
    with SqlUnitOfWork(engine, partnership=keys[0]) as uow:
        ladder, first_id = uow.partnership.snapshot().policy.escalation, uow.partnership_id
    figures: dict[str, list[float]] = {"calendar": [], "reminders": [], "port": [], "bound": [], "steps": []}
    for day in days:
        figures["calendar"].append(each(keys, run_calendar, engine, day))
        bound, steps = bare(engine, reached_and_not_taken(day, ladder, partnership_id=None))
        figures["bound"].append(bound)
        figures["steps"].append(steps)
        figures["port"].append(min(port_query(engine, keys, day, ladder) for _ in range(3)))
        figures["reminders"].append(each(keys, run_reminders, engine, day))
    with Session(engine) as session:
        live = session.exec(select(func.count()).where(m.Deadline.state != DeadlineState.CLOSED)).one()
    board = min(
        _timed(lambda: open_deadlines(engine, partnership=keys[0], as_of=days[-1], due_soon_days=14))
        for _ in range(10)
    )
    board_bound, _ = bare(engine, board_query(first_id), rounds=10)
    engine.dispose()
    result = {name: min(values) for name, values in figures.items()}
    return result | {"live": live, "board": board, "board_bound": board_bound}


def _timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def report(backend: str, k: int, f: dict[str, float]) -> None:
    day = f["calendar"] + f["reminders"]
    print(
        f"{backend:10} K={k:<4} live deadlines {f['live']:>7,}  steps reached a day {f['steps']:>6,.0f}\n"
        f"  reminders (the sweep)   {f['reminders']:8.3f} s   bare SQL {f['bound'] * 1000:8.2f} ms   "
        f"ratio {f['reminders'] / f['bound']:8.1f}x\n"
        f"  its port query, per partnership {f['port']:8.3f} s          ratio {f['port'] / f['bound']:8.1f}x\n"
        f"  calendar                {f['calendar']:8.3f} s   calendar + reminders {day:.3f} s   "
        f"ratio {day / f['bound']:8.1f}x\n"
        f"  open_deadlines          {f['board'] * 1000:8.2f} ms  bare SELECT {f['board_bound'] * 1000:8.2f} ms  "
        f"ratio {f['board'] / f['board_bound']:8.1f}x",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("k", nargs="*", type=int, default=[1, 10, 100])
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--days", type=int, default=3, help="ordinary days measured (from 25 November 2026)")
    args = parser.parse_args()
    backends = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    days = [FIRST_ORDINARY_DAY + timedelta(days=i) for i in range(args.days)]
    print(f"best of {len(days)} ordinary days (bare SQL: best of 5); each ratio measured in the same run")
    for k in args.k:
        for backend in backends:
            report(backend, k, measure(backend, k, days))


if __name__ == "__main__":
    main()
