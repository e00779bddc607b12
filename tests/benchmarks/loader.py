"""Benchmark: loading a partnership file against a bare bulk insert of the same rows, same run.

For each database (a SQLite file; PostgreSQL where one answers at ``GOVERN_TEST_POSTGRES_URL``):

- **first load**: ``load_partnership_file`` of the Bradford demo under a new key (read, checked,
  written, audited, committed), and the writing alone (``load_partnership`` of the checked file
  under a new key, ``as_partnership``: how copies of a partnership are made);
- **reload**: the same file again, nothing changed (every row compared);
- **lower bound**: the rows that first load wrote, inserted into an empty registry with one
  executemany per table in one transaction (no reading, no checks, no comparison).

Each figure is the median of ``ROUNDS`` runs, printed with its ratio to the bound. Also the YAML
parse alone, with the C loader (``yaml.CSafeLoader``) and the pure-Python one. Asserts nothing. Run:

    .venv/bin/python -m tests.benchmarks.loader [--rounds N] [--sqlite-only]
"""

import argparse
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

import registry.tables  # noqa: F401  (every table in the metadata)
from registry.engine import make_engine
from registry.migrate import upgrade
from registry.partnership_file import reading
from registry.partnership_file.file import read_partnership_file
from registry.partnership_file.loader import (
    BRADFORD_DEMO,
    as_partnership,
    load_partnership,
    load_partnership_file,
)

POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def timed(work: Callable[[], Any]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def rows_of(engine: Engine, key: str) -> list[tuple[sa.Table, list[dict[str, Any]]]]:
    """Every row the partnership ``key`` owns, table by table in foreign-key order."""
    owned: dict[str, set[int]] = {}
    found = []
    with engine.connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            rows = [dict(r) for r in connection.execute(sa.select(table)).mappings()]
            if table.name == "partnership":
                rows = [r for r in rows if r["key"] == key]
            elif "partnership_id" in table.c:
                rows = [r for r in rows if r["partnership_id"] in owned["partnership"]]
            else:
                parents = [
                    (fk.parent.name, fk.column.table.name)
                    for fk in table.foreign_keys
                    if fk.column.table.name in owned
                ]
                rows = [r for r in rows if parents and any(r[c] in owned[t] for c, t in parents)]
            if rows:
                owned[table.name] = {r["id"] for r in rows}
                found.append((table, rows))
    return found


def bulk_insert(engine: Engine, rows: list[tuple[sa.Table, list[dict[str, Any]]]]) -> None:
    with engine.begin() as connection:
        for table, values in rows:
            connection.execute(sa.insert(table), values)


def registries(sqlite_only: bool) -> list[tuple[str, Callable[[], str]]]:
    folder = Path(tempfile.mkdtemp(prefix="govern-bench-loader-"))
    found = [("SQLite", lambda: f"sqlite:///{folder / f'{uuid.uuid4().hex[:8]}.db'}")]
    if sqlite_only:
        return found
    try:
        import psycopg

        with psycopg.connect(POSTGRES_URL.replace("+psycopg", ""), connect_timeout=3):
            pass
    except Exception as error:  # no server here: SQLite only
        print(f"(no PostgreSQL: {str(error).strip()[:80]})")
        return found

    def schema() -> str:
        name = f"bench_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(POSTGRES_URL.replace("+psycopg", ""), autocommit=True) as connection:
            connection.execute(f'CREATE SCHEMA "{name}"')
        return f"{POSTGRES_URL}?options=-csearch_path%3D{name}"

    return [*found, ("PostgreSQL", schema)]


def measure(label: str, new_url: Callable[[], str], rounds: int) -> None:
    loaded_url, bare_url = new_url(), new_url()
    upgrade(loaded_url)
    upgrade(bare_url)
    loaded, bare = make_engine(loaded_url), make_engine(bare_url)
    load_partnership_file(loaded, key="warm-up")  # imports and connections, not counted
    file = read_partnership_file(BRADFORD_DEMO)
    first, written, again, bound = [], [], [], []
    for n in range(rounds):
        key = f"bench-{n}"
        written.append(timed(lambda n=n: load_partnership(loaded, as_partnership(file, f"copy-{n}"))))
        first.append(timed(lambda key=key: load_partnership_file(loaded, key=key)))
        again.append(timed(lambda key=key: load_partnership_file(loaded, key=key)))
        rows = rows_of(loaded, key)
        bound.append(timed(lambda rows=rows: bulk_insert(bare, rows)))
    count = sum(len(values) for _, values in rows)
    low = statistics.median(bound)
    print(f"\n{label}: the Bradford demo, {count} rows in {len(rows)} tables, median of {rounds}")
    print(f"  lower bound (bulk insert)   {low * 1000:8.1f} ms")
    figures = (("first load", first), ("  of which writing", written), ("reload, unchanged", again))
    for name, times in figures:
        median = statistics.median(times)
        print(f"  {name:<27} {median * 1000:8.1f} ms   {median / low:5.1f}× the bound")
    loaded.dispose()
    bare.dispose()


def yaml_parse(rounds: int) -> None:
    import yaml

    text = BRADFORD_DEMO.read_text(encoding="utf-8")
    times = {}
    for name, base in (("C (CSafeLoader)", reading.FASTEST), ("pure Python (SafeLoader)", yaml.SafeLoader)):
        loader_class = reading.text_dates_loader(base)
        times[name] = statistics.median(
            timed(lambda loader_class=loader_class: reading.parse(text, loader_class)) for _ in range(rounds)
        )
    fastest = min(times.values())
    print(f"\nYAML parse of the demo ({len(text) // 1024} KB), median of {rounds}")
    for name, seconds in times.items():
        print(f"  {name:<27} {seconds * 1000:8.1f} ms   {seconds / fastest:5.1f}× the fastest")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--sqlite-only", action="store_true")
    arguments = parser.parse_args()
    for label, new_url in registries(arguments.sqlite_only):
        measure(label, new_url, arguments.rounds)
    yaml_parse(arguments.rounds)


if __name__ == "__main__":
    main()
