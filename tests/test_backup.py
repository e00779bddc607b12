"""Backups, restores and upgrades that cannot brick a registry, on a SQLite file and on PostgreSQL.

A failed upgrade is a real failure, not a mock: a migration directory with one more migration
that fails part-way (it has already made a table when it adds a column no row can fill), or, on
SQLite, a registry holding a broken reference that the upgrade's checks refuse.
"""

import re
import shutil
import sqlite3
import uuid
from contextlib import closing
from pathlib import Path

import psycopg
import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from app.cli.main import app
from registry.backup import read, sqlite_file
from registry.engine import make_engine
from registry.migrate import (
    MIGRATIONS,
    BackupRefused,
    UpgradeFailed,
    back_up,
    current_revision,
    head_revision,
    restore,
    upgrade,
)
from registry.partnership_file.loader import load_partnership_file
from tests.test_migrations import RELEASES, counts, populated

FAILING_MIGRATION = """import sqlalchemy as sa
from alembic import op

revision, down_revision = "9999", "{head}"


def upgrade():  # part-way: the table is made, then a column that no board can fill fails
    op.create_table("half_done", sa.Column("id", sa.Integer, primary_key=True))
    op.add_column("board", sa.Column("required", sa.Integer, nullable=False))
"""


def dump(url: str) -> dict[str, list[tuple]]:
    """Every table of the registry, every row, in a stable order."""
    engine = make_engine(url)
    metadata = sa.MetaData()
    metadata.reflect(engine)
    with engine.connect() as connection:
        tables = {
            t.name: sorted((tuple(map(repr, row)) for row in connection.execute(sa.select(t))), key=str)
            for t in metadata.sorted_tables
        }
    engine.dispose()
    return tables


def bradford(url: str) -> None:
    upgrade(url)
    engine = make_engine(url)
    load_partnership_file(engine)
    engine.dispose()


def rename_a_board(url: str) -> None:
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(sa.text("UPDATE board SET name = 'Changed after the backup' WHERE key = 'tbp'"))
        connection.execute(sa.text("DELETE FROM escalationsteptaken"))
    engine.dispose()


@pytest.fixture
def failing_migrations(tmp_path) -> Path:
    """The registry's migrations and one more after the head, which fails part-way."""
    folder = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS, folder, ignore=shutil.ignore_patterns("__pycache__"))
    (folder / "versions" / "9999_fails_part_way.py").write_text(
        FAILING_MIGRATION.format(head=head_revision())
    )
    return folder


@pytest.fixture
def govern(tmp_path, monkeypatch):
    def run(url: str, *args: str, answer: str | None = None):
        monkeypatch.setenv("GOVERN_DATABASE_URL", url)
        monkeypatch.setenv("GOVERN_DATA_DIR", str(tmp_path / "data"))
        return CliRunner().invoke(app, list(args), input=answer)

    return run


def with_a_broken_reference(sqlite_url: str) -> None:
    """A registry of the last release in which an action's owner is a person who does not exist."""
    populated(sqlite_url, "0003").dispose()
    with closing(sqlite3.connect(sqlite_file(sqlite_url))) as connection:  # foreign keys off by default
        connection.execute("UPDATE action SET owner_id = 999 WHERE id = 1")
        connection.commit()


def test_a_restored_backup_gives_back_every_row_as_it_was(registry_url, tmp_path):
    bradford(registry_url)
    at_backup = dump(registry_url)
    saved = back_up(registry_url, tmp_path / "saved")
    rename_a_board(registry_url)
    assert dump(registry_url) != at_backup
    restored = restore(registry_url, saved, backups_dir=tmp_path / "backups")
    assert dump(registry_url) == at_backup
    assert restored.upgraded_to is None and read(restored.replaced).revision == head_revision()


def test_restoring_an_older_backup_upgrades_it_and_keeps_every_row(registry_url, tmp_path):
    populated(registry_url, "0003").dispose()
    saved = back_up(registry_url, tmp_path / "saved")
    upgrade(registry_url, backups_dir=tmp_path / "backups")
    rename_a_board(registry_url)
    restored = restore(registry_url, saved, backups_dir=tmp_path / "backups")
    assert (restored.revision, restored.upgraded_to) == ("0003", head_revision())
    assert current_revision(registry_url) == head_revision()
    engine = make_engine(registry_url)
    assert counts(engine, "0003") == {n: len(r) for n, r in RELEASES["0003"]["tables"].items()}
    engine.dispose()


