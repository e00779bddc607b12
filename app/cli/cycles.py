"""``govern cycle list`` and ``govern cycle run``: the scheduled cycles, and one of them run once.

A run goes to the deployment ``govern up`` serves when its Prefect server is up (the run appears
under its deployment in the Prefect UI, and its logs print here). Otherwise it runs in this
process against Prefect's temporary server, and says how long that server took to start.
"""

import asyncio
import os
import sys
import time
from datetime import date, datetime
from typing import Annotated, Any

import typer

from app.cli import maintenance as cli_maintenance
from app.cli.support import AsOf, Partnership, settings
from app.settings import PlatformSettings as Settings

cycle_app = typer.Typer(help="Governance cycles (Prefect flows).", no_args_is_help=True)
NOT_PICKED_UP_SECONDS = 120  # a served deployment's runner polls every 10 s; two minutes is lost


def prepare_prefect(config: Settings) -> None:
    """Keep Prefect's files in the data directory, quiet and telemetry-free, before prefect is imported."""
    config.prefect_home.mkdir(parents=True, exist_ok=True)  # the data directory may not exist yet
    os.environ.setdefault("PREFECT_HOME", str(config.prefect_home.resolve()))
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")  # as prefect.toml, from any working directory
    if "PREFECT_API_URL" not in os.environ:
        from app.up import local_prefect_api

        api = local_prefect_api(config)  # the server `govern up` started, if it is running
        if api:
            os.environ["PREFECT_API_URL"] = api


def next_run(cron: str, after: datetime, time_zone: str) -> datetime:
    """When a cycle next runs after ``after``, in its time zone (the way Prefect's scheduler reads it)."""
    from prefect.server.schemas.schedules import CronSchedule

    dates = asyncio.run(CronSchedule(cron=cron, timezone=time_zone).get_dates(n=1, start=after))
    return dates[0]


@cycle_app.command("list")
def cycle_list() -> None:
    """Every scheduled cycle with its next run (Europe/London), its schedule and why it runs."""
    prepare_prefect(settings())
    from flows.bootstrap import utc_now
    from flows.schedules import SCHEDULED_CYCLES, TIME_ZONE

    now = utc_now()
    typer.echo(f"{'cycle':24} {'next run (' + TIME_ZONE + ')':26} {'cron':18} why")
    for cycle in SCHEDULED_CYCLES:
        when = next_run(cycle.cron, now, TIME_ZONE)
        typer.echo(f"{cycle.name:24} {when:%a %d %b %Y %H:%M}{'':6} {cycle.cron:18} {cycle.why}")


@cycle_app.command("run")
def cycle_run(
    name: Annotated[str, typer.Argument(help="a cycle from `govern cycle list`")],
    as_of: AsOf = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="say what would happen; record and send nothing")
    ] = False,
    yes: Annotated[
        bool,
        typer.Option(
            "--yes", help="run as of another day than today without asking (it records and sends for real)"
        ),
    ] = False,
    partnership: Partnership = None,
) -> None:
    """Run one cycle now, as of a date, and print what it did: on the server `govern up` runs, if it is up."""
    if as_of is not None and not dry_run and not yes:
        _confirm_the_past(as_of)
    config = settings()
    prepare_prefect(config)
    from flows.schedules import CYCLES

    if name not in CYCLES:
        typer.echo(f"no cycle called {name!r}; known cycles: {', '.join(CYCLES)}", err=True)
        raise typer.Exit(2)
    from registry.migrate import upgrade

    with cli_maintenance.said_plainly():
        upgrade(config.registry_url)
    flow = CYCLES[name].flow
    accepts = flow.parameters.properties
    if dry_run and "dry_run" not in accepts:
        typer.echo(f"{name} has no dry run", err=True)
        raise typer.Exit(2)
    if partnership is not None:
        _known_partnership(config, partnership)
    parameters: dict[str, Any] = {"partnership": partnership}
    if "as_of" in accepts:
        parameters["as_of"] = as_of
    if dry_run:
        parameters["dry_run"] = True
    deployment = served_deployment(f"{flow.name}/{name}")
    succeeded = (
        run_on_the_server(deployment, parameters, name) if deployment else run_here(flow, parameters, name)
    )
    if not succeeded:
        raise typer.Exit(1)
    if config.email_url is None:
        typer.echo(
            f"e-mail goes to the local mail sink on 127.0.0.1:{config.mail_sink_port} (see `govern mail list`)"
        )


