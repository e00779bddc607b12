"""What every command shares: settings read at the edge, dates typed as the pages write them
(DD/MM/YYYY) or as ISO, and refusals said plainly."""

import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import BaseModel, ValidationError

from app.settings import PlatformSettings as Settings
from governance.lifecycles import TransitionRefused
from governance.rules import RuleBroken, UnknownRecord
from registry.migrate import RegistryNotReady

DATE_FORMS = (
    re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"),
    re.compile(r"(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})"),
)
"""ISO, as scripts write dates, and DD/MM/YYYY, as the pages show them."""


def parse_day(text: str | date) -> date:
    """A date written 2026-12-02 or 02/12/2026, within the partnership's years; else a plain refusal."""
    from governance.values import check_day

    if isinstance(text, date):
        return text
    shown = text if len(text) <= 40 else text[:37] + "…"
    found = next((m for form in DATE_FORMS if (m := form.fullmatch(text.strip()))), None)
    try:
        if found is None:
            raise ValueError(f"write the date as DD/MM/YYYY or YYYY-MM-DD, e.g. 02/12/2026 (given {shown!r})")
        try:
            day = date(int(found["year"]), int(found["month"]), int(found["day"]))
        except ValueError:
            raise ValueError(f"there is no such day as {shown!r}") from None
        return check_day(day)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None


def day_option(help: str, *names: str) -> Any:
    """A date option: DD/MM/YYYY or YYYY-MM-DD."""
    return typer.Option(*names, parser=parse_day, metavar="DATE", help=f"{help} (DD/MM/YYYY or YYYY-MM-DD)")


AsOf = Annotated[date | None, day_option("run as if today were this date (Europe/London); default today")]
On = Annotated[date | None, day_option("the day it happened; default today")]
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


FIELD_WORDS = {
    "progress": "progress (--progress)",
    "reason": "the reason (--reason)",
    "evidence": "the evidence (--evidence)",
    "note": "the note (--note)",
    "proposed_due_on": "the proposed due date (--to)",
    "submitted_on": "the day (--on)",
    "requested_on": "the day (--on)",
    "decided_on": "the day (--on)",
    "submitted_by": "the person acting (--by)",
    "requested_by": "the person acting (--by)",
    "decided_by": "the person acting (--by)",
    "request_id": "the request's number",
    "reference": "the action's reference",
    "subject": "the subject",
    "period": "the period",
    "sub_group": "the sub-group",
    "boards": "a board (--board)",
}
"""The commands' fields, as the command line's users know them."""


def said_plainly(error: ValidationError, words: dict[str, str]) -> str:
    """Each refused value: the field in the users' words, then the rule's message (not pydantic's)."""

    def one(e: Any) -> str:
        field = str(e["loc"][0]) if e["loc"] else ""
        label = words.get(field) or FIELD_WORDS.get(field) or field.replace("_", " ") or "input"
        cause = e.get("ctx", {}).get("error") if e["type"] == "value_error" else None
        return f"{label}: {cause if cause is not None else e['msg']}"

    return "; ".join(dict.fromkeys(one(e) for e in error.errors()))


@contextmanager
def refusals(**words: str) -> Iterator[None]:
    """A refused command exits 2 with the reason in the users' words, never a traceback. ``words``
    names a command's fields where they differ from ``FIELD_WORDS``."""
    try:
        yield
    except ValidationError as error:
        typer.echo(said_plainly(error, words), err=True)
        raise typer.Exit(2) from error
    except (RuleBroken, UnknownRecord, TransitionRefused, RegistryNotReady) as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from error


def echo_json(value: Any) -> None:
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="json")
    elif isinstance(value, list):
        value = [v.model_dump(mode="json") if isinstance(v, BaseModel) else v for v in value]
    typer.echo(json.dumps(value, indent=2, ensure_ascii=False))


SERVICE_IDENTITY = "flows"
"""``GOVERN_SERVICE_IDENTITY=flows``: the process acts as the platform's scheduled runs do, for the
business unit, naming with ``--by`` the person on whose behalf each command acts (that person's
permissions apply). Honoured only for the operating-system user that owns the data directory (the
one the platform runs as); any other value is refused."""

SESSION_FILE = "operator-session.json"
"""The signed-in operator's session, in the data directory (readable by its owner only)."""


def session_path() -> Path:
    return settings().data_dir / SESSION_FILE


def runs_as_service_identity() -> bool:
    value = os.environ.get("GOVERN_SERVICE_IDENTITY", "")
    if not value:
        return False
    data_dir = settings().data_dir
    if value != SERVICE_IDENTITY:
        typer.echo(f"GOVERN_SERVICE_IDENTITY must be {SERVICE_IDENTITY!r} (given {value[:40]!r})", err=True)
        raise typer.Exit(2)
    if data_dir.exists() and data_dir.stat().st_uid != os.getuid():
        typer.echo(
            f"The service identity is only for the owner of {data_dir}; sign in with `govern login`", err=True
        )
        raise typer.Exit(2)
    return True


def current_operator(*, required: bool = True):  # -> governance.accounts.model.SignedIn | None
    """The signed-in operator's session, checked now (expiry, a disabled account, roles read
    again) and kept; None (or, when ``required``, a refusal saying to sign in) without one."""
    from flows.bootstrap import engine_for, utc_now
    from governance.accounts.model import SessionExpired, SignedIn
    from governance.accounts.use_cases import check_session
    from registry.sql.accounts import SqlAccounts

    path = session_path()
    signed_in = None
    if path.exists():
        try:
            signed_in = SignedIn.model_validate_json(path.read_text(encoding="utf-8"))
            signed_in = check_session(
                signed_in, utc_now(), accounts=SqlAccounts(engine_for(settings().registry_url))
            )
            keep_session(signed_in)
        except (SessionExpired, ValidationError) as error:
            path.unlink(missing_ok=True)
            if required:
                typer.echo(
                    f"{error}"
                    if isinstance(error, SessionExpired)
                    else "The session kept was unreadable; sign in again",
                    err=True,
                )
                raise typer.Exit(2) from error
            return None
    if signed_in is None and required:
        typer.echo(
            "Sign in first: `govern login EMAIL` (or run as the service identity of the flows, see README)",
            err=True,
        )
        raise typer.Exit(2)
    return signed_in


def keep_session(signed_in: Any) -> None:
    path = session_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600, exist_ok=True)
    path.chmod(0o600)
    path.write_text(signed_in.model_dump_json(), encoding="utf-8")


def acting_person(by: str | None, partnership: str | None = None) -> str:
    """Who a command acts as (for ``--by``): the signed-in operator, in ``partnership`` (else the
    configured one, else the only one they serve); ``--by`` may only name the operator. Under the
    service identity of the flows, the person ``--by`` names (and ``--by`` is then needed)."""
    from governance.accounts.use_cases import acting_person as acting

    if runs_as_service_identity():
        if by is None:
            typer.echo("The service identity acts on someone's behalf: name them with --by", err=True)
            raise typer.Exit(2)
        return by
    operator = current_operator()
    with refusals():
        return acting(operator, by=by, partnership_key=partnership or settings().partnership)


def operator() -> str:
    """Who runs a command, for the audit trail: the signed-in operator, the service identity, or the
    operating-system user."""
    import getpass

    if os.environ.get("GOVERN_SERVICE_IDENTITY") == SERVICE_IDENTITY:
        return f"service identity ({SERVICE_IDENTITY})"
    signed_in = current_operator(required=False)
    if signed_in is not None:
        return signed_in.email
    try:
        return f"command line ({getpass.getuser()})"
    except (KeyError, OSError):
        return "command line"
