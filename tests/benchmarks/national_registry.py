"""A registry the size of England, for the national benchmark: the Bradford demo area (its SAB, its
children's partnership and CSP, sub-groups, people, plans and a year of meetings) copied under new
keys, and five years of deadlines behind them.

The demo file is loaded once through the platform's loader; each further area is a row-level copy
of that partnership's rows with new ids (every foreign key followed from the metadata), inserted in
bulk. The history is the deadlines the obligations produced over the five years before the day,
recorded as met and closed, inserted in bulk; where the rules produce fewer than the target, the
rest is closed history of the same duties under numbered subjects, so the table holds as many rows
as the target says (the daily run must cost what changed that day, not the size of the history).
"""

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from governance.deadlines.model import DeadlineState
from governance.deadlines.obligations import occurrences
from registry import tables  # noqa: F401  (every table on the metadata)
from registry.engine import make_engine
from registry.migrate import upgrade
from registry.partnership_file.loader import load_partnership_file
from registry.unit_of_work import SqlUnitOfWork

TEMPLATE = "bradford"
BATCH = 5_000
NOT_COPIED = {"account", "signin", "calendarfeed"}
"""Sign-in accounts are the platform's, not an area's."""


def generate(url: str, *, areas: int, deadlines: int, as_of: date, years: int = 5) -> dict[str, int]:
    """A fresh registry at ``url`` with ``areas`` copies of the demo area and ``deadlines`` in all."""
    upgrade(url)
    engine = make_engine(url)
    load_partnership_file(engine)
    rows = _template_rows(engine)
    with engine.begin() as connection:
        next_id = {t: _highest(connection, t) + 1 for t in rows}
        for n in range(1, areas):
            _copy_area(connection, rows, next_id, n)
    per_area = max(0, deadlines // areas)
    history = _history(engine, as_of, years, per_area)
    with engine.begin() as connection:
        for partnership_id in connection.execute(sa.text("SELECT id FROM partnership")).scalars():
            _insert(connection, "deadline", list(_deadline_rows(connection, partnership_id, history)))
        _reset_sequences(connection)
        counts = {t: connection.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar_one()
                  for t in ("partnership", "board", "subgroup", "person", "meeting", "action", "deadline")}  # fmt: skip
    engine.dispose()
    return counts


def _tables() -> list[sa.Table]:
    return [t for t in SQLModel.metadata.sorted_tables if t.name not in NOT_COPIED]


def _template_rows(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    """Every row of the template partnership, table by table in foreign-key order."""
    rows: dict[str, list[dict[str, Any]]] = {}
    owned: dict[str, set[int]] = {}
    with engine.connect() as connection:
        for table in _tables():
            found = []
            for row in connection.execute(sa.select(table)).mappings():
                if _belongs(table, row, owned):
                    found.append(dict(row))
            if found:
                rows[table.name] = found
                owned[table.name] = {r["id"] for r in found if "id" in r}
    return rows


def _belongs(table: sa.Table, row: Any, owned: dict[str, set[int]]) -> bool:
    if table.name == "partnership":
        return row["key"] == TEMPLATE
    for fk in table.foreign_keys:
        value = row[fk.parent.name]
        if value is not None and value in owned.get(fk.column.table.name, ()):
            return True
    return False


def _copy_area(
    connection: sa.Connection, rows: dict[str, list[dict[str, Any]]], next_id: dict, n: int
) -> None:
    """The template's rows once more, as area ``n``: new ids, every foreign key moved with them."""
    moved: dict[str, dict[int, int]] = {}
    for table in _tables():
        template = rows.get(table.name)
        if not template:
            continue
        mapping = moved.setdefault(table.name, {})
        copies = []
        for row in template:
            copy = dict(row)
            if "id" in copy:
                mapping[row["id"]] = copy["id"] = next_id[table.name]
                next_id[table.name] += 1
            for fk in table.foreign_keys:
                target = moved.get(fk.column.table.name)
                value = copy[fk.parent.name]
                if target is not None and value in target:
                    copy[fk.parent.name] = target[value]
            if table.name == "partnership":
                copy["key"] = f"{TEMPLATE}-{n:03d}"
                copy["name"] = f"{copy['name']} (copy {n})"
            copies.append(copy)
        _insert(connection, table.name, copies)


def _history(engine: Engine, as_of: date, years: int, per_area: int) -> list[dict[str, Any]]:
    """One area's deadlines (by keys) over ``years`` before ``as_of``, padded to ``per_area`` rows."""
    with SqlUnitOfWork(engine, partnership=TEMPLATE) as uow:
        p = uow.partnership.snapshot()
    start, end = as_of - timedelta(days=365 * years), as_of - timedelta(days=120)
    produced = occurrences(p, start, end)
    rows = [
        {
            "duty": d.duty,
            "subject": d.subject,
            "period": d.period,
            "due_on": d.due_on,
            "title": d.title,
            "owner": d.owner_key,
            "board": d.board_key,
            "sub_group": d.sub_group_key,
        }  # fmt: skip
        for d in produced
    ]
    padding, n = [], 0
    while rows and len(rows) + len(padding) < per_area:
        base = rows[n % len(rows)]
        padding.append(base | {"subject": f"{base['subject'][:100]} (history {n // len(rows) + 1})"})
        n += 1
    return rows + padding


def _deadline_rows(connection: sa.Connection, partnership_id: int, history: list[dict]) -> Iterator[dict]:
    ids = {
        table: dict(
            connection.execute(
                sa.text(f"SELECT key, id FROM {table} WHERE partnership_id = :p"), {"p": partnership_id}
            ).all()
        )  # fmt: skip
        for table in ("person", "board", "subgroup")
    }
    for d in history:
        if d["owner"] not in ids["person"] or d["board"] not in ids["board"]:
            continue
        yield {
            "partnership_id": partnership_id, "duty": d["duty"], "subject": d["subject"],
            "period": d["period"], "due_on": d["due_on"], "original_due_on": d["due_on"], "extensions": 0,
            "opens_on": None, "title": d["title"] or "", "owner_id": ids["person"][d["owner"]],
            "board_id": ids["board"][d["board"]], "sub_group_id": ids["subgroup"].get(d["sub_group"] or ""),
            "state": DeadlineState.CLOSED, "recorded_on": d["due_on"] - timedelta(days=60),
            "submitted_on": d["due_on"], "decided_on": d["due_on"], "closed_on": d["due_on"],
            "note": "history", "submission_id": None,
        }  # fmt: skip


def _insert(connection: sa.Connection, table_name: str, rows: list[dict[str, Any]]) -> None:
    table = SQLModel.metadata.tables[table_name]
    for i in range(0, len(rows), BATCH):
        connection.execute(table.insert(), rows[i : i + BATCH])


def _highest(connection: sa.Connection, table: str) -> int:
    return connection.execute(sa.text(f"SELECT coalesce(max(id), 0) FROM {table}")).scalar_one()


def _reset_sequences(connection: sa.Connection) -> None:
    """PostgreSQL's id sequences moved past the ids copied in (SQLite needs nothing)."""
    if connection.dialect.name != "postgresql":
        return
    for table in SQLModel.metadata.sorted_tables:
        if "id" in table.c:
            connection.execute(sa.text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"greatest((SELECT coalesce(max(id), 0) FROM {table.name}), 1))"))  # fmt: skip