def test_a_backup_goes_into_the_data_directory_by_default(registry_url, govern, tmp_path):
    empty = govern(registry_url, "backup")  # not even tables yet
    assert empty.exit_code == 2 and "there is nothing to back up" in empty.output
    bradford(registry_url)
    result = govern(registry_url, "backup")
    assert result.exit_code == 0, result.output
    [saved] = (tmp_path / "data" / "backups").iterdir()
    assert saved.name.startswith("registry-") and f"-{head_revision()}." in saved.name
    assert str(saved) in result.output


def test_restore_asks_before_overwriting_and_no_changes_nothing(registry_url, govern, tmp_path):
    bradford(registry_url)
    saved = back_up(registry_url, tmp_path / "saved")
    rename_a_board(registry_url)
    changed = dump(registry_url)
    result = govern(registry_url, "restore", str(saved), answer="n\n")
    assert result.exit_code == 1 and "Overwrite the registry" in result.output
    assert dump(registry_url) == changed
    assert govern(registry_url, "restore", str(saved), "--yes").exit_code == 0
    assert dump(registry_url) != changed


def test_a_file_that_is_not_a_backup_is_refused_in_one_sentence(registry_url, govern, tmp_path):
    bradford(registry_url)
    before = dump(registry_url)
    notes, other = tmp_path / "notes.txt", tmp_path / "other.db"
    notes.write_text("minutes of the board\n")
    with closing(sqlite3.connect(other)) as connection:
        connection.execute("CREATE TABLE t (x)")
    for path, said in [
        (notes, "is not a registry backup (neither a SQLite registry nor a pg_dump archive)"),
        (other, "is a SQLite file but not a registry backup (no such table: alembic_version)"),
    ]:
        result = govern(registry_url, "restore", str(path), "--yes")
        assert (result.exit_code, result.output.strip()) == (2, f"{path} {said}.")
    assert dump(registry_url) == before


def test_a_missing_backup_is_refused(registry_url, govern, tmp_path):
    result = govern(registry_url, "restore", str(tmp_path / "nowhere.db"), "--yes")
    assert result.exit_code == 2
    assert result.output.strip() == f"There is no backup at {tmp_path / 'nowhere.db'}."


def test_a_backup_of_the_other_kind_of_database_is_refused(sqlite_url, postgres_url, tmp_path):
    bradford(postgres_url)
    saved = back_up(postgres_url, tmp_path / "saved.dump")
    with pytest.raises(BackupRefused, match="is a postgresql backup but this registry is on sqlite"):
        restore(sqlite_url, saved, backups_dir=tmp_path / "backups")


def test_a_backup_made_by_a_newer_schema_is_refused(registry_url, govern, tmp_path):
    bradford(registry_url)
    engine = make_engine(registry_url)
    with engine.begin() as connection:  # as if a later release had upgraded it
        connection.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    newer = back_up(registry_url, tmp_path / "newer")
    result = govern(registry_url, "restore", str(newer), "--yes")
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"{newer} was made by a registry at schema revision 9999, newer than this version of the platform "
        f"knows (up to {head_revision()}); use the version that made it."
    )


# --- upgrades that cannot brick a registry ----------------------------------------------------


def test_a_failed_upgrade_leaves_the_registry_as_it_was_and_a_backup(
    registry_url, failing_migrations, tmp_path
):
    bradford(registry_url)
    before = dump(registry_url)
    file = sqlite_file(registry_url).read_bytes() if registry_url.startswith("sqlite") else None
    with pytest.raises(UpgradeFailed) as failed:
        upgrade(registry_url, backups_dir=tmp_path / "backups", migrations=failing_migrations)
    assert dump(registry_url) == before
    if file is not None:
        assert sqlite_file(registry_url).read_bytes() == file
    [saved] = (tmp_path / "backups").iterdir()
    assert read(saved).revision == head_revision()
    assert re.fullmatch(
        rf"The upgrade from revision {head_revision()} to 9999 failed \(.+\); "
        rf"the registry is unchanged and its backup is at {re.escape(str(saved))}\.",
        str(failed.value),
    )


def test_an_upgrade_that_would_break_a_reference_changes_nothing_on_sqlite(sqlite_url, tmp_path):
    with_a_broken_reference(sqlite_url)
    file = sqlite_file(sqlite_url).read_bytes()
    with pytest.raises(
        UpgradeFailed, match=r"^The upgrade from revision 0003 to \d+ failed \(.*action row 1"
    ):
        upgrade(sqlite_url, backups_dir=tmp_path / "backups")
    assert sqlite_file(sqlite_url).read_bytes() == file
    assert current_revision(sqlite_url) == "0003"


