"""``govern``: the command line of the platform. Reads the clock and settings here, at the edge."""

import os
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from app.cli import documents as cli_documents
from app.cli import engine as cli_engine
from app.cli import maintenance as cli_maintenance
from app.cli import reports as cli_reports
from app.cli import users as cli_users
from app.cli import workflow as cli_workflow
from app.cli.audit import audit_app
from app.cli.support import AsOf, Partnership, operator, refusals, settings
from app.settings import PlatformSettings as Settings

app = typer.Typer(
    help="Run the governance of a local safeguarding partnership.", no_args_is_help=True, add_completion=False
)
db_app = typer.Typer(help="The registry's database.", no_args_is_help=True)
demo_app = typer.Typer(help="The Bradford demo partnership.", no_args_is_help=True)
cycle_app = typer.Typer(help="Governance cycles (Prefect flows).", no_args_is_help=True)
action_app = typer.Typer(help="Action plans.", no_args_is_help=True)
deadline_app = typer.Typer(help="Returns against recorded deadlines.", no_args_is_help=True)
sub_group_app = typer.Typer(help="Sub-groups' reports to the boards they serve.", no_args_is_help=True)
extension_app = typer.Typer(
    help="Extensions of deadlines, on evidence of justifiable delay.", no_args_is_help=True
)
report_app = typer.Typer(
    help="Reports: review, approval, publication and statutory dispatch.", no_args_is_help=True
)
check_app = typer.Typer(help="Statutory content checks.", no_args_is_help=True)
outbox_app = typer.Typer(help="Notifications waiting to be sent, and sent.", no_args_is_help=True)
mail_app = typer.Typer(help="The local mail sink (demo e-mail).", no_args_is_help=True)
for sub, name in [
    (db_app, "db"),
    (demo_app, "demo"),
    (cycle_app, "cycle"),
    (action_app, "action"),
    (deadline_app, "deadline"),
    (sub_group_app, "sub-group"),
    (extension_app, "extension"),
    (report_app, "report"),
    (check_app, "check"),
    (outbox_app, "outbox"),
    (mail_app, "mail"),
]:
    app.add_typer(sub, name=name)
app.add_typer(audit_app, name="audit")
app.add_typer(cli_users.user_app, name="user")
app.add_typer(cli_users.calendar_app, name="calendar")
for command in (cli_users.login, cli_users.logout, cli_users.whoami):
    app.command(command.__name__)(command)

app.command("rules")(cli_engine.rules)
app.command("deadlines")(cli_engine.deadlines)
app.command("people")(cli_engine.people)
app.command("backup")(cli_maintenance.backup)
app.command("restore")(cli_maintenance.restore)
check_app.command("report")(cli_engine.check_report)
deadline_app.command("submit")(cli_workflow.deadline_submit)
deadline_app.command("accept")(cli_workflow.deadline_accept)
deadline_app.command("return")(cli_workflow.deadline_return)
sub_group_app.command("submit")(cli_workflow.sub_group_submit)
extension_app.command("request")(cli_workflow.extension_request)
extension_app.command("decide")(cli_workflow.extension_decide)
report_app.command("edit")(cli_reports.report_edit)
report_app.command("review")(cli_reports.report_review)
report_app.command("approve")(cli_reports.report_approve)
report_app.command("return")(cli_reports.report_return)
report_app.command("publish")(cli_reports.report_publish)
report_app.command("sent")(cli_reports.report_sent)
report_app.command("build")(cli_documents.report_build)
action_app.command("update")(cli_workflow.action_update)


def prepare_prefect(config: Settings) -> None:
    """Keep Prefect's files in the data directory, quiet and telemetry-free, before prefect is imported."""
    config.prefect_home.mkdir(
        parents=True, exist_ok=True
    )  # the data directory may not exist yet (PostgreSQL)
    os.environ.setdefault("PREFECT_HOME", str(config.prefect_home.resolve()))
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")  # as prefect.toml, from any working directory
    if "PREFECT_API_URL" not in os.environ:
        from app.up import local_prefect_api

        api = local_prefect_api(config)  # the server `govern up` started, if it is running
        if api:
            os.environ["PREFECT_API_URL"] = api


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Create or migrate the registry's tables to the latest version, backing up a populated registry first."""
    cli_maintenance.upgrade_registry()


