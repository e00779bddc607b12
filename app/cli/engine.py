"""Commands for the business manager to check the configuration and what the registry holds: the
rule catalogue, the deadlines the engine produces (or has recorded), the people and their keys, and
the statutory checks on a stored report."""

from datetime import date
from typing import Annotated

import typer

from app.cli.support import Json, Partnership, day_option, echo_json, refusals, settings, today


def rules(
    as_json: Json = False,
    markdown: Annotated[
        bool,
        typer.Option("--markdown", help="as the README's markdown tables (the catalogue, then the settings)"),
    ] = False,
    defaults: Annotated[
        bool, typer.Option("--defaults", help="the platform's defaults, not this registry's settings")
    ] = False,
    partnership: Partnership = None,
) -> None:
    """Every rule the platform applies: its source, its default (this registry's settings), and how binding it is."""
    from governance.catalogue import as_markdown, catalogue, settings_markdown
    from governance.policy import GovernancePolicy

    entries = catalogue(GovernancePolicy() if defaults else _policy(partnership))
    if as_json:
        return echo_json(entries)
    if markdown:
        return typer.echo(as_markdown(entries) + "\n" + settings_markdown(), nl=False)
    for area in dict.fromkeys(e.area for e in entries):
        typer.echo(f"\n{area.upper()}")
        for e in (e for e in entries if e.area == area):
            typer.echo(
                f"  {e.name}\n    {e.rule}\n    default: {e.default} | source: {e.source} | {e.binding}"
            )


def _policy(
    partnership: str | None,
):  # -> GovernancePolicy: the partnership's, or the defaults when none is loaded
    from flows.bootstrap import Platform
    from governance.partnership.use_cases import policy_in_force
    from governance.policy import GovernancePolicy
    from registry.migrate import current_revision, head_revision
    from registry.sql.scope import loaded_partnerships

    platform = Platform(settings())
    url = platform.settings.registry_url
    if current_revision(url) != head_revision() or not loaded_partnerships(platform.engine):
        return GovernancePolicy()
    with refusals():
        return policy_in_force(uow=platform.uow(partnership))


def deadlines(
    start: Annotated[date | None, day_option("first due date", "--from")] = None,
    end: Annotated[date | None, day_option("last due date", "--to")] = None,
    recorded: Annotated[
        bool,
        typer.Option(
            "--recorded",
            help="the deadlines the registry has recorded (all, or those due in --from/--to): state, "
            "original due date, extensions and escalation steps taken",
        ),
    ] = False,
    as_json: Json = False,
    partnership: Partnership = None,
) -> None:
    """Every deadline the obligations produce for the registry, due from --from to --to: board, duty, owner,
    source; with --recorded, the deadlines recorded and how each stands."""
    if start and end and end < start:
        typer.echo("--to is before --from", err=True)
        raise typer.Exit(2)
    if recorded:
        return _recorded(start, end, as_json, partnership)
    if start is None or end is None:
        typer.echo(
            "give --from and --to (or --recorded for the deadlines the registry has recorded)", err=True
        )
        raise typer.Exit(2)
    from flows.bootstrap import Platform
    from governance.deadlines.use_cases import list_deadlines

    try:
        rows = list_deadlines(start, end, uow=Platform(settings()).uow(partnership))
    except LookupError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from error
    if as_json:
        return echo_json(rows)
    for r in rows:
        typer.echo(f"{r.due_on}  {r.board:12.12} {r.duty:40.40} {r.owner:22.22} {r.what}  [{r.source}]")
    typer.echo(f"{len(rows)} deadlines due from {start:%d %B %Y} to {end:%d %B %Y}")


def _recorded(start: date | None, end: date | None, as_json: bool, partnership: str | None) -> None:
    from flows.bootstrap import engine_for
    from governance.dates import spoken
    from registry.queries import recorded_deadlines

    config = settings()
    with refusals():
        rows = recorded_deadlines(
            engine_for(config.registry_url),
            as_of=today(None),
            due_soon_days=config.due_soon_days,
            partnership=partnership or config.partnership,
            start=start,
            end=end,
        )
    if as_json:
        return echo_json(rows)
    for r in rows:
        moved = f" (was {r.original_due_on}, {r.extensions} extension(s))" if r.extensions else ""
        steps = ", ".join(f"{s.step}{' (skipped)' if s.skipped else ''} {s.taken_on}" for s in r.steps)
        typer.echo(
            f"{r.due_on}{moved}  {r.standing.value:9} {r.board:12.12} {r.duty.value:40.40} "
            f"{r.subject} {r.period}" + (f"  steps: {steps}" if steps else "")
        )
    span = f" due from {spoken(start)}" if start else ""
    typer.echo(f"{len(rows)} deadlines recorded{span}" + (f" to {spoken(end)}" if end else ""))


def people(as_json: Json = False, partnership: Partnership = None) -> None:
    """The partnership's people: the key and e-mail address `--by` takes, name and current roles."""
    from flows.bootstrap import engine_for
    from registry.queries import people as people_on_record

    config = settings()
    with refusals():
        rows = people_on_record(
            engine_for(config.registry_url), partnership=partnership or config.partnership, as_of=today(None)
        )
    if as_json:
        return echo_json(rows)
    for p in rows:
        typer.echo(f"{p.key:28} {p.name:28} {p.email:48} {'; '.join(p.roles) or '—'}")
    typer.echo(f"{len(rows)} people")


def check_report(
    key: Annotated[str, typer.Argument(help="the report's key, e.g. bsab-annual-report-2025-26")],
    as_json: Json = False,
    partnership: Partnership = None,
) -> None:
    """Run the statutory content checks on a stored report; exit 1 when a finding blocks approval."""
    from flows.bootstrap import Platform
    from governance.reports.checks import blocking
    from governance.reports.use_cases import check_report as check

    with refusals():
        status = check(key, uow=Platform(settings()).uow(partnership))
    blocks = blocking(status.findings)
    if as_json:
        echo_json(
            {
                "report": key,
                "kind": status.kind.value,
                "state": status.state.value,
                "version": status.version,
                "findings": [f.model_dump(mode="json") for f in status.findings],
                "outstanding_approvals": [r.label for r in status.outstanding_approvals],
                "outstanding_recipients": [r.value for r in status.outstanding_recipients],
            }
        )
    else:
        typer.echo(f"{status.title} ({status.kind.value}, {status.state.value}, version {status.version})")
        for finding in status.findings:
            typer.echo(
                f"  {'MUST' if finding.blocking else 'SHOULD'}  {finding.message}  [{finding.citation}]"
            )
        typer.echo(f"{len(blocks)} finding(s) block approval" if blocks else "no finding blocks approval")
        if status.outstanding_approvals:
            typer.echo("awaiting approval by: " + "; ".join(r.label for r in status.outstanding_approvals))
    if blocks:
        raise typer.Exit(1)