def test_govern_db_upgrade_says_what_failed_and_where_the_backup_is(sqlite_url, govern, tmp_path):
    with_a_broken_reference(sqlite_url)
    result = govern(sqlite_url, "db", "upgrade")
    [saved] = (tmp_path / "data" / "backups").iterdir()
    assert result.exit_code == 1
    assert result.output.startswith("The upgrade from revision 0003 to ")
    assert result.output.strip().endswith(f"the registry is unchanged and its backup is at {saved}.")
    assert result.output.count("\n") == 1 and "Traceback" not in result.output


def test_the_implicit_upgrade_of_a_populated_older_registry_leaves_a_backup(registry_url, govern, tmp_path):
    populated(registry_url, "0003").dispose()
    result = govern(registry_url, "demo", "load")  # demo load upgrades the registry first
    assert result.exit_code == 0, result.output
    [saved] = (tmp_path / "data" / "backups").iterdir()
    assert read(saved).revision == "0003"
    assert current_revision(registry_url) == head_revision()


def test_an_empty_registry_is_upgraded_without_a_backup(registry_url, tmp_path):
    upgrade(registry_url, "0003")
    assert upgrade(registry_url, backups_dir=tmp_path / "backups") is None
    assert current_revision(registry_url) == head_revision()
    assert not (tmp_path / "backups").exists()


def test_connections_open_during_an_upgrade_see_the_upgraded_registry(sqlite_url, tmp_path):
    engine = populated(sqlite_url, "0003")
    with engine.connect() as connection:
        revision = sa.text("SELECT version_num FROM alembic_version")
        assert connection.execute(revision).scalar() == "0003"
        upgrade(sqlite_url, backups_dir=tmp_path / "backups")
        assert connection.execute(revision).scalar() == head_revision()
    engine.dispose()


# --- PostgreSQL: the registry's schema only ---------------------------------------------------


@pytest.fixture
def another_schema(postgres_server):
    """A schema beside the registry's in the same database, which nothing here may touch."""
    name = f"other_{uuid.uuid4().hex[:12]}"
    plain = postgres_server.replace("+psycopg", "")
    with psycopg.connect(plain, autocommit=True) as connection:
        connection.execute(
            f'CREATE SCHEMA "{name}"; CREATE TABLE "{name}".board (name text); '
            f"INSERT INTO \"{name}\".board VALUES ('not the registry''s')"
        )
    yield name, plain
    with psycopg.connect(plain, autocommit=True) as connection:
        connection.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')


def test_restoring_on_postgresql_touches_no_other_schema(postgres_url, another_schema, tmp_path):
    name, plain = another_schema
    bradford(postgres_url)
    saved = back_up(postgres_url, tmp_path / "saved.dump")
    rename_a_board(postgres_url)
    restore(postgres_url, saved, backups_dir=tmp_path / "backups")
    with psycopg.connect(plain) as connection:
        assert connection.execute(f'SELECT name FROM "{name}".board').fetchall() == [("not the registry's",)]


def test_a_postgresql_backup_restores_into_the_schema_of_another_registry(postgres_server, tmp_path):
    plain = postgres_server.replace("+psycopg", "")
    old, new = (f"govern_{uuid.uuid4().hex[:12]}" for _ in range(2))
    with psycopg.connect(plain, autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{old}"; CREATE SCHEMA "{new}"')
    url = lambda schema: f"{postgres_server}?options=-csearch_path%3D{schema}"  # noqa: E731
    try:
        bradford(url(old))
        at_backup = dump(url(old))
        saved = back_up(url(old), tmp_path / "saved.dump")
        with pytest.raises(BackupRefused, match=f"holds schema '{old}', which exists in the database"):
            restore(url(new), saved, backups_dir=tmp_path / "backups")
        with psycopg.connect(plain, autocommit=True) as connection:  # the old registry is gone
            connection.execute(f'DROP SCHEMA "{old}" CASCADE')
        restore(url(new), saved, backups_dir=tmp_path / "backups")
        assert dump(url(new)) == at_backup
    finally:
        with psycopg.connect(plain, autocommit=True) as connection:
            connection.execute(
                f'DROP SCHEMA IF EXISTS "{old}" CASCADE; DROP SCHEMA IF EXISTS "{new}" CASCADE'
            )
