"""What every command shares: settings read at the edge, dates typed as DD, and refusals said plainly."""

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Annotated, Any

import typer
from pydantic import BaseModel, ValidationError

from app.settings import PlatformSettings as Settings
from governance.lifecycles import TransitionRefused
from governance.rules import RuleBroken, UnknownRecord

AsOf = Annotated[
    date | None,
    typer.Option(formats=["%Y-%m-%d"], help="run as if today were this date (Europe/London); default today"),
]
On = Annotated[
    date | None, typer.Option(formats=["%Y-%m-%d"], help="the day it happened (YYYY-MM-DD); default today")
]
Json = Annotated[bool, typer.Option("--json", help="machine-readable output")]
Partnership = Annotated[
    str | None,
    typer.Option(
        "--partnership",
        envvar="GOVERN_PARTNERSHIP",
        help="key of the partnership to act for; needed only when the registry holds several",
    ),
]


def settings() -> Settings:
    return Settings()


def the_platform():  # -> flows.bootstrap.Platform (imported here, late: it brings the registry and the notifier)
    from flows.bootstrap import Platform

    return Platform(settings())


def today(on: date | None) -> date:
    """The day given, or today in London."""
    from flows.bootstrap import london_today

    return on or london_today()


@contextmanager
def refusals() -> Iterator[None]:
    """A refused command exits 2 with the reason in the users' words, never a traceback."""
    try:
        yield
    except ValidationError as error:
        typer.echo(
            "; ".join(f"{'.'.join(map(str, e['loc'])) or 'input'}: {e['msg']}" for e in error.errors()),
            err=True,
        )
        raise typer.Exit(2) from error
    except (RuleBroken, UnknownRecord, TransitionRefused) as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from error


def echo_json(value: Any) -> None:
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="json")
    elif isinstance(value, list):
        value = [v.model_dump(mode="json") if isinstance(v, BaseModel) else v for v in value]
    typer.echo(json.dumps(value, indent=2, ensure_ascii=False))
