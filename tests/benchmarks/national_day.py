"""Benchmark: an ordinary day of every cycle for K partnerships on one service (PostgreSQL), run
directly in two worker processes, then through Prefect with two workers, against the issue's target
(about 300 partnerships, ≤ 10 minutes, two workers).

The Bradford demo is loaded K times into a scratch database of the run's own (dropped at the end)
and a set-up day is run first (the calendar's first run records everything since go-live), untimed.
The direct day runs every cycle of ``flows.replay_cycles.DAY_ORDER`` (and what the annual-report
flow records after delivery) for every partnership, dealt to two processes calling the flows' use
cases (``RESOLVERS``), meeting at a barrier around each cycle as the schedule runs one after another.
Delivery: the platform's notifier (Apprise) to a loopback SMTP server that counts what it accepts.
Then the next day through Prefect (unless ``--no-prefect``): Prefect's server on PostgreSQL, every
scheduled cycle deployed to a process pool, two one-slot workers, one run of each deployment for
every partnership queued at once in the schedule's order; from the first trigger to the last run's
end, with each run's start-up and running time, and what the outbox sent against what the SMTP
server received. Lower bound, same run: the direct day, one bare SELECT of every live deadline,
and the sweep's bare SQL. Asserts nothing; the figures go to ``results/national_day.json``. Run:

    .venv/bin/python -m tests.benchmarks.national_day [--k 300] [--no-prefect]
"""

import argparse
import contextlib
import io
import json
import multiprocessing
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

import psycopg
import sqlalchemy as sa

from tests.benchmarks.daily_sweep import FIRST_ORDINARY_DAY, SET_UP_ON, bare, copies
from tests.benchmarks.national_dispatch import counting_server, free_port

SERVER = os.environ.get("GOVERN_BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432")
TARGET_SECONDS = 600
POOL = "national-day"
RESULTS = Path(__file__).parent / "results" / "national_day.json"


def scratch_database(name: str, *, drop: bool = False) -> str:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop:
            connection.execute(f'CREATE DATABASE "{name}"')
    return f"{SERVER.replace('postgresql://', 'postgresql+psycopg://')}/{name}"


def _worker(url: str, keys: list[str], day: date, email_url: str | None, barrier, results) -> None:
    """One worker's half of the day: each cycle for each of its partnerships, between barriers."""
    from flows.adapters.apprise_notifier import AppriseNotifier
    from flows.adapters.message_templates import TemplateRenderer
    from flows.replay import CapturedMail
    from flows.replay_cycles import ReplayDay, cycles_to_replay
    from governance.dates import at_london_time
    from registry.engine import make_engine

    engine = make_engine(url)
    notifier = AppriseNotifier(email_url) if email_url else CapturedMail()
    context = ReplayDay(
        engine=engine, day=day, renderer=TemplateRenderer(), notifier=notifier,
        now=at_london_time(day, clock_time(7, 0)),
    )  # fmt: skip
    seconds, failures, sent = [], 0, 0
    for cycle, run in cycles_to_replay()[0]:
        barrier.wait()
        started = time.perf_counter()
        for key in keys:
            try:
                outcome = run(context, key)
                sent += getattr(outcome, "sent", 0) if cycle.value == "deliver-notifications" else 0
            except Exception as error:  # said and counted, as a flow logs one partnership's failure
                failures += 1
                print(f"  {cycle.value} {key}: {type(error).__name__}: {error}"[:300], flush=True)
        seconds.append(time.perf_counter() - started)
        barrier.wait()
    engine.dispose()
    results.put({"seconds": seconds, "failures": failures, "sent": sent})


def run_day(url: str, keys: list[str], day: date, email_url: str | None) -> dict:
    """The day's cycles for ``keys``, dealt in turn to two processes; wall time per cycle."""
    from flows.replay_cycles import cycles_to_replay

    names = [cycle.value for cycle, _ in cycles_to_replay()[0]]
    spawn = multiprocessing.get_context("spawn")
    barrier, results = spawn.Barrier(3), spawn.Queue()
    workers = [
        spawn.Process(target=_worker, args=(url, keys[i::2], day, email_url, barrier, results))
        for i in (0, 1)
    ]
    for worker in workers:
        worker.start()
    walls = []
    for _ in names:
        barrier.wait(timeout=7200)
        started = time.perf_counter()
        barrier.wait(timeout=7200)
        walls.append(time.perf_counter() - started)
    done = [results.get(timeout=600) for _ in workers]
    for worker in workers:
        worker.join()
    busy = [sum(pair) for pair in zip(*(d["seconds"] for d in done), strict=True)]
    return {
        "names": names, "walls": walls, "busy": busy, "wall": sum(walls),
        "failures": sum(d["failures"] for d in done), "sent": sum(d["sent"] for d in done),
    }  # fmt: skip


