"""Schema migrations with Alembic, run from code (``govern db upgrade``), no alembic.ini needed.

An upgrade cannot brick a registry. A registry that holds rows and is behind the target is backed
up first (``registry.backup``), to ``<data_dir>/backups/registry-<UTC timestamp>-<revision>.db``.

- On SQLite the upgrade runs on a copy, never on the live file: the copy is migrated, checked
  (``PRAGMA integrity_check`` and ``foreign_key_check``), and only then written back into the live
  file with SQLite's online backup API, in one write transaction. Swapping files with a rename would
  also be atomic, but connections already open (a running ``govern up``, a cached engine) would go
  on using the old, unlinked file; the backup API updates the file they have open, so they see the
  upgraded registry at their next transaction. If anyone committed to the live file while the copy
  was being upgraded (``PRAGMA data_version``), nothing is written back and the upgrade fails.
- On PostgreSQL the migrations run in one transaction (transactional DDL): a failure rolls all of
  it back. The ``pg_dump`` backup is taken first all the same.

A new or empty registry is simply migrated: there is nothing to lose. Every other caller
(``govern demo load``, ``govern cycle run``, ``govern up``) goes through the same ``upgrade``.
"""

import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from registry import backup as backups
from registry.backup import Backup, BackupFailed, BackupRefused
from registry.engine import make_engine
from registry.settings import RegistrySettings

MIGRATIONS = Path(__file__).parent / "migrations"

__all__ = ["BackupFailed", "BackupRefused", "UpgradeFailed", "back_up", "restore", "upgrade"]


class UpgradeFailed(Exception):
    """The upgrade failed and the registry is as it was; the message says what failed and where the backup is."""


@dataclass(frozen=True)
class Restored:
    revision: str  # the backup's
    upgraded_to: str | None  # the head it was upgraded to, if it was older
    replaced: Path | None  # the backup of what the registry held before


def alembic_config(url: str, migrations: Path = MIGRATIONS) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def default_backups() -> Path:
    return RegistrySettings().data_dir / "backups"


def upgrade(
    url: str, revision: str = "head", *, backups_dir: Path | None = None, migrations: Path = MIGRATIONS
) -> Path | None:
    """Migrate the registry to ``revision``; returns the backup taken first, if one was needed."""
    script = ScriptDirectory.from_config(alembic_config(url, migrations))
    current = current_revision(url)
    _refuse_unknown(script, current, what="the registry is")
    target = script.get_revision(revision).revision
    if current == target:
        return None
    if current is None or not _holds_rows(url):
        _migrate(url, revision, migrations)
        return None
    saved = backups.backup_name(backups_dir or default_backups(), url, current)
    if backups.kind_of(url) == "sqlite":
        _upgrade_a_copy(url, revision, migrations, saved, current, target)
    else:
        _backed_up(lambda: backups.take(url, saved))
        _or_fail(lambda: _migrate(url, revision, migrations), current, target, saved)
    return saved


def back_up(url: str, path: Path | None = None) -> Path:
    """Back the registry up to ``path`` (a new file, or a folder), by default into the data directory."""
    current = current_revision(url)
    if current is None:
        raise BackupRefused("the registry has no tables yet; there is nothing to back up")
    if path is None or path.is_dir():
        return backups.take(url, backups.backup_name(path or default_backups(), url, current))
    return backups.take(url, path)


def check_restorable(url: str, path: Path) -> Backup:
    """The backup at ``path`` if this registry can take it; else a refusal saying why not."""
    found = backups.read(path)
    kind = backups.kind_of(url)
    if found.kind != kind:
        raise BackupRefused(f"{path} is a {found.kind} backup but this registry is on {kind}")
    script = ScriptDirectory.from_config(alembic_config(url))
    _refuse_unknown(script, found.revision, what=f"{path} was made by a registry")
    if kind == "postgresql":
        backups.refuse_a_schema_clash(url, found)
    return found


def restore(url: str, path: Path, *, backups_dir: Path | None = None) -> Restored:
    """Overwrite the registry with the backup at ``path`` and upgrade it to the head if it is older.

    What the registry held before is backed up first. On SQLite the backup is upgraded on a copy
    and written back only when it is sound, so a failure leaves the registry as it was.
    """
    found = check_restorable(url, path)
    folder = backups_dir or default_backups()
    head = head_revision()
    current = current_revision(url) if _exists(url) else None
    replaced = backups.take(url, backups.backup_name(folder, url, current)) if current else None
    upgraded_to = head if found.revision != head else None
    if backups.kind_of(url) == "sqlite":
        _restore_sqlite(url, found, folder)
    else:
        backups.pg_restore(url, found)
        if upgraded_to:
            where = f"what it held before is at {replaced}" if replaced else "it held nothing before"
            try:
                _migrate(url, "head", MIGRATIONS)
            except Exception as error:
                raise UpgradeFailed(
                    f"The backup was restored at revision {found.revision} but upgrading it to {head} failed "
                    f"({_first_line(error)}); {where}."
                ) from error
    return Restored(revision=found.revision, upgraded_to=upgraded_to, replaced=replaced)


