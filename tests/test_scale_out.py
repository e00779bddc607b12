"""Many partnerships on one service, as the README's "Running at scale" runs them: a Prefect server
on PostgreSQL, a process work pool with the cycles deployed to it, two workers, and the registry on
PostgreSQL holding the Bradford demo under three keys, sending to an SMTP server on loopback that
counts what it receives.

The day's two sweeps (the calendar, then the reminders) for each partnership: each deadline is
recorded once and each message delivered once, however the runs fall across the
workers, with two runs of the same cycle racing, and with one worker killed mid-run (its runs are
marked crashed by the zombie rule, run again, and nothing is lost or sent twice).
"""

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections import Counter
from datetime import date, timedelta
from email import message_from_bytes, policy
from pathlib import Path

import psycopg
import pytest
import sqlalchemy as sa
from aiosmtpd.controller import Controller

from flows.schedules import CYCLES
from flows.serve import crash_lost_runs, deploy_to_pool
from registry.engine import make_engine
from registry.migrate import upgrade
from registry.partnership_file.loader import BRADFORD_DEMO, load_partnership_file

pytestmark = [pytest.mark.postgres, pytest.mark.prefect]
KEYS = ("bradford", "bradford-2", "bradford-3")
POOL = "governance"


DAILY_SWEEPS = ("calendar", "reminders")  # the day's first two cycles: deadlines, then the ladder's steps


def client(api: str):
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings({PREFECT_API_URL: api}):
        return get_client(sync_client=True)


def trigger(api: str, cycle: str, partnership: str, day: date):
    """Start one cycle's deployment for one partnership, as the scheduler or `govern cycle run` does."""
    from prefect.deployments import run_deployment
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings({PREFECT_API_URL: api}):
        return run_deployment(
            f"{CYCLES[cycle].flow.name}/{cycle}",
            parameters={"partnership": partnership, "as_of": day.isoformat()},
            timeout=0,
            as_subflow=False,
        )


def wait_for_runs(api: str, runs: list, *, timeout: float, logs: Path) -> list:
    deadline = time.monotonic() + timeout
    with client(api) as prefect:
        while True:
            now = [prefect.read_flow_run(run.id) for run in runs]
            if all(run.state and run.state.is_final() for run in now):
                return now
            if time.monotonic() > deadline:
                states = [(run.name, run.state.name if run.state else None) for run in now]
                pytest.fail(f"runs not finished after {timeout:.0f} s: {states}\n{tails(logs)}")
            time.sleep(1)


def errors_logged(api: str, runs: list) -> list[str]:
    """What the runs logged at ERROR: a partnership's failure is logged so, though the run completes."""
    from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId, LogFilterLevel

    only = LogFilter(
        flow_run_id=LogFilterFlowRunId(any_=[run.id for run in runs]), level=LogFilterLevel(ge_=40)
    )
    with client(api) as prefect:
        return [log.message for log in prefect.read_logs(log_filter=only)]


