"""``govern audit``: check that the audit trail has not been tampered with, and read it."""

import typer

from app.cli.support import Json, Partnership, echo_json, refusals, the_platform

audit_app = typer.Typer(help="The audit trail: append-only and hash-chained.", no_args_is_help=True)


@audit_app.command("verify")
def verify(partnership: Partnership = None, json: Json = False) -> None:
    """Walk the partnership's hash chain; name the first edited, deleted, inserted or reordered event (exit 1)."""
    from governance.audit.use_cases import verify_audit_trail

    with refusals():
        check = verify_audit_trail(uow=the_platform().uow(partnership))
    if json:
        echo_json(check.model_dump(mode="json") | {"intact": check.intact})
    else:
        typer.echo(check.summary())
    if not check.intact:
        raise typer.Exit(1)