def lower_bounds(engine: sa.Engine, key: str, day: date) -> tuple[float, int, float, int]:
    """A bare SELECT of every partnership's live deadlines, and the sweep's bare SQL, best of 5."""
    from governance.deadlines.model import DeadlineState
    from registry import tables as m
    from registry.sql.deadline_sweep import reached_and_not_taken
    from registry.unit_of_work import SqlUnitOfWork

    d = m.Deadline.__table__
    live = sa.select(d.c.id, d.c.partnership_id, d.c.duty, d.c.due_on).where(d.c.state != DeadlineState.CLOSED)  # fmt: skip
    with SqlUnitOfWork(engine, partnership=key) as uow:
        ladder = uow.partnership.snapshot().policy.escalation
    return (*bare(engine, live), *bare(engine, reached_and_not_taken(day, ladder, partnership_id=None)))


def prefect_day(url: str, day: date, folder: Path, email_url: str) -> dict:
    """Every scheduled cycle's deployment for every partnership, on a Prefect server on PostgreSQL
    with two one-slot process workers (as test_scale_out): the day as the schedules run it."""
    scratch_database(database := f"govern_nd_prefect_{uuid.uuid4().hex[:8]}")
    api = f"http://127.0.0.1:{(port := free_port())}/api"
    env = {
        **os.environ, "PREFECT_API_URL": api, "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_UI_ENABLED": "false", "PREFECT_HOME": str(folder / "server"),
        "PREFECT_SERVER_DATABASE_CONNECTION_URL": f"{SERVER.replace('postgresql://', 'postgresql+asyncpg://')}/{database}",
    }  # fmt: skip
    server = [sys.executable, "-m", "prefect", "server", "start", "--port", str(port)]
    processes = [_start(server, env, folder / "server.log")]
    try:
        _wait_healthy(f"{api}/health")
        subprocess.run(
            [sys.executable, "-m", "prefect", "work-pool", "create", POOL, "--type", "process"],
            env=env, check=True, capture_output=True,
        )  # fmt: skip
        from prefect.settings import PREFECT_API_URL, temporary_settings

        from flows.serve import deploy_to_pool

        with temporary_settings({PREFECT_API_URL: api}), contextlib.redirect_stdout(io.StringIO()):
            deploy_to_pool(POOL, paused=True)
        worker_env = {
            **env, "PREFECT_WORKER_QUERY_SECONDS": "1", "PREFECT_WORKER_PREFETCH_SECONDS": "1",
            "GOVERN_DATABASE_URL": url, "GOVERN_DATA_DIR": str(folder / "data"),
            "GOVERN_EMAIL_URL": email_url, "PREFECT_LOGGING_LEVEL": "INFO",
        }  # fmt: skip
        for name in ("worker-1", "worker-2"):
            (folder / name).mkdir()
            command = [sys.executable, "-m", "prefect", "worker", "start", "--pool", POOL, "--name", name]
            home = {**worker_env, "PREFECT_HOME": str(folder / name)}
            processes.append(_start([*command, "--limit", "1"], home, folder / f"{name}.log"))
        time.sleep(5)  # the workers' first poll
        with temporary_settings({PREFECT_API_URL: api}):
            return _trigger_the_day(day)
    finally:
        for process in reversed(processes):
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        scratch_database(database, drop=True)


def _trigger_the_day(day: date) -> dict:
    """One run of each cycle's deployment for every partnership, queued at once in the schedule's
    order (the workers claim the earliest first); from the first trigger until the last run ends."""
    from prefect.client.orchestration import get_client
    from prefect.deployments import run_deployment

    from flows.schedules import SCHEDULED_CYCLES

    parameters = {"partnership": None, "as_of": day.isoformat()}
    with get_client(sync_client=True) as prefect:
        started, runs = time.perf_counter(), []
        for cycle in SCHEDULED_CYCLES:
            runs.append(run_deployment(f"{cycle.name}/{cycle.name}", parameters=parameters, timeout=0, as_subflow=False))  # fmt: skip
            time.sleep(0.05)  # distinct scheduled times, so the claims follow the schedule's order
        done = _finished(prefect, runs, timeout=3 * TARGET_SECONDS)
        wall = time.perf_counter() - started
        claimed = [min(s.timestamp for s in prefect.read_flow_run_states(r.id) if s.type.value == "PENDING") for r in done]  # fmt: skip
    return {
        "wall": wall, "states": sorted({r.state.name for r in done}),
        "runs": [
            {"cycle": c.name, "state": r.state.name, "startup": (r.start_time - p).total_seconds(),
             "running": (r.end_time - r.start_time).total_seconds()}
            for c, r, p in zip(SCHEDULED_CYCLES, done, claimed, strict=True)
        ],
    }  # fmt: skip


def _finished(prefect, runs: list, timeout: float = 1800) -> list:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        now = [prefect.read_flow_run(run.id) for run in runs]
        if all(run.state and run.state.is_final() for run in now):
            return now
        time.sleep(0.5)
    raise TimeoutError(f"flow runs not finished after {timeout:.0f} s")


def _start(command: list[str], env: dict, log: Path) -> subprocess.Popen:
    with log.open("wb") as out:
        return subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)  # fmt: skip