def descendants(pid: int) -> list[int]:
    """Every process started, directly or not, by ``pid`` (from /proc)."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, frontier = [], [pid]
    while frontier:
        children = parents.get(frontier.pop(), [])
        found.extend(children)
        frontier.extend(children)
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class CountingSmtp:
    """An SMTP server on loopback that keeps, per message, its recipients, subject and Message-ID."""

    def __init__(self) -> None:
        self.received: list[tuple[str, str, str]] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        message = message_from_bytes(envelope.original_content or envelope.content, policy=policy.default)
        for to in envelope.rcpt_tos:
            self.received.append((to, str(message["Subject"]), str(message["Message-ID"])))
        return "250 OK"


@pytest.fixture(scope="module")
def smtp():
    counting = CountingSmtp()
    controller = Controller(counting, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, counting
    controller.stop()


@pytest.fixture(scope="module")
def registry_url(postgres_server: str, tmp_path_factory):
    """A PostgreSQL registry (a schema of the test database) holding the Bradford demo three times,
    each copy with addresses of its own, so every message names its partnership by its recipient."""
    schema = f"scale_{uuid.uuid4().hex[:10]}"
    plain = postgres_server.replace("+psycopg", "")
    with psycopg.connect(plain, autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{schema}"')
    url = f"{postgres_server}{'&' if '?' in postgres_server else '?'}options=-csearch_path%3D{schema}"
    upgrade(url)
    engine = make_engine(url)
    demo = BRADFORD_DEMO.read_text()
    for number, key in enumerate(KEYS, start=1):
        copy = tmp_path_factory.mktemp("partnerships") / f"{key}.yaml"
        text = re.sub(r"(?m)^(partnership:\n(?:  .*\n)*?  key: )bradford$", rf"\g<1>{key}", demo)
        copy.write_text(re.sub(r"@([a-z0-9-]+\.example)", rf"@p{number}.\1", text))
        load_partnership_file(engine, copy)
    engine.dispose()
    yield url
    with psycopg.connect(plain, autocommit=True) as connection:
        connection.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(scope="module")
def prefect_on_postgres(postgres_server: str, tmp_path_factory):
    """``prefect server start`` on loopback, its database a scratch PostgreSQL database."""
    database = f"prefect_{uuid.uuid4().hex[:10]}"
    plain = postgres_server.replace("+psycopg", "")
    with psycopg.connect(plain, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{database}"')
    server_url = psycopg.conninfo.conninfo_to_dict(plain)
    host, port = server_url.get("host", "127.0.0.1"), server_url.get("port", 5432)
    user = server_url.get("user", "postgres")
    api_port = free_port()
    home = tmp_path_factory.mktemp("prefect-server")
    env = {
        **os.environ,
        "PREFECT_HOME": str(home),
        "PREFECT_API_URL": f"http://127.0.0.1:{api_port}/api",
        "PREFECT_SERVER_DATABASE_CONNECTION_URL": f"postgresql+asyncpg://{user}@{host}:{port}/{database}",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_UI_ENABLED": "false",
    }
    log = (home / "server.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(api_port)],
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    try:
        wait_healthy(f"http://127.0.0.1:{api_port}/api/health", server, home / "server.log")
        yield env["PREFECT_API_URL"]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        log.close()
        with psycopg.connect(plain, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def wait_healthy(url: str, process: subprocess.Popen, log: Path, timeout: float = 150) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the Prefect server stopped while starting:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"the Prefect server was not healthy after {timeout:.0f} s:\n{log.read_text()[-3000:]}")


class Workers:
    """``prefect worker start --pool …`` processes, each in its own process group with its flow runs."""

    def __init__(self, api: str, registry_url: str, smtp_port: int, logs: Path) -> None:
        self.logs = logs
        self.env = {
            **os.environ,
            "PREFECT_API_URL": api,
            "PREFECT_WORKER_QUERY_SECONDS": "1",
            "PREFECT_WORKER_PREFETCH_SECONDS": "1",
            "PREFECT_FLOWS_HEARTBEAT_FREQUENCY": "30",  # the least Prefect allows: the zombie rule's clock
            "PREFECT_LOGGING_LEVEL": "INFO",
            "GOVERN_DATABASE_URL": registry_url,
            "GOVERN_EMAIL_URL": f"mailto://127.0.0.1:{smtp_port}?from=unit@governance.example",
            "GOVERN_DATA_DIR": str(logs / "data"),
        }
        self.running: dict[str, subprocess.Popen] = {}

    def start(self, name: str) -> subprocess.Popen:
        home = self.logs / name
        home.mkdir(exist_ok=True)
        with (self.logs / f"{name}.log").open("ab") as log:
            self.running[name] = subprocess.Popen(
                [sys.executable, "-m", "prefect", "worker", "start", "--pool", POOL, "--name", name, "--limit", "2"],
                cwd=self.logs, env={**self.env, "PREFECT_HOME": str(home)},
                stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
        return self.running[name]

    def ran(self, name: str) -> set[str]:
        """The flow runs the worker took (its log names each)."""
        log = (self.logs / f"{name}.log").read_text()
        return set(re.findall(rf"Worker '{name}' submitting flow run '([0-9a-f-]+)'", log))

    def kill(self, name: str) -> list[int]:
        """Kill the worker and every flow run it started at once, as when its machine dies."""
        worker = self.running.pop(name)
        processes = [worker.pid, *descendants(worker.pid)]
        for pid in processes:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        worker.wait()
        return processes

    def stop_all(self) -> None:
        for name in list(self.running):
            self.kill(name)


@pytest.fixture(scope="module")
def service(prefect_on_postgres, registry_url, smtp, tmp_path_factory):
    """The pool, the deployments and the zombie rule on the server, and two workers polling the pool."""
    controller, counting = smtp
    from prefect.settings import PREFECT_API_URL, temporary_settings

    subprocess.run(
        [sys.executable, "-m", "prefect", "work-pool", "create", POOL, "--type", "process"],
        env={**os.environ, "PREFECT_API_URL": prefect_on_postgres}, check=True, capture_output=True,
    )  # fmt: skip
    with temporary_settings({PREFECT_API_URL: prefect_on_postgres}):
        deploy_to_pool(POOL, paused=True)  # schedules off: the test triggers each run itself
        crash_lost_runs(within=timedelta(seconds=50))  # heartbeats every 30 s (Workers)
    workers = Workers(prefect_on_postgres, registry_url, controller.port, tmp_path_factory.mktemp("workers"))
    workers.start("worker-1")
    workers.start("worker-2")
    yield {"api": prefect_on_postgres, "registry": registry_url, "smtp": counting, "workers": workers}
    workers.stop_all()


def deadlines_per_partnership(url: str) -> dict[str, list[tuple]]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                sa.text(
                    "SELECT p.key, d.duty, d.subject, d.period, d.due_on FROM deadline d "
                    "JOIN partnership p ON p.id = d.partnership_id ORDER BY 1, 2, 3, 4, 5"
                )
            ).all()
    finally:
        engine.dispose()
    recorded: dict[str, list[tuple]] = {key: [] for key in KEYS}
    for key, *deadline in rows:
        recorded[key].append(tuple(deadline))
    return recorded


def outbox(url: str) -> list[tuple[str, str, str]]:
    """Every notification as (status, address, subject)."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return [
                tuple(row)
                for row in connection.execute(sa.text("SELECT status, address, subject FROM notification"))
            ]
    finally:
        engine.dispose()


