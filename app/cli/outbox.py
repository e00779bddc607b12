"""``govern outbox``: what is queued and what became of it; send what is due; and the business
manager's decision on a message whose delivery is uncertain, or a dead one (confirm or resend)."""

from typing import Annotated

import typer

from app.cli.support import Partnership, acting_person, refusals, the_platform
from governance.dates import LONDON

MessageNumbers = Annotated[
    list[int], typer.Argument(help="the messages' numbers (`govern outbox list --stuck` shows them)")
]
By = Annotated[
    str | None,
    typer.Option(help="who decides (the business unit): default the signed-in operator"),
]


def outbox_list(
    partnership: Partnership = None,
    stuck: Annotated[
        bool, typer.Option("--stuck", help="only what needs a decision: dead, uncertain, stale")
    ] = False,
) -> None:
    """The outbox, newest first: who, what, and what became of it; a claim past its lease shows as
    "sending (stale since …)", a dead or uncertain message with its reason."""
    from governance.notifications.use_cases import outbox_entries

    platform = the_platform()
    with refusals():
        entries = outbox_entries(uow=platform.uow(partnership), now=platform.clock(), stuck_only=stuck)
    for e in entries:
        reason = f"\n      {e.reason}" if e.reason and not e.status.startswith("sent") else ""
        typer.echo(f"#{e.id:<5} {e.status:12} tries={e.attempts}  {e.address:45} {e.subject}{reason}")
    if not entries:
        typer.echo("nothing needs a decision" if stuck else "the outbox is empty")


def outbox_send(partnership: Partnership = None) -> None:
    """Send every notification that is due now, and say what was found: sent, failed (with the
    reason, tried again after a back-off), dead, uncertain, stale, and what waits until later."""
    from governance.notifications.use_cases import deliver_queued
    from registry.queries import failed_waiting_for_retry, notifications_not_yet_due

    platform = the_platform()
    with refusals():
        run = deliver_queued(uow=platform.uow(partnership), notifier=platform.notifier, clock=platform.clock)
        chosen = partnership or platform.settings.partnership
        held = notifications_not_yet_due(platform.engine, partnership=chosen, now=platform.clock())
        retrying = failed_waiting_for_retry(platform.engine, partnership=chosen, now=platform.clock())
    typer.echo(run.told(waiting_until=held))
    if retrying:
        first = min(at for _, _, at, _ in retrying).astimezone(LONDON)
        typer.echo(
            f"{len(retrying)} failed earlier and wait for their next try, the first at {first:%H:%M} "
            f"(Europe/London); `govern outbox resend N` sends one now:"
        )
        for number, address, at, error in retrying:
            typer.echo(f"  #{number} {address}: next try {at.astimezone(LONDON):%H:%M}: {error}")
    if run.problems or retrying:
        raise typer.Exit(1)


def outbox_confirm(messages: MessageNumbers, by: By = None, partnership: Partnership = None) -> None:
    """Confirm that uncertain (or dead) messages did arrive: each is marked sent, never resent."""
    _decide(messages, resend=False, by=by, partnership=partnership)


def outbox_resend(messages: MessageNumbers, by: By = None, partnership: Partnership = None) -> None:
    """Queue uncertain or dead messages again; each keeps its Message-ID, so a copy that did arrive
    is recognisable as the same message."""
    _decide(messages, resend=True, by=by, partnership=partnership)


def _decide(numbers: list[int], *, resend: bool, by: str | None, partnership: str | None) -> None:
    from governance.notifications.use_cases import decide_undelivered

    platform = the_platform()
    who = acting_person(by, partnership)
    done = "queued again (same Message-ID); `govern outbox send` sends it" if resend else "marked sent"
    for number in numbers:
        with refusals():
            message = decide_undelivered(
                number, resend=resend, by=who, uow=platform.uow(partnership), now=platform.clock()
            )
        typer.echo(f"#{number} to {message.address} ({message.subject}): {done}")
