"""``govern up``: the whole platform on one machine, on embedded defaults, stopped cleanly with Ctrl-C.

Starts, in order: the registry (migrated; the Bradford demo loaded when empty), the local mail sink,
a Prefect server (its own SQLite database under the data directory), every scheduled cycle served
against it from one process (``flows.serve``; the README's "Running at scale" puts them on a work
pool with several workers instead), and the Streamlit front end; then runs today's action-plan
update, calendar and reminders once so the deadline board shows every obligation's deadlines.
"""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path

from app.settings import PlatformSettings as Settings
from flows.adapters.mail_sink import MailSink
from flows.bootstrap import drain_prefect_workers

APP_ENTRY = Path(__file__).resolve().parent / "web" / "main.py"


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def local_prefect_api(settings: Settings) -> str | None:
    """The API of the Prefect server ``govern up`` runs, if it is up."""
    api = f"http://127.0.0.1:{settings.prefect_port}/api"
    return api if _healthy(f"{api}/health") else None


def port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def wait_until_healthy(
    url: str, process: subprocess.Popen, name: str, log: Path, timeout: float = 120
) -> None:
    deadline = time.monotonic() + timeout
    while not _healthy(url):
        if process.poll() is not None:
            raise RuntimeError(f"{name} stopped while starting (exit {process.returncode}); see {log}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{name} was not healthy after {timeout:.0f} s; see {log}")
        time.sleep(0.5)


class Children:
    """Child processes, each logging to a file, all stopped together."""

    def __init__(self, logs: Path) -> None:
        self.logs = logs
        self.processes: list[tuple[str, subprocess.Popen]] = []

    def start(self, name: str, argv: list[str], env: dict[str, str]) -> tuple[subprocess.Popen, Path]:
        log = self.logs / f"{name}.log"
        with log.open("ab") as out:
            process = subprocess.Popen(
                argv, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
        self.processes.append((name, process))
        return process, log

    def stop(self, grace: float = 10) -> None:
        """Stop the children, the last started first (the cycles before the server they report to),
        within ``grace`` seconds between them; any still running then is killed. Each is sent SIGINT,
        as Ctrl-C in its own terminal would: Prefect 3.8's runner, serving the cycles, does not stop
        on SIGTERM (its handler never awaits ``Runner.astop``)."""
        deadline = time.monotonic() + grace
        for _, process in reversed(self.processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGINT)
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def run_platform(settings: Settings) -> int:
    data = settings.data_dir.resolve()
    (data / "logs").mkdir(parents=True, exist_ok=True)
    ports = {"Prefect server": settings.prefect_port, "front end": settings.app_port}
    if settings.email_url is None:
        ports["mail sink"] = settings.mail_sink_port
    busy = [f"{name} port {port}" for name, port in ports.items() if not port_is_free(port)]
    if busy:
        print(
            f"cannot start: {', '.join(busy)} already in use (is the platform already up? set GOVERN_*_PORT)",
            file=sys.stderr,
        )
        return 1
    api = f"http://127.0.0.1:{settings.prefect_port}/api"
    env = {
        **os.environ,
        "PREFECT_HOME": str(settings.prefect_home.resolve()),
        "PREFECT_API_URL": api,
        "DO_NOT_TRACK": "1",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_LOGGING_LEVEL": os.environ.get(
            "PREFECT_LOGGING_LEVEL", "WARNING"
        ),  # as prefect.toml, from any directory
        "GOVERN_DATA_DIR": str(data),
    }
    os.environ.update(
        {
            k: env[k]
            for k in (
                "PREFECT_HOME",
                "PREFECT_API_URL",
                "DO_NOT_TRACK",
                "PREFECT_SERVER_ANALYTICS_ENABLED",
                "PREFECT_LOGGING_LEVEL",
            )
        }
    )
    children = Children(data / "logs")
    stopping = {"now": False}

    def stop(*_: object) -> None:
        stopping["now"] = True

    signal.signal(signal.SIGTERM, stop)
    # Ctrl-C stops the platform even where whatever started this process ignored SIGINT (a shell's
    # background job does; so did a test run after some tests): Python then never raises
    # KeyboardInterrupt. The children, started after this, get the default behaviour back.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    with ExitStack() as stack:
        stack.callback(children.stop)
        stack.callback(
            drain_prefect_workers
        )  # callbacks run last-in first-out: this one before the server stops
        try:
            _start(settings, env, children, stack)
        except (RuntimeError, KeyboardInterrupt) as problem:
            print(f"stopping: {problem}", file=sys.stderr)
            return 1
        try:
            while not stopping["now"]:
                for name, process in children.processes:
                    if process.poll() is not None:
                        print(
                            f"{name} stopped (exit {process.returncode}); see {children.logs / (name + '.log')}",
                            file=sys.stderr,
                        )
                        return 1
                time.sleep(1)
        except KeyboardInterrupt:
            pass
        print("\nstopping the platform …", flush=True)
    print("stopped.", flush=True)
    return 0


