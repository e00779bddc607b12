"""Upgrading a registry that holds a partnership's history keeps every row, on SQLite and PostgreSQL.

``fixtures/registry_0002.json`` is a populated registry as the release at migration 0002 left it
(the Bradford demo after several cycles, an update, an extension granted by two people, a report
approved, published and sent, the outbox delivered); ``fixtures/make_registry_0002.py`` says how it
was made. The test loads its rows into a registry migrated to 0002 and upgrades it to the head.
"""

import json
from datetime import date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel

import registry.tables  # noqa: F401
from registry.engine import make_engine
from registry.migrate import current_revision, head_revision, upgrade

FIXTURE = json.loads((Path(__file__).parent / "fixtures" / "registry_0002.json").read_text(encoding="utf-8"))
ROWS = FIXTURE["tables"]
OWNED_BEFORE_TENANCY = ["person", "action", "deadline", "notification", "auditevent", "report", "enquiry"]


def _typed(column: sa.Column, value):
    if value is None:
        return None
    if isinstance(column.type, sa.DateTime):
        return datetime.fromisoformat(value)
    if isinstance(column.type, sa.Date):
        return date.fromisoformat(value)
    return value


def populated_0002(url: str) -> sa.Engine:
    upgrade(url, "0002")
    engine = make_engine(url)
    metadata = sa.MetaData()
    metadata.reflect(engine)
    with engine.begin() as connection:
        for table in metadata.sorted_tables:
            rows = ROWS.get(table.name, [])
            if rows:
                connection.execute(
                    table.insert(), [{k: _typed(table.c[k], v) for k, v in row.items()} for row in rows]
                )
        if connection.dialect.name == "postgresql":  # ids were given: move each sequence past them
            for table in metadata.sorted_tables:
                if "id" in table.c and ROWS.get(table.name):
                    connection.execute(
                        sa.text(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), MAX(id)) FROM {table.name}"
                        )
                    )
    return engine


def counts(engine: sa.Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {name: connection.execute(sa.text(f"SELECT COUNT(*) FROM {name}")).scalar() for name in ROWS}


@pytest.fixture
def upgraded(registry_url):
    engine = populated_0002(registry_url)
    before = counts(engine)
    upgrade(registry_url)
    yield engine, before
    engine.dispose()


def test_the_fixture_is_a_populated_registry_of_the_previous_release():
    assert FIXTURE["revision"] == "0002"
    assert {name for name, rows in ROWS.items() if rows} >= {
        "deadline", "notification", "extensionrequest", "extensiondecisionmade", "reportapproval", "actionupdate",
        "escalationsteptaken", "auditevent",
    }  # fmt: skip


def test_upgrading_keeps_every_row(upgraded, registry_url):
    engine, before = upgraded
    assert current_revision(registry_url) == head_revision()
    assert counts(engine) == before == {name: len(rows) for name, rows in ROWS.items()}


def test_upgrading_gives_every_owned_row_its_partnership(upgraded):
    engine, _ = upgraded
    with engine.connect() as connection:
        partnership = connection.execute(sa.text("SELECT id FROM partnership")).scalar_one()
        for table in OWNED_BEFORE_TENANCY:
            owners = (
                connection.execute(sa.text(f"SELECT DISTINCT partnership_id FROM {table}")).scalars().all()
            )
            assert owners == [partnership], table


def test_upgrading_keeps_the_values(upgraded):
    engine, _ = upgraded
    sample = {
        "deadline": ROWS["deadline"][17],
        "notification": ROWS["notification"][3],
        "extensionrequest": ROWS["extensionrequest"][0],
        "reportapproval": ROWS["reportapproval"][0],
        "action": ROWS["action"][5],
    }
    metadata = sa.MetaData()
    metadata.reflect(engine)
    with engine.connect() as connection:
        for name, row in sample.items():
            table = metadata.tables[name]
            stored = connection.execute(sa.select(table).where(table.c.id == row["id"])).mappings().one()
            assert {k: stored[k] for k in row} == {k: _typed(table.c[k], v) for k, v in row.items()}, name


def test_the_upgraded_schema_is_the_one_the_tables_declare(upgraded):
    engine, _ = upgraded
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    assert differences == []


def test_two_partnerships_may_use_the_same_keys_after_the_upgrade(upgraded):
    engine, _ = upgraded
    with engine.begin() as connection:
        other = connection.execute(
            sa.text(
                "INSERT INTO partnership (key, name, area, policy) VALUES ('leeds', 'Leeds', 'Leeds', '{}') RETURNING id"
            )
        ).scalar_one()
        connection.execute(
            sa.text(
                "INSERT INTO board (partnership_id, key, name, short_name, kind) "
                "VALUES (:p, 'tbp', 'Leeds children', 'LSCP', 'children''s safeguarding partnership')"
            ),
            {"p": other},
        )
    with pytest.raises(sa.exc.IntegrityError), engine.begin() as connection:
        connection.execute(
            sa.text(
                "INSERT INTO board (partnership_id, key, name, short_name, kind) "
                "VALUES (:p, 'tbp', 'again', 'X', 'children''s safeguarding partnership')"
            ),
            {"p": other},
        )