def test_the_daily_sweeps_for_three_partnerships_on_two_workers_record_each_deadline_and_send_each_message_once(
    service,
):
    day = date(2026, 6, 24)  # in the past: its 09:00 reminders are due whenever the test runs
    api, logs = service["api"], service["workers"].logs
    runs = [trigger(api, "calendar", key, day) for key in KEYS]
    runs.append(trigger(api, "calendar", "bradford", day))  # the same cycle twice at once
    finished = wait_for_runs(api, runs, timeout=150, logs=logs)
    runs += [trigger(api, "reminders", key, day) for key in KEYS]  # as at 07:00, after the calendar
    finished = wait_for_runs(api, runs, timeout=150, logs=logs)
    assert {run.state.name for run in finished} == {"Completed"}, [(r.name, r.state.name) for r in finished]
    assert errors_logged(api, runs) == []
    ran_by = {name: service["workers"].ran(name) for name in ("worker-1", "worker-2")}
    assert set().union(*ran_by.values()) == {str(run.id) for run in runs} and all(ran_by.values()), ran_by

    assert each_message_delivered_once(service)
    each_deadline_recorded_once(service["registry"])


def each_deadline_recorded_once(url: str) -> None:
    """Every copy of the demo holds the same deadlines as the first, each once."""
    recorded = deadlines_per_partnership(url)
    assert recorded["bradford"], "the calendar recorded Bradford's deadlines"
    for key in KEYS:
        assert recorded[key] == recorded["bradford"] and len(set(recorded[key])) == len(recorded[key])


def each_message_delivered_once(service: dict, *, in_doubt: tuple[str, ...] = ()) -> int:
    """No message arrived twice, and every one recorded as sent arrived; a message whose send was
    cut off (``in_doubt`` statuses) arrived at most once. Returns how many were sent."""
    messages = outbox(service["registry"])
    received = Counter((to, subject) for to, subject, _ in service["smtp"].received)
    sent = Counter((address, subject) for status, address, subject in messages if status == "sent")
    doubtful = {(address, subject) for status, address, subject in messages if status in in_doubt}
    assert set(received.values()) <= {1}, [m for m, n in received.items() if n > 1]
    assert set(sent.values()) <= {1} and set(sent) <= set(received) <= set(sent) | doubtful
    message_ids = [message_id for *_, message_id in service["smtp"].received]
    assert len(set(message_ids)) == len(message_ids)
    return sum(sent.values())


