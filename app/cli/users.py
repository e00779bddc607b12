"""Accounts and the operator: ``govern user …``, ``govern login``, ``logout``, ``whoami`` and
``govern calendar feed …``. Each calls a use case of ``governance.accounts``; the session of the
signed-in operator is kept in the data directory and expires as a page's does."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from app.cli.support import (
    current_operator,
    keep_session,
    refusals,
    runs_as_service_identity,
    session_path,
    settings,
)

user_app = typer.Typer(help="Accounts: each a person on record, by e-mail address.", no_args_is_help=True)
calendar_app = typer.Typer(help="Your calendar of deadlines and meetings.", no_args_is_help=True)
feed_app = typer.Typer(
    help="A subscribable calendar feed, reached by a revocable token.", no_args_is_help=True
)
calendar_app.add_typer(feed_app, name="feed")

Email = Annotated[str, typer.Argument(help="the person's e-mail address, as on record (`govern people`)")]
PasswordStdin = Annotated[
    bool, typer.Option("--password-stdin", help="read the password from standard input (one line)")
]


def _accounts():  # -> registry.sql.accounts.SqlAccounts
    from flows.bootstrap import engine_for
    from registry.sql.accounts import SqlAccounts

    return SqlAccounts(engine_for(settings().registry_url))


def _now():
    from flows.bootstrap import utc_now

    return utc_now()


def _password(from_stdin: bool, *, confirm: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return typer.prompt("Password", hide_input=True, confirmation_prompt=confirm)


def _may_manage(email: str | None = None) -> None:
    """The business unit manages accounts (or the service identity); the very first account needs neither."""
    from governance.accounts.use_cases import check_may_manage_accounts

    if runs_as_service_identity() or not _accounts().everyone():
        return
    with refusals():
        check_may_manage_accounts(current_operator(), email=email)


@user_app.command("add")
def user_add(
    email: Email,
    password_stdin: PasswordStdin = False,
    no_password: Annotated[
        bool,
        typer.Option("--no-password", help="no password: the account signs in through OpenID Connect only"),
    ] = False,
) -> None:
    """Add an account for a person on record in a partnership (asks for the password unless told)."""
    from governance.accounts.use_cases import add_account

    _may_manage()
    password = None if no_password else _password(password_stdin, confirm=True)
    with refusals():
        account = add_account(email, password, accounts=_accounts(), now=_now())
    typer.echo(f"account added: {account.email}" + (" (OpenID Connect only)" if password is None else ""))


@user_app.command("list")
def user_list() -> None:
    """Every account: address, whether it has a password, when it was added, and whether it is disabled."""
    accounts = _accounts().everyone()
    for a in accounts:
        how = "password" if a.password_hash else "OpenID Connect"
        disabled = f"  disabled {a.disabled_at:%d/%m/%Y %H:%M} UTC" if a.disabled_at else ""
        typer.echo(f"{a.email:48} {how:15} added {a.created_at:%d/%m/%Y}{disabled}")
    typer.echo(f"{len(accounts)} accounts")


@user_app.command("disable")
def user_disable(email: Email) -> None:
    """Stop an account signing in; its sessions end at their next use and its calendar feeds stop."""
    from governance.accounts.use_cases import disable_account

    _may_manage()
    with refusals():
        disable_account(email, accounts=_accounts(), now=_now())
    typer.echo(f"account disabled: {email.strip().lower()}")


@user_app.command("password")
def user_password(
    email: Annotated[str | None, typer.Argument(help="whose password; default your own")] = None,
    password_stdin: PasswordStdin = False,
) -> None:
    """Set a new password: your own, or (the business unit) someone else's."""
    from governance.accounts.use_cases import change_password

    if email is None:
        email = current_operator().email
    _may_manage(email)
    password = _password(password_stdin, confirm=True)
    with refusals():
        change_password(email, password, accounts=_accounts())
    typer.echo(f"password changed for {email.strip().lower()}")


def login(email: Email, password_stdin: PasswordStdin = False) -> None:
    """Sign in on this machine: commands then act as you until you log out or the session expires."""
    from governance.accounts.use_cases import sign_in

    password = _password(password_stdin, confirm=False)
    with refusals():
        signed_in = sign_in(email, password, accounts=_accounts(), now=_now())
    keep_session(signed_in)
    typer.echo(f"signed in as {signed_in.email}; the session ends {_until(signed_in)} unless used")


def logout() -> None:
    """End the session on this machine."""
    path = session_path()
    typer.echo("signed out" if path.exists() else "nobody was signed in")
    path.unlink(missing_ok=True)


def whoami() -> None:
    """Who commands act as: the signed-in operator, who they are in each partnership, and until when."""
    if runs_as_service_identity():
        typer.echo("the service identity of the flows: commands act for the person --by names")
        return
    signed_in = current_operator()
    typer.echo(f"{signed_in.email} ({signed_in.method}), session ends {_until(signed_in)} unless used")
    for identity in signed_in.partnerships:
        roles = "; ".join(
            sorted(f"{r.role.value}" + (f" ({r.body_key})" if r.body_key else "") for r in identity.roles)
        )
        typer.echo(
            f"  {identity.partnership_key}: {identity.person_key} ({identity.name}): {roles or 'no role'}"
        )


def _until(signed_in) -> str:  # a London time, as the pages show it
    from governance.dates import LONDON

    return f"{signed_in.expires_at().astimezone(LONDON):%d/%m/%Y %H:%M}"


@feed_app.command("issue")
def feed_issue() -> None:
    """A new feed address for your calendar (shown once; any earlier one stops working)."""
    from governance.accounts.calendar import issue_calendar_feed

    with refusals():
        token = issue_calendar_feed(current_operator().email, accounts=_accounts(), now=_now())
    typer.echo(f"calendar feed token (shown once; keep it private): {token}")
    typer.echo(f"feed address: {feed_address(token)}")


@feed_app.command("revoke")
def feed_revoke() -> None:
    """Stop your calendar feed: its address no longer works."""
    from governance.accounts.calendar import revoke_calendar_feed

    with refusals():
        count = revoke_calendar_feed(current_operator().email, accounts=_accounts(), now=_now())
    typer.echo(f"{count} calendar feed(s) revoked")


@calendar_app.command("show")
def calendar_show(
    file: Annotated[
        Path | None, typer.Option("--file", help="write the ICS file here; default standard output")
    ] = None,
) -> None:
    """Your calendar (your deadlines, your boards' meetings) as iCalendar (ICS), for a calendar program."""
    from flows.bootstrap import Platform
    from governance.accounts.calendar import my_calendar, to_ics

    operator = current_operator()
    platform = Platform(settings())
    with refusals():
        entries = my_calendar(operator.partnerships, unit_of_work=platform.uow)
    ics = to_ics(entries, name=f"Governance calendar of {operator.email}", stamp=_now())
    if file is None:
        typer.echo(ics, nl=False)
    else:
        file.write_bytes(ics.encode("utf-8"))
        typer.echo(f"{len(entries)} entries written to {file}")


def feed_address(token: str) -> str:
    """Where the platform's feed server (``app.web.identity.feed_server``) serves it on this machine."""
    from app.web.identity import feed_address as address

    return address(f"http://127.0.0.1:{settings().feed_port}", token)
