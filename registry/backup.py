"""Backups of the registry, and writing one back: SQLite's online backup API, ``pg_dump``/``pg_restore``.

A SQLite backup is a copy made with ``sqlite3.Connection.backup``: a consistent snapshot even while
other connections read and write (WAL), written as a single file (journal mode DELETE). It is written
back the same way, page by page in one write transaction of the live file, so connections the
platform holds open see the restored registry at their next transaction instead of an unlinked file.

A PostgreSQL backup is ``pg_dump -Fc`` of the registry's schema only (the one its URL's
``search_path`` names, else ``public``): other schemas of the database are neither dumped nor
touched. It is written back by one ``psql --single-transaction`` run of the archive's SQL: the
registry's schema is dropped and made again from the archive, all or nothing. An archive of another
schema is restored into the registry's schema (renamed inside the same transaction).

Each refusal or failure is one sentence, said to the user as it is.
"""

import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import sqlalchemy as sa
from psycopg.conninfo import make_conninfo

SQLITE_MAGIC, PG_DUMP_MAGIC = b"SQLite format 3\x00", b"PGDMP"


class BackupRefused(Exception):
    """Nothing was changed: the file, the path or the registry is not what the command needs."""


class BackupFailed(Exception):
    """A tool or a check failed; the message says what, and where the registry stands."""


@dataclass(frozen=True)
class Backup:
    """A backup file as read back: which database made it, at which schema revision (and schema)."""

    path: Path
    kind: str  # "sqlite" or "postgresql"
    revision: str
    schema: str | None = None


def kind_of(url: str) -> str:
    return "sqlite" if url.startswith("sqlite") else "postgresql"


def backup_name(directory: Path, url: str, revision: str | None) -> Path:
    """``<directory>/registry-<UTC timestamp>-<revision>.db`` (``.dump`` for PostgreSQL), never an existing file."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    suffix = ".db" if kind_of(url) == "sqlite" else ".dump"
    path, n = directory / f"registry-{stamp}-{revision or 'empty'}{suffix}", 1
    while path.exists():
        n += 1
        path = directory / f"registry-{stamp}-{revision or 'empty'}-{n}{suffix}"
    return path


def take(url: str, path: Path) -> Path:
    """Back the registry up to ``path`` (which must not exist yet)."""
    if path.exists():
        raise BackupRefused(f"{path} already exists; name a new file for the backup")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        if kind_of(url) == "sqlite":
            with closing(sqlite3.connect(sqlite_file(url), timeout=30)) as live:
                copy_sqlite(live, path)
        else:
            pg_dump(url, path)
    except BaseException:
        path.unlink(missing_ok=True)  # no half-written file that looks like a backup
        raise
    return path


def read(path: Path) -> Backup:
    """The backup at ``path``, or a refusal saying why it is not one."""
    if not path.is_file():
        raise BackupRefused(f"there is no backup at {path}")
    with path.open("rb") as file:
        start = file.read(len(SQLITE_MAGIC))
    if start.startswith(SQLITE_MAGIC):
        return Backup(path, "sqlite", _sqlite_revision(path))
    if start.startswith(PG_DUMP_MAGIC):
        schema, revision = _pg_revision(path)
        return Backup(path, "postgresql", revision, schema)
    raise BackupRefused(f"{path} is not a registry backup (neither a SQLite registry nor a pg_dump archive)")


# --- SQLite ---------------------------------------------------------------------------------------


def sqlite_file(url: str) -> Path:
    database = sa.engine.make_url(url).database
    if not database or database == ":memory:":
        raise BackupRefused("an in-memory registry cannot be backed up or restored")
    return Path(database)


def copy_sqlite(source: sqlite3.Connection, path: Path) -> None:
    """A consistent copy of ``source`` at ``path``, one self-contained file."""
    try:
        with closing(sqlite3.connect(path)) as target:
            source.backup(target)
            target.execute("PRAGMA journal_mode=DELETE")
    except BaseException:
        remove_sqlite(path)
        raise


def copy_sqlite_file(source: Path, path: Path) -> None:
    with closing(sqlite3.connect(source, timeout=30)) as connection:
        copy_sqlite(connection, path)


def data_version(connection: sqlite3.Connection) -> int:
    """Changes whenever another connection commits to the file (``PRAGMA data_version``)."""
    return connection.execute("PRAGMA data_version").fetchone()[0]


def write_back(source: Path, live: sqlite3.Connection) -> None:
    """Replace the live registry's content with ``source``'s, in one write transaction of the live file."""
    with closing(sqlite3.connect(source, timeout=30)) as connection:
        connection.backup(live)


def check_sqlite(path: Path) -> None:
    """The file is sound and every reference resolves; else a failure naming the first problems."""
    with closing(sqlite3.connect(path)) as connection:
        integrity = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        broken = connection.execute("PRAGMA foreign_key_check").fetchall()
    if integrity != ["ok"]:
        raise BackupFailed("the integrity check failed: " + "; ".join(integrity[:5]))
    if broken:
        raise BackupFailed(
            "references are broken: " + "; ".join(f"{t} row {r} → {p}" for t, r, p, _ in broken[:5])
        )


def remove_sqlite(path: Path) -> None:
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        leftover.unlink(missing_ok=True)


def _sqlite_revision(path: Path) -> str:
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
            rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.DatabaseError as error:
        raise BackupRefused(f"{path} is a SQLite file but not a registry backup ({error})") from error
    if len(rows) != 1:
        raise BackupRefused(f"{path} is a SQLite file but not a registry backup (it has no schema revision)")
    return rows[0][0]


# --- PostgreSQL -----------------------------------------------------------------------------------


def _tool(name: str) -> str:
    found = shutil.which(name) or (f"/usr/bin/{name}" if Path(f"/usr/bin/{name}").exists() else None)
    if not found:
        raise BackupFailed(f"{name} is not installed; install the PostgreSQL client tools (version 15)")
    return found


def _run(command: list[str], *, env: dict[str, str] | None = None, stdin: str | None = None) -> str:
    result = subprocess.run(command, env=env, input=stdin, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        said = (result.stderr.strip() or result.stdout.strip() or "no message").splitlines()[0]
        raise BackupFailed(f"{Path(command[0]).name} failed: {said}")
    return result.stdout


def _libpq(url: str) -> tuple[str, dict[str, str]]:
    """The URL as a libpq connection string for the client tools; the password goes by environment."""
    u = sa.engine.make_url(url)
    options = {k: v if isinstance(v, str) else v[-1] for k, v in u.query.items()}
    conninfo = make_conninfo(host=u.host, port=u.port, dbname=u.database, user=u.username, **options)
    env = dict(os.environ) | ({"PGPASSWORD": str(u.password)} if u.password else {})
    return conninfo, env


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def registry_schema(url: str) -> str:
    """The schema the registry lives in: the first existing one of its connection's search path."""
    conninfo, env = _libpq(url)
    password = env.get("PGPASSWORD")
    with psycopg.connect(conninfo, **({"password": password} if password else {})) as connection:
        schema = connection.execute("SELECT current_schema()").fetchone()[0]
    if schema is None:
        raise BackupRefused("the registry's schema (its URL's search_path) does not exist in the database")
    return schema