def downgrade(url: str, revision: str) -> None:
    command.downgrade(alembic_config(url), revision)


def current_revision(url: str) -> str | None:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


class RegistryNotReady(RuntimeError):
    """The registry's tables are missing, or at another revision than this code's: one sentence says
    what to run (``str(error)``)."""


def check_ready(url: str) -> None:
    """Refuse, before any command reads a table, a registry this code cannot read as it stands."""
    from registry.engine import safe_url

    current, head = current_revision(url), head_revision()
    if current == head:
        return
    where = safe_url(url)
    if current is None:
        raise RegistryNotReady(
            f"The registry at {where} has no tables yet: run `govern demo load` (the demo) "
            "or `govern db upgrade` (an empty registry)"
        )
    known = {s.revision for s in ScriptDirectory.from_config(alembic_config("sqlite://")).walk_revisions()}
    if current not in known:
        raise RegistryNotReady(
            f"The registry at {where} is at revision {current}, newer than this platform knows ({head}): "
            "use the release that made it, or `govern restore` a backup"
        )
    raise RegistryNotReady(
        f"The registry at {where} is at revision {current} and this platform needs {head}: "
        "run `govern db upgrade` (it takes a backup first)"
    )


# --- the steps ------------------------------------------------------------------------------------


def _migrate(url: str, revision: str, migrations: Path) -> None:
    config = alembic_config(url, migrations)
    engine = make_engine(url)
    config.attributes["connection"] = engine  # env.py connects through it; disposed here, not left open
    try:
        command.upgrade(config, revision)
    finally:
        engine.dispose()


def _upgrade_a_copy(
    url: str, revision: str, migrations: Path, saved: Path, current: str, target: str
) -> None:
    live_file = backups.sqlite_file(url)
    work = saved.with_name(f"{saved.stem}-upgrading.db")
    saved.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(live_file, timeout=30)) as live:
        seen = backups.data_version(live)  # before the copy: a commit after it is then seen
        _backed_up(lambda: backups.copy_sqlite(live, saved))
        try:
            backups.copy_sqlite_file(saved, work)

            def upgrade_the_copy() -> None:
                _migrate(f"sqlite:///{work}", revision, migrations)
                backups.check_sqlite(work)
                if backups.data_version(live) != seen:
                    raise BackupFailed("the registry changed while its copy was being upgraded; try again")

            _or_fail(upgrade_the_copy, current, target, saved)
            backups.write_back(work, live)
        finally:
            backups.remove_sqlite(work)


def _restore_sqlite(url: str, found: Backup, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    work = backups.backup_name(folder, url, "restoring")
    live_file = backups.sqlite_file(url)
    live_file.parent.mkdir(parents=True, exist_ok=True)
    try:
        backups.copy_sqlite_file(found.path, work)
        try:
            _migrate(f"sqlite:///{work}", "head", MIGRATIONS)
            backups.check_sqlite(work)
        except Exception as error:
            raise UpgradeFailed(
                f"Upgrading the backup from revision {found.revision} to {head_revision()} failed "
                f"({_first_line(error)}); the registry is unchanged."
            ) from error
        with closing(sqlite3.connect(live_file, timeout=30)) as live:
            backups.write_back(work, live)
    finally:
        backups.remove_sqlite(work)


def _backed_up(step: Callable[[], object]) -> None:
    try:
        step()
    except Exception as error:
        raise UpgradeFailed(
            f"The registry was not upgraded because backing it up failed ({_first_line(error)})."
        ) from error


def _or_fail(step: Callable[[], None], current: str, target: str, saved: Path) -> None:
    try:
        step()
    except Exception as error:
        raise UpgradeFailed(
            f"The upgrade from revision {current} to {target} failed ({_first_line(error)}); "
            f"the registry is unchanged and its backup is at {saved}."
        ) from error


def _first_line(error: BaseException) -> str:
    text = (str(error).strip() or type(error).__name__).splitlines()[0]
    return text if len(text) <= 300 else text[:297] + "…"


def _refuse_unknown(script: ScriptDirectory, revision: str | None, *, what: str) -> None:
    known = {s.revision for s in script.walk_revisions()}
    if revision is not None and revision not in known:
        raise BackupRefused(
            f"{what} at schema revision {revision}, newer than this version of the platform knows "
            f"(up to {script.get_current_head()}); use the version that made it"
        )


def _exists(url: str) -> bool:
    if backups.kind_of(url) == "sqlite":
        return backups.sqlite_file(url).exists()
    return True


def _holds_rows(url: str) -> bool:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            names = [n for n in sa.inspect(connection).get_table_names() if n != "alembic_version"]
            return any(
                connection.execute(sa.text(f'SELECT 1 FROM "{name}" LIMIT 1')).first() is not None
                for name in names
            )
    finally:
        engine.dispose()
