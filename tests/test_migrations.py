"""Upgrading a registry that holds a partnership's history keeps every row, on SQLite and PostgreSQL.

Each ``fixtures/registry_<revision>.json`` is a populated registry as the release at that migration
left it (the Bradford demo after several cycles, an update, an extension granted by two people, a
report approved, published and sent, the outbox delivered); ``fixtures/make_registry_<revision>.py``
says how it was made, from that release's code. Each test loads a release's rows into a registry
migrated to its revision and upgrades it to the head: every migration since is run on the data of
every earlier release.
"""

import base64
import json
import tempfile
from datetime import date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlmodel import SQLModel

import registry.tables  # noqa: F401
from registry.backup import read
from registry.engine import make_engine
from registry.migrate import alembic_config, current_revision, head_revision, upgrade

FIXTURES = Path(__file__).parent / "fixtures"
RELEASES = {
    path.stem.removeprefix("registry_"): json.loads(path.read_text(encoding="utf-8"))
    for path in sorted(FIXTURES.glob("registry_*.json"))
}
OWNED_BY_A_PARTNERSHIP = ["person", "action", "deadline", "notification", "auditevent", "report", "enquiry"]
FIRST_RELEASE_WITH_A_FIXTURE = "0002"  # the migrations before issue 7 predate the fixtures


def _typed(column: sa.Column, value):
    if value is None:
        return None
    if isinstance(column.type, sa.DateTime):
        return datetime.fromisoformat(value)
    if isinstance(column.type, sa.Date):
        return date.fromisoformat(value)
    if isinstance(column.type, sa.LargeBinary):  # files are kept in the fixtures as base64
        return base64.b64decode(value)
    return value


def _fits(table: sa.Table, row: dict) -> bool:
    """Whether PostgreSQL would hold the row as that release's schema declares it: SQLite, where the
    fixtures are made, keeps a string longer than its column, PostgreSQL refuses it."""
    return all(
        not isinstance(value, str) or getattr(table.c[name].type, "length", None) in (None, 0)
        or len(value) <= table.c[name].type.length
        for name, value in row.items()
    )  # fmt: skip


def release_rows(release: str, dialect: str) -> dict[str, list[dict]]:
    """The fixture's rows that the release could have stored on the dialect."""
    metadata = _schema_of(release)
    return {
        name: [row for row in rows if dialect == "sqlite" or _fits(metadata.tables[name], row)]
        for name, rows in RELEASES[release]["tables"].items()
    }


_SCHEMAS: dict[str, sa.MetaData] = {}


def _schema_of(release: str) -> sa.MetaData:
    """The tables as the release's migrations declare them (reflected from a scratch SQLite file)."""
    if release not in _SCHEMAS:
        with tempfile.TemporaryDirectory() as folder:
            url = f"sqlite:///{folder}/schema.db"
            upgrade(url, release)
            engine = make_engine(url)
            metadata = sa.MetaData()
            metadata.reflect(engine)
            engine.dispose()
        _SCHEMAS[release] = metadata
    return _SCHEMAS[release]


def populated(url: str, release: str) -> sa.Engine:
    """A registry migrated to ``release`` holding every row of that release's fixture that the
    release could store on its database (``release_rows``)."""
    upgrade(url, release)
    engine = make_engine(url)
    rows = release_rows(release, engine.dialect.name)
    metadata = sa.MetaData()
    metadata.reflect(engine)
    with engine.begin() as connection:
        for table in metadata.sorted_tables:
            if rows.get(table.name):
                connection.execute(
                    table.insert(),
                    [{k: _typed(table.c[k], v) for k, v in row.items()} for row in rows[table.name]],
                )
        if connection.dialect.name == "postgresql":  # ids were given: move each sequence past them
            for table in metadata.sorted_tables:
                if "id" in table.c and rows.get(table.name):
                    connection.execute(
                        sa.text(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), MAX(id)) FROM {table.name}"
                        )
                    )
    return engine


def counts(engine: sa.Engine, release: str) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            name: connection.execute(sa.text(f"SELECT COUNT(*) FROM {name}")).scalar()
            for name in RELEASES[release]["tables"]
        }


@pytest.fixture(params=sorted(RELEASES))
def release(request) -> str:
    return request.param


