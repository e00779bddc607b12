"""Commands that act: submit returns, decide them, ask for and decide extensions, move reports on.

Each calls the same use case a page would, as a named person (``--by``); the use case decides
whether that person may, so a script meets exactly the refusals the front end shows.
"""

from datetime import date
from typing import Annotated

import typer

from app.cli.support import On, Partnership, acting_person, day_option, refusals, the_platform, today

DutyArg = Annotated[
    str,
    typer.Argument(help="the duty, e.g. sub-group-report, section-11-audit (see `govern deadlines --json`)"),
]
Subject = Annotated[str, typer.Argument(help="what the deadline is about, e.g. section-11/barnardos")]
Period = Annotated[str, typer.Argument(help="which occurrence, e.g. 2026, 2025/26, 2026-11-17, once")]
By = Annotated[
    str | None,
    typer.Option(
        help="who acts: default the signed-in operator (`govern login`); another person only under the "
        "service identity of the flows (`govern people` lists the keys)"
    ),
]
Note = Annotated[str, typer.Option(help="a note kept with the decision")]


def _duty(slug: str):  # -> Duty
    from governance.deadlines.model import Duty

    try:
        return Duty.from_slug(slug)
    except ValueError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from error


def deadline_submit(
    duty: DutyArg,
    subject: Subject,
    period: Period,
    by: By = None,
    on: On = None,
    note: Note = "",
    partnership: Partnership = None,
) -> None:
    """Submit a return against a recorded deadline (the owner, the sub-group's lead or the business unit)."""
    from governance.returns.use_cases import SubmitReturn, submit_return

    platform = the_platform()
    by = acting_person(by, partnership)
    with refusals():
        command = SubmitReturn(
            duty=_duty(duty),
            subject=subject,
            period=period,
            submitted_by=by,
            submitted_on=today(on),
            note=note,
        )
        deadline = submit_return(
            command, uow=platform.uow(partnership), now=platform.clock(), render=platform.renderer
        )
    typer.echo(f"submitted: {deadline.title or deadline.subject}")


def _decide(
    duty: str,
    subject: str,
    period: str,
    by: str | None,
    on: date | None,
    note: str,
    accept: bool,
    partnership: Partnership = None,
) -> None:
    from governance.returns.use_cases import DecideSubmission, decide_submission

    platform = the_platform()
    by = acting_person(by, partnership)
    with refusals():
        command = DecideSubmission(
            duty=_duty(duty),
            subject=subject,
            period=period,
            decided_by=by,
            accept=accept,
            note=note,
            decided_on=today(on),
        )
        state = decide_submission(
            command, uow=platform.uow(partnership), now=platform.clock(), render=platform.renderer
        )
    typer.echo(f"{subject} {period}: {state.value}")


def deadline_accept(
    duty: DutyArg,
    subject: Subject,
    period: Period,
    by: By = None,
    on: On = None,
    note: Note = "",
    partnership: Partnership = None,
) -> None:
    """Accept a submitted return (the business unit, or the board's independent chair)."""
    _decide(duty, subject, period, by, on, note, accept=True, partnership=partnership)


def deadline_return(
    duty: DutyArg,
    subject: Subject,
    period: Period,
    note: Note,
    by: By = None,
    on: On = None,
    partnership: Partnership = None,
) -> None:
    """Return a submission to its owner, saying what must be added or changed."""
    _decide(duty, subject, period, by, on, note, accept=False, partnership=partnership)


def sub_group_submit(
    sub_group: Annotated[str, typer.Argument(help="the sub-group's key, e.g. all-age-exploitation")],
    by: By = None,
    board: Annotated[
        list[str] | None, typer.Option(help="a board it goes to (repeat); default every board it reports to")
    ] = None,
    on: On = None,
    note: Note = "",
    progress: Annotated[str, typer.Option(help="the highlight report: progress since the last report")] = "",
    risks: Annotated[str, typer.Option(help="risks and issues the board should know of")] = "",
    asks: Annotated[str, typer.Option(help="what the sub-group asks the board to do or decide")] = "",
    rag: Annotated[str | None, typer.Option(help="the sub-group's own rating: red, amber or green")] = None,
    partnership: Partnership = None,
) -> None:
    """Submit one sub-group report (its highlight report) for the next meeting of each board it
    serves; it appears in each of those boards' packs."""
    from governance.returns.model import HighlightReport
    from governance.returns.use_cases import SubmitSubGroupReport, submit_sub_group_report

    platform = the_platform()
    by = acting_person(by, partnership)
    with refusals(rag="the rating (--rag)"):
        command = SubmitSubGroupReport(
            sub_group=sub_group,
            submitted_by=by,
            submitted_on=today(on),
            boards=tuple(board or ()),
            note=note,
            highlight=HighlightReport(
                progress=progress, risks_and_issues=risks, asks_of_the_board=asks, rag=rag
            ),
        )
        met = submit_sub_group_report(
            command, uow=platform.uow(partnership), now=platform.clock(), render=platform.renderer
        )
    for deadline in met:
        typer.echo(
            f"submitted: {deadline.title}; in the board pack {deadline.board_key}-pack-{deadline.period}"
        )


