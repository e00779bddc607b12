"""Shared fixtures: real registries on SQLite and PostgreSQL, each migrated with Alembic.

PostgreSQL is the server at ``GOVERN_TEST_POSTGRES_URL`` (default: 127.0.0.1:5432, database
``test``, trust auth). Each test gets a schema of its own, dropped afterwards. Where no server
answers the PostgreSQL cases are skipped, except under CI (``CI=true``), where that is a failure.
"""

import os
import socket
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

# Prefect must neither reach a real server nor write to the user's home from the tests.
os.environ["PREFECT_API_URL"] = ""
os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="govern-test-prefect-"))
os.environ["DO_NOT_TRACK"] = "1"
# Nor may backups taken by upgrades land in the working tree: the data directory is a temporary one.
os.environ["GOVERN_DATA_DIR"] = tempfile.mkdtemp(prefix="govern-test-data-")
os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
os.environ["PREFECT_LOGGING_LEVEL"] = "WARNING"
# Commands in tests act as the flows' service identity, naming the person with --by (README
# "Signing in"); the tests of signing in and of the operator remove it where they need to.
os.environ["GOVERN_SERVICE_IDENTITY"] = "flows"
# Nor may a test's e-mail reach a mail sink someone is running on the default port: tests that
# deliver start a sink of their own; any other send finds nothing listening, and stays queued.
with socket.socket() as _probe:
    _probe.bind(("127.0.0.1", 0))
    os.environ["GOVERN_MAIL_SINK_PORT"] = str(_probe.getsockname()[1])
os.environ.pop("GOVERN_EMAIL_URL", None)

import psycopg
import pytest
from sqlalchemy.engine import Engine

from registry.engine import make_engine
from registry.migrate import upgrade
from registry.partnership_file.loader import load_partnership_file

POSTGRES_URL = os.environ.get("GOVERN_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _postgres_reachable() -> str | None:
    try:
        with psycopg.connect(POSTGRES_URL.replace("+psycopg", ""), connect_timeout=3):
            return None
    except psycopg.Error as error:
        return str(error).strip()


@pytest.fixture(scope="session")
def postgres_server() -> str:
    problem = _postgres_reachable()
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs PostgreSQL at {POSTGRES_URL}: {problem}")
        pytest.skip(f"no PostgreSQL at {POSTGRES_URL}: {problem}")
    return POSTGRES_URL


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A URL whose connections live in a fresh schema of the test database."""
    schema = f"govern_{uuid.uuid4().hex[:12]}"
    plain = postgres_server.replace("+psycopg", "")
    with psycopg.connect(plain, autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{schema}"')
    separator = "&" if "?" in postgres_server else "?"
    yield f"{postgres_server}{separator}options=-csearch_path%3D{schema}"
    with psycopg.connect(plain, autocommit=True) as connection:
        connection.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'registry.db'}"


@pytest.fixture(
    params=["sqlite_url", pytest.param("postgres_url", marks=pytest.mark.postgres)],
    ids=["sqlite", "postgresql"],
)
def registry_url(request: pytest.FixtureRequest) -> str:
    """The same test on a SQLite file and on PostgreSQL."""
    return request.getfixturevalue(request.param)


def _migrated(url: str) -> Iterator[Engine]:
    upgrade(url)
    engine = make_engine(url)
    yield engine
    engine.dispose()


@pytest.fixture
def engine(registry_url: str) -> Iterator[Engine]:
    """A migrated, empty registry, on SQLite and on PostgreSQL."""
    yield from _migrated(registry_url)


@pytest.fixture
def sqlite_engine(sqlite_url: str) -> Iterator[Engine]:
    """A migrated, empty registry on a SQLite file, for tests about behaviour, not the database."""
    yield from _migrated(sqlite_url)


@pytest.fixture
def bradford(sqlite_engine: Engine) -> Engine:
    """A SQLite registry holding the Bradford demo partnership."""
    load_partnership_file(sqlite_engine)
    return sqlite_engine


@pytest.fixture
def govern(sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The command line (``govern ARGS…``) on this test's SQLite registry and data directory."""
    from typer.testing import CliRunner

    from app.cli.main import app

    monkeypatch.setenv("GOVERN_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("GOVERN_DATA_DIR", str(tmp_path / "data"))
    runner = CliRunner()
    return lambda *args, **options: runner.invoke(app, list(args), **options)