def served_deployment(name: str) -> Any | None:
    """The deployment ``name`` on the configured Prefect server, if something serves it (its
    runner or a worker polled lately); None without a server, or where nothing would pick it up."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.objects import DeploymentStatus
    from prefect.exceptions import ObjectNotFound
    from prefect.settings import PREFECT_API_URL

    if not PREFECT_API_URL.value():
        return None
    try:
        with get_client(sync_client=True) as client:
            deployment = client.read_deployment_by_name(name)
    except (ObjectNotFound, OSError):
        return None
    except Exception:  # a server that cannot answer is no server to run on
        return None
    return deployment if deployment.status == DeploymentStatus.READY else None


def run_on_the_server(deployment: Any, parameters: dict[str, Any], name: str) -> bool:
    """Trigger the served deployment, print its logs as they come, and wait for it to finish."""
    from prefect.client.orchestration import get_client
    from prefect.deployments import run_deployment
    from prefect.settings import PREFECT_API_URL

    from flows.run_summary import run_tags

    api = PREFECT_API_URL.value()
    flow_run = run_deployment(
        deployment.id,
        parameters=parameters,
        timeout=0,
        as_subflow=False,
        tags=run_tags(name, parameters.get("partnership")),
    )
    ui = api.removesuffix("/api")
    typer.echo(f"running on the platform's Prefect server: {ui}/runs/flow-run/{flow_run.id}")
    with get_client(sync_client=True) as client:
        return _follow(client, flow_run.id)


def _follow(client: Any, flow_run_id: Any) -> bool:
    """Print the run's logs until it ends; True if it completed and logged no error."""
    import logging

    from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId
    from prefect.client.schemas.sorting import LogSort

    seen: set = set()
    errors, waited, ended = 0, time.monotonic(), None
    only_this_run = LogFilter(flow_run_id=LogFilterFlowRunId(any_=[flow_run_id]))
    while True:
        flow_run = client.read_flow_run(flow_run_id)
        logs = [  # logs may arrive a little out of order: look back, print each once
            log
            for log in client.read_logs(
                log_filter=only_this_run, sort=LogSort.TIMESTAMP_ASC, offset=max(0, len(seen) - 50)
            )
            if log.id not in seen
        ]
        for log in logs:
            seen.add(log.id)
            errors += log.level >= logging.ERROR
            level = "" if log.level < logging.WARNING else f"{logging.getLevelName(log.level)}: "
            typer.echo(f"{level}{log.message}")
        state = flow_run.state
        if state is not None and state.is_final():
            ended = ended or time.monotonic()
            if not logs and time.monotonic() - ended > 3:  # the run's last logs arrive just after it ends
                break
        if state is not None and state.is_scheduled() and time.monotonic() - waited > NOT_PICKED_UP_SECONDS:
            typer.echo(
                f"nothing picked the run up within {NOT_PICKED_UP_SECONDS} s: is `govern up` (or a worker) "
                "still running? The run stays scheduled and runs when it is.",
                err=True,
            )
            return False
        time.sleep(1)
    if not state.is_completed():
        typer.echo(f"the run ended {state.name}: {state.message or 'see the Prefect UI'}", err=True)
    return state.is_completed() and not errors


def run_here(flow: Any, parameters: dict[str, Any], name: str) -> bool:
    """Run the flow in this process; start Prefect's temporary server first where none is configured,
    and say how long it took (most of a one-off run's time)."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    if PREFECT_API_URL.value():
        outcome = flow(**parameters)
        typer.echo(outcome.summary())
        return not outcome.failures
    from prefect.server.api.server import SubprocessASGIServer

    typer.echo(
        "No Prefect server is running (`govern up` starts one): starting Prefect's temporary server …",
        err=True,
    )
    started = time.monotonic()
    server = SubprocessASGIServer()
    server.start(timeout=90)
    took = time.monotonic() - started
    try:
        with temporary_settings({PREFECT_API_URL: server.api_url}):
            ran = time.monotonic()
            outcome = flow(**parameters)
            ran = time.monotonic() - ran
    finally:
        from flows.bootstrap import drain_prefect_workers

        drain_prefect_workers()
        server.stop()
    typer.echo(outcome.summary())
    typer.echo(
        f"Prefect's temporary server took {took:.1f} s to start, the {name} run {ran:.1f} s; "
        "with `govern up` running, runs start on its server at once.",
        err=True,
    )
    return not outcome.failures


def _confirm_the_past(as_of: date) -> None:
    """A run as of another day than today records deadlines and sends real mail as if it were that
    day: ask first, or refuse without a terminal."""
    from flows.bootstrap import london_today
    from governance.dates import spoken

    today = london_today()
    if as_of == today:
        return
    when = "in the past" if as_of < today else "in the future"
    warning = (
        f"--as-of {spoken(as_of)} is {when}: the run records deadlines and sends real messages "
        "as if it were that day"
    )
    if not _at_a_terminal():
        typer.echo(f"{warning}. Add --dry-run to see what it would do, or --yes to do it.", err=True)
        raise typer.Exit(2)
    typer.confirm(f"{warning}. Run it?", abort=True)


def _at_a_terminal() -> bool:
    return sys.stdin.isatty()


def _known_partnership(config: Settings, key: str) -> None:
    from flows.bootstrap import engine_for
    from registry.sql.scope import loaded_partnerships

    known = loaded_partnerships(engine_for(config.registry_url))
    if key not in known:
        typer.echo(f"No partnership {key!r} in the registry (loaded: {', '.join(known) or 'none'})", err=True)
        raise typer.Exit(2)
