"""``govern replay``: every cycle for every day of a range, against a copy of the registry.

How a business manager checks a year's configuration before going live: the live registry is
only read (to copy it) and no mail is sent; what would have gone out is captured.
"""

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from app.cli.support import Json, Partnership, day_option, echo_json, refusals, settings


def replay(
    start: Annotated[date, day_option("first day to replay", "--from")],
    end: Annotated[date, day_option("last day to replay", "--to")],
    partnership: Partnership = None,
    keep: Annotated[
        Path | None,
        typer.Option(
            "--keep", help="keep the replayed copy of the registry in this (new) folder, to look at after"
        ),
    ] = None,
    typeset: Annotated[
        bool,
        typer.Option("--typeset", help="typeset each board pack and summary as PDF, as the live run does"),
    ] = False,
    as_json: Json = False,
) -> None:
    """Run every cycle for every day from --from to --to against a copy of the registry, with the mail
    captured: a summary per month and per cycle (deadlines, requests, reminders, escalations,
    dispatches) and what would have gone wrong. The registry is not changed and no mail is sent."""
    if end < start:
        typer.echo("--to is before --from", err=True)
        raise typer.Exit(2)
    from flows.replay import replay as run_replay
    from governance.replay import ReplayReport

    if keep is not None and keep.exists():
        typer.echo(f"{keep} exists already: name a new folder for the copy", err=True)
        raise typer.Exit(2)

    def progress(month: str, report: ReplayReport) -> None:
        typer.echo(report.month_line(month), err=as_json)

    with refusals():
        try:
            done = run_replay(
                settings().registry_url,
                start,
                end,
                partnership=partnership,
                workspace=keep,
                on_month=progress,
                typeset=typeset,
            )
        except LookupError as error:
            typer.echo(str(error), err=True)
            raise typer.Exit(2) from error
    if as_json:
        return echo_json(done.report)
    typer.echo("")
    typer.echo(done.report.summary())
    if keep is not None:
        typer.echo(f"the replayed copy is kept at {done.copy_url}")
