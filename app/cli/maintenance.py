"""Keeping the registry: upgrade it without risk, back it up, restore a backup.

A refusal (a missing path, a file that is not a backup, a backup newer than this code) exits 2 and
a failed upgrade exits 1, each with one sentence saying what happened and where the backup is.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from app.cli.support import settings


@contextmanager
def said_plainly() -> Iterator[None]:
    from registry.migrate import BackupFailed, BackupRefused, UpgradeFailed

    try:
        yield
    except BackupRefused as error:
        typer.echo(_sentence(error), err=True)
        raise typer.Exit(2) from error
    except (UpgradeFailed, BackupFailed) as error:
        typer.echo(_sentence(error), err=True)
        raise typer.Exit(1) from error


def _sentence(error: Exception) -> str:
    text = str(error)
    return text[0].upper() + text[1:] + ("" if text.endswith(".") else ".")


def upgrade_registry() -> None:
    """The body of ``govern db upgrade``: back up a populated registry, then upgrade it all or nothing."""
    from registry.engine import safe_url
    from registry.migrate import current_revision, head_revision, upgrade

    url = settings().registry_url
    with said_plainly():
        saved = upgrade(url)
        revision = current_revision(url)
    kept = f"; the registry as it was is kept at {saved}" if saved else ""
    typer.echo(f"registry at the latest version ({revision or head_revision()}): {safe_url(url)}{kept}")


def backup(
    path: Annotated[
        Path | None,
        typer.Argument(
            help="the file to write, or a folder; default <data dir>/backups/registry-<time>-<revision>"
        ),
    ] = None,
) -> None:
    """Back the registry up (SQLite's online backup, or pg_dump of its schema)."""
    from registry.migrate import back_up

    with said_plainly():
        written = back_up(settings().registry_url, path)
    typer.echo(f"backed up the registry to {written}")


def restore(
    path: Annotated[Path, typer.Argument(help="a backup made by `govern backup` or before an upgrade")],
    yes: Annotated[bool, typer.Option("--yes", help="overwrite the registry without asking")] = False,
) -> None:
    """Overwrite the registry with a backup, then upgrade it if the backup is older."""
    from registry.engine import safe_url
    from registry.migrate import check_restorable, restore

    url = settings().registry_url
    with said_plainly():
        found = check_restorable(url, path)
        if not yes and not typer.confirm(
            f"Overwrite the registry at {safe_url(url)} with {path} (revision {found.revision})?"
        ):
            typer.echo("nothing restored", err=True)
            raise typer.Exit(1)
        restored = restore(url, path)
    upgraded = f", upgraded to {restored.upgraded_to}" if restored.upgraded_to else ""
    kept = f"; what it held before is kept at {restored.replaced}" if restored.replaced else ""
    typer.echo(f"restored {path} (revision {restored.revision}{upgraded}){kept}")