@pytest.fixture
def upgraded(registry_url, release, tmp_path):
    engine = populated(registry_url, release)
    before = counts(engine, release)
    backup = upgrade(registry_url, backups_dir=tmp_path / "backups")
    yield engine, before, backup
    engine.dispose()


def test_every_release_since_the_fixtures_began_has_a_fixture():
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    releases = [s.down_revision for s in script.walk_revisions() if s.down_revision]
    assert {r for r in releases if r >= FIRST_RELEASE_WITH_A_FIXTURE} <= set(RELEASES)
    assert set(RELEASES) >= {"0002", "0003", "0004", "0005"}


@pytest.mark.parametrize("release_name", sorted(RELEASES))
def test_each_fixture_is_a_populated_registry_of_its_release(release_name):
    fixture = RELEASES[release_name]
    assert fixture["revision"] == release_name
    assert {name for name, rows in fixture["tables"].items() if rows} >= {
        "deadline", "notification", "extensionrequest", "extensiondecisionmade", "reportapproval", "actionupdate",
        "escalationsteptaken", "auditevent", "reportdispatch",
    }  # fmt: skip


def test_upgrading_keeps_every_row(upgraded, registry_url, release):
    engine, before, _ = upgraded
    assert current_revision(registry_url) == head_revision()
    expected = {n: len(r) for n, r in release_rows(release, engine.dialect.name).items()}
    assert counts(engine, release) == before == expected


def test_upgrading_a_populated_registry_backs_it_up_first(upgraded, release):
    _, _, backup = upgraded
    if release == head_revision():
        assert backup is None  # nothing to upgrade, nothing to back up
    else:
        assert read(backup).revision == release


def test_upgrading_gives_every_owned_row_its_partnership(upgraded):
    engine, _, _ = upgraded
    with engine.connect() as connection:
        partnership = connection.execute(sa.text("SELECT id FROM partnership")).scalar_one()
        for table in OWNED_BY_A_PARTNERSHIP:
            owners = (
                connection.execute(sa.text(f"SELECT DISTINCT partnership_id FROM {table}")).scalars().all()
            )
            assert owners == [partnership], table


def test_upgrading_keeps_the_values(upgraded, release):
    engine, _, _ = upgraded
    rows = RELEASES[release]["tables"]
    sample = {
        "deadline": rows["deadline"][17],
        "notification": rows["notification"][3],
        "extensionrequest": rows["extensionrequest"][0],
        "extensiondecisionmade": rows["extensiondecisionmade"][1],
        "reportapproval": rows["reportapproval"][0],
        "membership": rows["membership"][7],
        "auditevent": rows["auditevent"][-1],
        "action": rows["action"][5],
    }
    metadata = sa.MetaData()
    metadata.reflect(engine)
    with engine.connect() as connection:
        for name, row in sample.items():
            table = metadata.tables[name]
            stored = connection.execute(sa.select(table).where(table.c.id == row["id"])).mappings().one()
            assert {k: stored[k] for k in row} == {k: _typed(table.c[k], v) for k, v in row.items()}, name


def test_an_ended_role_stays_ended_after_the_upgrade(upgraded, release):
    if release < "0004":
        pytest.skip("roles end from release 0004")
    engine, _, _ = upgraded
    ended = [row for row in RELEASES[release]["tables"]["membership"] if row["ended_on"]]
    with engine.connect() as connection:
        stored = connection.execute(
            sa.text("SELECT id, ended_on FROM membership WHERE ended_on IS NOT NULL ORDER BY id")
        ).all()
    assert ended and [(r.id, str(r.ended_on)) for r in stored] == [(r["id"], r["ended_on"]) for r in ended]


def test_the_audit_trail_still_verifies_after_the_upgrade(upgraded, release):
    if release < "0004":
        pytest.skip("the audit trail is chained from release 0004")
    engine, _, _ = upgraded
    from governance.audit.use_cases import verify_audit_trail
    from registry.unit_of_work import SqlUnitOfWork

    check = verify_audit_trail(uow=SqlUnitOfWork(engine, partnership="bradford"))
    assert check.intact, check


def test_the_upgraded_schema_is_the_one_the_tables_declare(upgraded):
    engine, _, _ = upgraded
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    assert differences == []


def test_two_partnerships_may_use_the_same_keys_after_the_upgrade(upgraded):
    engine, _, _ = upgraded
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