def retry_until_finished(api: str, runs: list, *, timeout: float, logs: Path) -> set:
    """The retry policy: each run the zombie rules mark crashed is set to run again, as the UI's
    Retry does, until every run has finished; the ids of the runs retried."""
    from prefect.states import AwaitingRetry

    retried, deadline = set(), time.monotonic() + timeout
    with client(api) as prefect:
        while True:
            now = [prefect.read_flow_run(run.id) for run in runs]
            for run in now:
                if run.state.is_crashed():
                    prefect.set_flow_run_state(run.id, AwaitingRetry(), force=True)
                    retried.add(run.id)
            if all(run.state.is_final() and not run.state.is_crashed() for run in now):
                return retried
            if time.monotonic() > deadline:
                states = [(run.name, run.state.name) for run in now]
                pytest.fail(f"runs not finished after {timeout:.0f} s: {states}\n{tails(logs)}")
            time.sleep(1)


def tails(logs: Path) -> str:
    return "\n".join(f"--- {log.name}\n{log.read_text()[-1500:]}" for log in sorted(logs.glob("*.log")))


def test_a_worker_killed_mid_run_has_its_runs_crashed_and_retried_and_nothing_is_lost_or_sent_twice(service):
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    day = date(2026, 6, 30)  # a day with reminders for each partnership
    api, workers = service["api"], service["workers"]
    sent_before = each_message_delivered_once(service)
    runs = [trigger(api, cycle, key, day) for cycle in DAILY_SWEEPS for key in KEYS]
    deadline = time.monotonic() + 90
    with client(api) as prefect:
        while True:  # until one of worker-1's runs is running
            mine = {str(pid) for pid in descendants(workers.running["worker-1"].pid)}
            running = prefect.read_flow_runs(
                flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[r.id for r in runs]))
            )
            cut_off = [
                r
                for r in running
                if r.state.is_running() and (r.infrastructure_pid or ":").split(":")[-1] in mine
            ]
            if cut_off:
                break
            assert time.monotonic() < deadline, "worker-1 ran none of the runs"
            time.sleep(0.2)
    workers.kill("worker-1")
    retried = retry_until_finished(api, runs, timeout=180, logs=workers.logs)
    assert {run.id for run in cut_off} <= retried, "each run the killed worker had was retried"
    finished = wait_for_runs(api, runs, timeout=10, logs=workers.logs)
    assert {run.state.name for run in finished} == {"Completed"}, [(r.name, r.state.name) for r in finished]
    assert errors_logged(api, runs) == []
    assert each_message_delivered_once(service, in_doubt=("sending", "uncertain")) > sent_before
    each_deadline_recorded_once(service["registry"])


def test_govern_cycle_run_triggers_the_served_deployment_and_prints_its_logs(service, tmp_path):
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterName

    env = {
        **service["workers"].env,
        "PREFECT_API_URL": service["api"],
        "PREFECT_HOME": str(tmp_path / "prefect"),
        "GOVERN_DATA_DIR": str(tmp_path / "data"),
    }
    govern = Path(sys.executable).parent / "govern"
    result = subprocess.run(
        [str(govern), "cycle", "run", "calendar", "--partnership", "bradford-2", "--as-of", "2026-06-26", "--yes"],
        env=env, capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "running on the platform's Prefect server" in result.stdout
    assert "[bradford-2] calendar as of 26 June 2026" in result.stdout  # the run's own log, printed here
    only = FlowRunFilter(name=FlowRunFilterName(any_=["calendar-bradford-2-2026-06-26"]))
    with client(service["api"]) as prefect:
        (run,) = prefect.read_flow_runs(flow_run_filter=only)
        deployment = prefect.read_deployment(run.deployment_id)
    assert deployment.name == "calendar" and run.state.is_completed()
    assert {"cycle:calendar", "partnership:bradford-2"} <= set(run.tags)
