"""One Prefect test server for the whole test session, started by the first test that asks for it.

A module runs its flows for real by importing the fixture and asking for it::

    from tests.prefect_harness import prefect_server  # noqa: F401  (a fixture)

    pytestmark = pytest.mark.usefixtures("prefect_server")

The server (``prefect_test_harness``'s: a subprocess on loopback with a SQLite database of its
own) starts once, on the first test that asks, and stops at the end of the session; so
``pytest tests/test_rules.py`` starts no Prefect at all. Only while a test that asks for it runs do
Prefect's settings name that server (``PREFECT_API_URL``, and the harness's process-wide default):
every other test keeps the conftest's empty API URL, so a test of "no server is running" still
finds none. The server outlives each test, so its database holds every earlier test's runs: a test
reads its own runs by their ids, never "the latest run" or a count of runs.

Why not ``with prefect_test_harness():`` in a session fixture: what it sets (the settings, the
process-wide settings context, the default server) would hold for every test after the first.
"""

import contextlib
import inspect
import shutil
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

STARTUP_TIMEOUT_SECONDS = 90
_server = None  # the session's server, once a test has asked for it


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _drain_workers() -> None:
    """Send the logs and events still queued for the server before it goes (as the harness does)."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker
    from prefect.utilities.asyncutils import run_coro_as_sync

    async def drain() -> None:
        with contextlib.suppress(RuntimeError):  # no log worker was started
            if inspect.isawaitable(drained := APILogWorker.instance().drain()):
                await drained
        if inspect.isawaitable(drained := EventsWorker.drain_all()):
            await drained

    run_coro_as_sync(drain())


def _start(session: pytest.Session):
    """Start the server on a scratch SQLite database; the session's end stops it and removes it."""
    from prefect.server.api.server import SubprocessASGIServer
    from prefect.settings import PREFECT_SERVER_DATABASE_CONNECTION_URL, temporary_settings

    folder = Path(tempfile.mkdtemp(prefix="govern-test-prefect-server-"))
    database = f"sqlite+aiosqlite:///{folder / 'prefect-test.db'}"
    with temporary_settings({PREFECT_SERVER_DATABASE_CONNECTION_URL: database}):  # passed to the server
        server = SubprocessASGIServer(port=_free_port())  # a port of its own: None is ephemeral mode's
        server.start(timeout=STARTUP_TIMEOUT_SECONDS)

    def stop() -> None:
        global _server
        with _pointed_at(server):
            _drain_workers()
        server.stop()
        _server = None
        shutil.rmtree(folder, ignore_errors=True)

    session.addfinalizer(stop)
    return server


@contextlib.contextmanager
def _pointed_at(server) -> Iterator[None]:
    """Prefect's settings and default server name ``server`` inside the block, as the harness's do."""
    import prefect.context
    from prefect.server.api.server import SubprocessASGIServer
    from prefect.settings import PREFECT_API_URL, temporary_settings

    prior_default = SubprocessASGIServer._instances.get(None)
    SubprocessASGIServer._instances[None] = server  # what ephemeral-mode code would start instead
    try:
        with (
            temporary_settings({PREFECT_API_URL: server.api_url}),
            prefect.context._temporary_global_settings_context(prefect.context.get_settings_context()),
        ):
            yield
    finally:
        if prior_default is None:
            SubprocessASGIServer._instances.pop(None, None)
        else:
            SubprocessASGIServer._instances[None] = prior_default


@pytest.fixture
def prefect_server(request: pytest.FixtureRequest) -> Iterator[str]:
    """The session's Prefect test server, started if this is the first test to ask: its API URL,
    which Prefect's settings name for the length of this test."""
    global _server
    if _server is None:
        _server = _start(request.session)
    with _pointed_at(_server):
        yield _server.api_url