def _wait_healthy(url: str, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"no Prefect server at {url} after {timeout:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--k", type=int, default=300, help="copies of the Bradford demo")
    parser.add_argument(
        "--no-prefect", action="store_true", help="the day directly only, not through Prefect"
    )
    parser.add_argument("--out", type=Path, default=RESULTS, help="where the figures are written (JSON)")
    args = parser.parse_args()
    database = f"govern_nd_{uuid.uuid4().hex[:8]}"
    url = scratch_database(database)
    try:
        figures = measure(url, args.k, not args.no_prefect)
    finally:
        scratch_database(database, drop=True)
    report(args.k, figures)
    measured = {"k": args.k, "measured_at": datetime.now(UTC).isoformat(), "load_average": os.getloadavg()}
    args.out.write_text(json.dumps(measured | figures, indent=2, default=str))
    print(f"results written to {args.out}")


def measure(url: str, k: int, through_prefect: bool) -> dict:
    from registry.engine import make_engine
    from registry.migrate import upgrade

    started = time.perf_counter()
    upgrade(url)
    engine = make_engine(url)
    keys = copies(engine, k)
    print(f"loaded K={k} in {time.perf_counter() - started:.0f} s", flush=True)
    set_up = run_day(url, keys, SET_UP_ON, email_url=None)
    print(f"set-up day {SET_UP_ON} (untimed, mail captured): {set_up['wall']:.0f} s", flush=True)
    with engine.begin() as connection:
        connection.exec_driver_sql("ANALYZE")  # as autovacuum would after a bulk load
    figures: dict = {}
    with counting_server(port := free_port()) as counted:
        email_url = f"mailto://127.0.0.1:{port}?from=unit@governance.example"
        figures["day"] = run_day(url, keys, FIRST_ORDINARY_DAY, email_url)
        figures["received"] = counted.received
        figures["bounds"] = lower_bounds(engine, keys[0], FIRST_ORDINARY_DAY)
        if through_prefect:
            print(f"the day directly: {figures['day']['wall']:.0f} s; now through Prefect", flush=True)
            folder = Path(tempfile.mkdtemp(prefix="govern-nd-"))  # the Prefect server's and workers' logs
            sent_before, received_before = _sent(engine), counted.received
            later = FIRST_ORDINARY_DAY + timedelta(days=1)
            figures["prefect"] = prefect_day(url, later, folder, email_url) | {"logs": str(folder)}
            figures["prefect"]["sent"] = _sent(engine) - sent_before
            figures["prefect"]["received"] = counted.received - received_before
        engine.dispose()
    return figures


def _sent(engine: sa.Engine) -> int:
    from governance.notifications.model import NotificationStatus
    from registry import tables as m

    n = m.Notification.__table__
    with engine.connect() as connection:
        return connection.execute(sa.select(sa.func.count()).where(n.c.status == NotificationStatus.SENT)).scalar_one()  # fmt: skip


def report(k: int, f: dict) -> None:
    day, (select_s, live, sweep_s, steps) = f["day"], f["bounds"]
    print(f"\nK={k}  live deadlines {live:,}  steps reached {steps:,}  day {FIRST_ORDINARY_DAY}")
    print(f"the day, two processes: {day['wall']:.1f} s wall  ({day['wall'] / k * 1000:.0f} ms per partnership)"
          f"  failures {day['failures']}  sent {day['sent']} (SMTP received {f['received']})")  # fmt: skip
    for name, wall, busy in zip(day["names"], day["walls"], day["busy"], strict=True):
        print(f"  {name:22} {wall:8.2f} s wall  {busy / k * 1000:7.1f} ms per partnership (busy)")
    print(f"lower bound: bare SELECT of the live deadlines {select_s * 1000:.1f} ms (ratio {day['wall'] / select_s:,.0f}x);"
          f" sweep's bare SQL {sweep_s * 1000:.1f} ms (ratio {day['wall'] / sweep_s:,.0f}x)")  # fmt: skip
    if "prefect" not in f:
        return print(
            f"Prefect not measured; the day alone: {day['wall']:.0f} s of the {TARGET_SECONDS} s target"
        )
    p = f["prefect"]
    print(f"\nthrough Prefect (server on PostgreSQL, two one-slot process workers), every cycle's deployment"
          f" for all {k} partnerships, {FIRST_ORDINARY_DAY + timedelta(days=1)}: {p['wall']:.0f} s wall"
          f" against the {TARGET_SECONDS} s target ({p['wall'] / TARGET_SECONDS:.2f}x); {p['wall'] / day['wall']:.2f}x"
          f" the same day run directly in two processes; states {p['states']}; sent {p['sent']}"
          f" (SMTP received {p['received']}); logs in {p['logs']}")  # fmt: skip
    for run in p["runs"]:
        print(f"  {run['cycle']:22} {run['state']:10} claimed to running {run['startup']:5.1f} s,"
              f" running {run['running']:6.1f} s ({run['running'] / k * 1000:.0f} ms per partnership)")  # fmt: skip


if __name__ == "__main__":
    main()
