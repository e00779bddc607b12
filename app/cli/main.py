"""``govern``: the command line of the platform. Reads the clock and settings here, at the edge."""

from pathlib import Path
from typing import Annotated

import typer

from app.cli import documents as cli_documents
from app.cli import engine as cli_engine
from app.cli import maintenance as cli_maintenance
from app.cli import outbox as cli_outbox
from app.cli import replay as cli_replay
from app.cli import reports as cli_reports
from app.cli import users as cli_users
from app.cli import workflow as cli_workflow
from app.cli.audit import audit_app
from app.cli.cycles import cycle_app
from app.cli.support import operator, refusals, settings

app = typer.Typer(
    help="Run the governance of a local safeguarding partnership.", no_args_is_help=True, add_completion=False
)
db_app = typer.Typer(help="The registry's database.", no_args_is_help=True)
demo_app = typer.Typer(help="The Bradford demo partnership.", no_args_is_help=True)
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
app.command("replay")(cli_replay.replay)
for verb in ("list", "send", "confirm", "resend"):
    outbox_app.command(verb)(getattr(cli_outbox, f"outbox_{verb}"))
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


def main() -> None:
    from registry.migrate import RegistryNotReady

    try:
        app()
    except RegistryNotReady as error:  # any command, before it reads a table
        typer.echo(str(error), err=True)
        raise SystemExit(2) from error