def _start(settings: Settings, env: dict[str, str], children: Children, stack: ExitStack) -> None:
    from app.web.identity import FEED_PATH, feed_server
    from flows.bootstrap import engine_for
    from registry.demo.accounts import load_demo_accounts
    from registry.migrate import BackupFailed, BackupRefused, UpgradeFailed, upgrade
    from registry.partnership_file.loader import load_partnership_file, registry_is_empty

    say = lambda text: print(text, flush=True)  # noqa: E731
    try:
        upgrade(settings.registry_url)
    except (UpgradeFailed, BackupFailed, BackupRefused) as error:
        say(str(error))
        raise SystemExit(1) from error
    if registry_is_empty(engine_for(settings.registry_url)):
        say(
            f"registry: loaded the Bradford demo partnership ({load_partnership_file(engine_for(settings.registry_url)).summary()})"
        )
        added = load_demo_accounts(engine_for(settings.registry_url), now=datetime.now(UTC))
        say(f"accounts: {added} demo accounts, each with the password demo-<person key> (for the demo only)")
    feeds = feed_server(engine_for(settings.registry_url), port=settings.feed_port)
    threading.Thread(target=feeds.serve_forever, name="calendar feeds", daemon=True).start()
    stack.callback(feeds.shutdown)
    say(f"calendar feeds: http://{feeds.server_address[0]}:{feeds.server_address[1]}{FEED_PATH}?token=…")
    if settings.email_url is None:
        stack.enter_context(MailSink(settings.mail_sink_dir, settings.mail_sink_port))
        say(
            f"mail sink: smtp://127.0.0.1:{settings.mail_sink_port}, keeping messages in {settings.mail_sink_dir.resolve()}"
        )
    python = sys.executable
    server, log = children.start(
        "prefect-server",
        [
            python,
            "-m",
            "prefect",
            "server",
            "start",
            "--host",
            "127.0.0.1",
            "--port",
            str(settings.prefect_port),
        ],
        env,
    )
    say("prefect: starting the server …")
    wait_until_healthy(f"{env['PREFECT_API_URL']}/health", server, "the Prefect server", log)
    # every cycle served on its schedule from one process; its runs' logs (each run's summary) reach
    # the server, for the Prefect UI and for `govern cycle run`, which triggers these deployments
    flow_logs = {f"PREFECT_LOGGING_LOGGERS_PREFECT_{kind}_RUNS_LEVEL": "INFO" for kind in ("FLOW", "TASK")}
    children.start("flows", [python, "-m", "flows.serve"], {**env, **flow_logs})
    app, log = children.start(
        "app",
        [
            python,
            "-m",
            "streamlit",
            "run",
            str(APP_ENTRY),
            "--server.headless",
            "true",
            "--server.port",
            str(settings.app_port),
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
            "--client.toolbarMode",
            "viewer",
            "--server.maxUploadSize",  # MB; the evidence rule's 10 MB, so the uploader says so too
            "10",
        ],
        env,
    )
    wait_until_healthy(f"http://127.0.0.1:{settings.app_port}/_stcore/health", app, "the front end", log)
    from flows.action_plan_update import action_plan_update
    from flows.calendar import calendar
    from flows.reminders import reminders

    today = (("action-plan update", action_plan_update), ("calendar", calendar), ("reminders", reminders))
    for name, cycle in today:
        try:
            say(cycle().summary())
        except Exception as error:  # the platform stays up so the failure can be looked at in the Prefect UI
            say(f"today's {name} failed: {error!r}; see the Prefect UI and {children.logs}")
    say(
        "\nThe platform is up:\n"
        f"  front end      http://127.0.0.1:{settings.app_port}\n"
        f"  Prefect UI     http://127.0.0.1:{settings.prefect_port}\n"
        f"  mail sink      {'GOVERN_EMAIL_URL' if settings.email_url else settings.mail_sink_dir.resolve()}\n"
        f"  logs           {children.logs}\n"
        "Run a cycle as of another day in a second terminal:  govern cycle run action-plan-update --as-of 2026-01-05\n"
        "Press Ctrl-C to stop."
    )