def _schema_exists(url: str, schema: str) -> bool:
    conninfo, env = _libpq(url)
    password = env.get("PGPASSWORD")
    with psycopg.connect(conninfo, **({"password": password} if password else {})) as connection:
        query = "SELECT 1 FROM pg_namespace WHERE nspname = %s"
        return connection.execute(query, (schema,)).fetchone() is not None


def pg_dump(url: str, path: Path) -> None:
    conninfo, env = _libpq(url)
    schema = registry_schema(url)
    _run(
        [_tool("pg_dump"), "--format=custom", f"--schema={_ident(schema)}", f"--file={path}", conninfo],
        env=env,
    )


def _toc(path: Path) -> str:
    try:
        return _run([_tool("pg_restore"), "--list", str(path)])
    except BackupFailed as error:
        raise BackupRefused(f"{path} is not a readable pg_dump archive ({error})") from error


def _pg_revision(path: Path) -> tuple[str, str]:
    found = re.search(r"^\d+; \d+ \d+ TABLE (\S+) alembic_version ", _toc(path), re.MULTILINE)
    if not found:
        raise BackupRefused(
            f"{path} is a pg_dump archive but not a registry backup (it has no schema revision)"
        )
    schema = found.group(1)
    data = _run(
        [
            _tool("pg_restore"),
            "--data-only",
            f"--schema={schema}",
            "--table=alembic_version",
            "--file=-",
            str(path),
        ]
    )
    copied = re.search(r"^COPY .*alembic_version.* FROM stdin;\n(.*?)\n\\\.$", data, re.MULTILINE | re.DOTALL)
    revisions = copied.group(1).split("\n") if copied else []
    if len(revisions) != 1:
        raise BackupRefused(
            f"{path} is a pg_dump archive but not a registry backup (it has no schema revision)"
        )
    return schema, revisions[0]


def refuse_a_schema_clash(url: str, backup: Backup) -> str:
    """The registry's schema, unless the archive's is another schema that exists: restoring would touch it."""
    target = registry_schema(url)
    if backup.schema != target and _schema_exists(url, backup.schema or ""):
        raise BackupRefused(
            f"{backup.path} holds schema {backup.schema!r}, which exists in the database beside the registry's "
            f"{target!r}; restoring it here would touch that schema"
        )
    return target


def pg_restore(url: str, backup: Backup) -> None:
    """Replace the registry's schema with the archive's, in one transaction; other schemas are not touched."""
    assert backup.schema is not None
    target = refuse_a_schema_clash(url, backup)
    # The schema itself is made by us (below), so the archive's CREATE SCHEMA is left out.
    entries = [
        line for line in _toc(backup.path).splitlines() if not re.match(r"^\d+; \d+ \d+ SCHEMA ", line)
    ]
    with tempfile.NamedTemporaryFile("w", suffix=".list", encoding="utf-8") as listing:
        listing.write("\n".join(entries) + "\n")
        listing.flush()
        script = _run(
            [
                _tool("pg_restore"),
                "--no-owner",
                "--no-privileges",
                f"--use-list={listing.name}",
                "--file=-",
                str(backup.path),
            ]
        )
    before = f"DROP SCHEMA IF EXISTS {_ident(target)} CASCADE;\nCREATE SCHEMA {_ident(backup.schema)};\n"
    after = (
        f"ALTER SCHEMA {_ident(backup.schema)} RENAME TO {_ident(target)};\n"
        if backup.schema != target
        else ""
    )
    conninfo, env = _libpq(url)
    psql = [_tool("psql"), "--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", "--single-transaction"]
    _run([*psql, f"--dbname={conninfo}", "--file=-"], env=env, stdin=before + script + after)
