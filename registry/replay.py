"""A scratch copy of the registry for a replay: the live registry is only read, never written.

A SQLite registry is copied with SQLite's online backup API (``registry.backup.copy_sqlite``): a
consistent snapshot even while the platform writes. A PostgreSQL registry is copied into a scratch
SQLite file: the schema made by the migrations, then every table's rows read in one read-only,
repeatable-read transaction and inserted in foreign-key order. Neither needs a privilege beyond
reading the registry (no ``CREATE DATABASE``, no ``pg_dump``), and the replay runs on the same code
whichever database the live registry is on.
"""

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from pydantic import BaseModel
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from registry import tables  # noqa: F401  (every table class registered on the metadata)
from registry.backup import copy_sqlite, kind_of, sqlite_file
from registry.engine import make_engine
from registry.migrate import check_ready, upgrade
from registry.sql.snapshot_cache import keep_snapshots

BATCH = 5_000


def scratch_copy(url: str, directory: Path) -> str:
    """A copy of the registry at ``url`` in ``directory``, as a SQLite URL; the live registry is only read."""
    check_ready(url)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "replay.db"
    if path.exists():
        raise FileExistsError(f"{path} exists already: a replay copies into a directory of its own")
    if kind_of(url) == "sqlite":
        with closing(sqlite3.connect(f"file:{sqlite_file(url)}?mode=ro", uri=True, timeout=30)) as live:
            copy_sqlite(live, path)
    else:
        _copy_rows(url, f"sqlite:///{path}")
    return f"sqlite:///{path}"


def _copy_rows(source_url: str, target_url: str) -> None:
    upgrade(target_url)
    source, target = make_engine(source_url), sa.create_engine(target_url)
    ordered = list(SQLModel.metadata.sorted_tables)
    try:
        with source.connect() as reading, target.begin() as writing:
            reading.execute(sa.text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"))
            writing.exec_driver_sql("PRAGMA foreign_keys=OFF")
            for table in reversed(ordered):
                writing.execute(table.delete())  # rows the migrations seeded come from the live registry
            for table in ordered:
                _copy_table(reading, writing, table)
    finally:
        source.dispose()
        target.dispose()


def _copy_table(reading: sa.Connection, writing: sa.Connection, table: sa.Table) -> None:
    rows = reading.execute(sa.select(table)).mappings()
    while batch := rows.fetchmany(BATCH):
        writing.execute(table.insert(), [dict(row) for row in batch])


class Marks(BaseModel):
    """How far the copy's rows went (their highest ids): what a cycle added is what lies beyond."""

    deadline: int = 0
    step: int = 0
    notification: int = 0
    dispatch: int = 0


class Added(BaseModel):
    deadlines: int = 0
    steps_by_name: dict[str, int] = {}
    messages: int = 0
    dispatches: int = 0


_TABLES = {
    "deadline": "deadline",
    "step": "escalationsteptaken",
    "notification": "notification",
    "dispatch": "reportdispatch",
}


def marks(connection: sa.Connection) -> Marks:
    """The highest id of each table counted, in one statement."""
    highest = ", ".join(f"(SELECT coalesce(max(id), 0) FROM {table})" for table in _TABLES.values())
    row = connection.execute(sa.text(f"SELECT {highest}")).one()
    return Marks(**dict(zip(_TABLES, row, strict=True)))


def added_since(connection: sa.Connection, before: Marks) -> tuple[Marks, Added]:
    """What was recorded beyond ``before``, and the new marks."""
    now = marks(connection)
    steps = (
        connection.execute(
            sa.text(
                "SELECT step, count(*) FROM escalationsteptaken WHERE id > :a AND id <= :b AND NOT skipped GROUP BY step"
            ),
            {"a": before.step, "b": now.step},
        ).all()
        if now.step > before.step
        else []  # no step beyond the mark: nothing to count
    )
    return now, Added(
        deadlines=now.deadline - before.deadline,
        steps_by_name=dict(steps),
        messages=now.notification - before.notification,
        dispatches=now.dispatch - before.dispatch,
    )


def falling_due(connection: sa.Connection, start: date, end: date, partnerships: list[str]) -> list[date]:
    """The first due date of every deadline the partnerships record as falling due from ``start`` to ``end``."""
    query = sa.text(
        "SELECT d.original_due_on FROM deadline d JOIN partnership p ON p.id = d.partnership_id "
        "WHERE d.original_due_on BETWEEN :s AND :e AND p.key IN :keys"
    ).bindparams(sa.bindparam("keys", expanding=True))
    rows = connection.execute(query, {"s": start, "e": end, "keys": partnerships})
    return [d if isinstance(d, date) else date.fromisoformat(d) for (d,) in rows]


def scratch_engine(copy_url: str) -> Engine:
    """An engine for the copy, which needs no durability: no waiting for the disk at each commit. The
    replay alone writes the copy, so each partnership's snapshot is kept until something it holds
    changes (``registry.sql.snapshot_cache``)."""
    engine = make_engine(copy_url)
    sa.event.listen(engine, "connect", _no_sync)
    keep_snapshots(engine)
    return engine


def _no_sync(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA synchronous=OFF")
    cursor.close()


def recorded_since(engine: Engine, partnerships: list[str], start: date) -> int:
    """How many deadlines the partnerships had recorded on or after ``start`` before the replay began."""
    query = sa.text(
        "SELECT COUNT(*) FROM deadline d JOIN partnership p ON p.id = d.partnership_id "
        "WHERE d.recorded_on >= :s AND p.key IN :keys"
    ).bindparams(sa.bindparam("keys", expanding=True))
    with engine.connect() as connection:
        return (
            connection.execute(query, {"s": start, "keys": partnerships}).scalar_one() if partnerships else 0
        )