@demo_app.command("load")
def demo_load(
    file: Annotated[Path | None, typer.Option(help="a partnership file; default the Bradford demo")] = None,
) -> None:
    """Load the demo partnership (idempotent: loading it twice changes nothing)."""
    from flows.bootstrap import engine_for
    from registry.migrate import upgrade
    from registry.partnership_file.file import PartnershipFileError
    from registry.partnership_file.loader import BRADFORD_DEMO, load_partnership_file

    config = settings()
    with cli_maintenance.said_plainly():
        upgrade(config.registry_url)
    try:
        with refusals():  # a load racing another load of the same new partnership is told to retry
            report = load_partnership_file(
                engine_for(config.registry_url), file or BRADFORD_DEMO, loaded_by=operator()
            )
    except PartnershipFileError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from error
    typer.echo(f"{(file or BRADFORD_DEMO).name}: {report.summary()}")
    for change in report.roles_changed():
        typer.echo(f"  {change}")
    if file is None:  # the demo's accounts, password "demo-<person key>" (registry/demo/accounts.py)
        from flows.bootstrap import utc_now
        from registry.demo.accounts import load_demo_accounts

        added = load_demo_accounts(engine_for(config.registry_url), now=utc_now())
        typer.echo(f"demo accounts: {added} added (password: demo-<person key>)")


@cycle_app.command("list")
def cycle_list() -> None:
    """Every scheduled cycle, its schedule (Europe/London) and why."""
    prepare_prefect(settings())
    from flows.schedules import SCHEDULED_CYCLES, TIME_ZONE

    for cycle in SCHEDULED_CYCLES:
        typer.echo(f"{cycle.name:24} {cycle.cron:16} ({TIME_ZONE})  {cycle.why}")


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
    """Run one cycle now, as of a date, and print what it did."""
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
    options = {"as_of": as_of} if "as_of" in accepts else {}
    outcome = flow(**options, partnership=partnership, **({"dry_run": True} if dry_run else {}))
    typer.echo(outcome.summary())
    if outcome.failures:
        raise typer.Exit(1)
    if config.email_url is None:
        typer.echo(
            f"e-mail goes to the local mail sink on 127.0.0.1:{config.mail_sink_port} (see `govern mail list`)"
        )


@outbox_app.command("list")
def outbox_list(partnership: Partnership = None) -> None:
    """The outbox, newest first: who, what, and whether it was sent."""
    from flows.bootstrap import engine_for
    from registry.queries import notifications

    config = settings()
    with refusals():
        outbox = notifications(engine_for(config.registry_url), partnership=partnership or config.partnership)
    for n in outbox:
        error = f"  last error: {n.last_error}" if n.last_error else ""
        typer.echo(f"#{n.id:<4} {n.status.value:8} tries={n.attempts}  {n.address:45} {n.subject}{error}")


@outbox_app.command("send")
def outbox_send(partnership: Partnership = None) -> None:
    """Send every queued notification now, and say why any still queued was not sent."""
    from flows.bootstrap import Platform
    from governance.notifications.use_cases import deliver_queued
    from registry.queries import notifications_not_yet_due

    platform = Platform(settings())
    with refusals():
        run = deliver_queued(uow=platform.uow(partnership), notifier=platform.notifier, clock=platform.clock)
        held = notifications_not_yet_due(
            platform.engine, partnership=partnership or platform.settings.partnership, now=platform.clock()
        )
    typer.echo(run.told(waiting_until=held))
    if run.failed:
        raise typer.Exit(1)


@mail_app.command("list")
def mail_list() -> None:
    """What the local mail sink has received."""
    from flows.adapters.mail_sink import received_mail

    sink = settings().mail_sink_dir
    received = received_mail(sink)
    for mail in received:
        typer.echo(f"{mail.date:32} {mail.to:45} {mail.subject}")
    if not received:
        typer.echo(f"no mail received yet (the local mail sink keeps it in {sink})")


@app.command("up")
def up() -> None:
    """Start the platform on embedded defaults: registry, demo data, mail sink, Prefect server, flows, front end."""
    from app.up import run_platform

    raise typer.Exit(run_platform(settings()))


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


def main() -> None:
    from registry.migrate import RegistryNotReady

    try:
        app()
    except RegistryNotReady as error:  # any command, before it reads a table
        typer.echo(str(error), err=True)
        raise SystemExit(2) from error