def extension_request(
    duty: DutyArg,
    subject: Subject,
    period: Period,
    to: Annotated[date, day_option("the proposed due date")],
    reason: Annotated[str, typer.Option(help="why the deadline cannot be met")],
    evidence: Annotated[str, typer.Option(help="the evidence of justifiable delay")],
    by: By = None,
    on: On = None,
    partnership: Partnership = None,
) -> None:
    """Ask for a later due date, with the reason and the evidence of justifiable delay."""
    from governance.extensions.model import RequestExtension
    from governance.extensions.use_cases import request_extension

    platform = the_platform()
    by = acting_person(by, partnership)
    with refusals():
        command = RequestExtension(
            duty=_duty(duty),
            subject=subject,
            period=period,
            requested_by=by,
            reason=reason,
            evidence=evidence,
            proposed_due_on=to,
            requested_on=today(on),
        )
        number = request_extension(
            command, uow=platform.uow(partnership), now=platform.clock(), render=platform.renderer
        )
    typer.echo(f"extension request {number} recorded; nothing moves until every required role approves")


def extension_decide(
    request: Annotated[int, typer.Argument(help="the request's number")],
    approve: Annotated[bool, typer.Option("--approve/--refuse", help="approve or refuse")],
    by: By = None,
    note: Note = "",
    on: On = None,
    partnership: Partnership = None,
) -> None:
    """Approve or refuse an extension request (a refusal says why)."""
    from governance.extensions.model import DecideExtension
    from governance.extensions.use_cases import decide_extension

    platform = the_platform()
    by = acting_person(by, partnership)
    with refusals():
        command = DecideExtension(
            request_id=request, decided_by=by, approve=approve, note=note, decided_on=today(on)
        )
        decided = decide_extension(
            command, uow=platform.uow(partnership), now=platform.clock(), render=platform.renderer
        )
    waiting = ", ".join(r.value for r in decided.awaiting())
    typer.echo(
        f"extension request {request}: {decided.state.value}"
        + (f"; awaiting {waiting}" if waiting and decided.state.value == "requested" else "")
    )


def action_update(
    reference: Annotated[str, typer.Argument(help="the action's reference, e.g. CSE-2021/R07.1")],
    progress: Annotated[str, typer.Option(help="what has been done, and the evidence")],
    by: Annotated[
        str | None,
        typer.Option(help="who submits (the owner, or the business unit): default the signed-in operator"),
    ] = None,
    on: On = None,
    period: Annotated[
        str | None, typer.Option(help="the month answered, YYYY-MM; default the month of --on")
    ] = None,
    status: Annotated[
        str | None, typer.Option(help="where the action stands: on track, at risk, delayed or complete")
    ] = None,
    rag: Annotated[str | None, typer.Option(help="your rating: red, amber or green")] = None,
    partnership: Partnership = None,
) -> None:
    """Submit an action's monthly update."""
    from flows.bootstrap import london_today
    from governance.action_plans.use_cases import SubmitActionUpdate, submit_action_update

    platform = the_platform()
    by = acting_person(by, partnership)
    with refusals(
        period="the month answered (--period)", status="the status (--status)", rag="the rating (--rag)"
    ):
        command = SubmitActionUpdate(
            reference=reference,
            submitted_by=by,
            progress=progress,
            submitted_on=on or london_today(),
            period=period,
            status=status,
            rag=rag,
        )
        answered = submit_action_update(
            command, uow=platform.uow(partnership), now=platform.clock(), render=platform.renderer
        )
    typer.echo(f"update on {reference} recorded for {answered}")
