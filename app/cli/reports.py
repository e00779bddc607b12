"""Commands that move reports on: write a section, send for review, approve the version read, return,
publish, record a copy sent. Each calls the use case a page would, as the signed-in operator (``--by`` under the flows' service identity)."""

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from app.cli.support import On, Partnership, acting_person, refusals, the_platform, today
from app.cli.workflow import By

ReportKey = Annotated[str, typer.Argument(help="the report's key")]


@contextmanager
def pdf_needs_pango() -> Iterator[None]:
    """Where the PDF cannot be made (no Pango), one sentence and exit 2, not a traceback."""
    from flows.adapters.documents import PdfUnavailable

    try:
        yield
    except PdfUnavailable as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from error


def _say(status) -> None:  # ReportStatus
    typer.echo(f"{status.title}: {status.state.value} (version {status.version})")
    if status.outstanding_approvals:
        typer.echo("awaiting approval by: " + "; ".join(r.label for r in status.outstanding_approvals))
    if status.outstanding_recipients:
        typer.echo("still to be sent to: " + "; ".join(r.value for r in status.outstanding_recipients))


def report_review(key: ReportKey, by: By = None, partnership: Partnership = None) -> None:
    """Send a draft report for review and approval (the business unit)."""
    from governance.reports.use_cases import send_for_review

    platform = the_platform()
    by = acting_person(by, partnership)
    with refusals():
        _say(
            send_for_review(
                key, by=by, uow=platform.uow(partnership), now=platform.clock(), render=platform.renderer
            )
        )


def report_approve(
    key: ReportKey,
    version: Annotated[str, typer.Option(help="the version you read (from `govern check report`)")],
    by: By = None,
    partnership: Partnership = None,
) -> None:
    """Approve the version of a report you read; refused if it fails a check or has changed since."""
    from flows.adapters.documents.render import DocumentRenderer
    from governance.reports.use_cases import approve_report

    platform = the_platform()
    by = acting_person(by, partnership)
    with refusals(), pdf_needs_pango():
        _say(
            approve_report(
                key,
                approved_by=by,
                version=version,
                uow=platform.uow(partnership),
                now=platform.clock(),
                renderer=DocumentRenderer(),
                render=platform.renderer,
            )
        )


def report_return(
    key: ReportKey,
    note: Annotated[str, typer.Option(help="what must change")],
    by: By = None,
    partnership: Partnership = None,
) -> None:
    """Send a report in review back to draft, saying what must change (an approver, or the business unit)."""
    from governance.reports.use_cases import return_report

    platform = the_platform()
    by = acting_person(by, partnership)
    with refusals():
        _say(
            return_report(
                key,
                by=by,
                note=note,
                uow=platform.uow(partnership),
                now=platform.clock(),
                render=platform.renderer,
            )
        )


def report_publish(
    key: ReportKey,
    on: On = None,
    by: By = None,
    partnership: Partnership = None,
) -> None:
    """Publish an approved report (the business unit): the public bundle (HTML, Word, PDF and the
    accessibility statement) from the approved document, refused unless every file passes the
    accessibility checks."""
    from flows.adapters.documents.accessibility import AccessibilityChecker
    from flows.adapters.documents.render import DocumentRenderer
    from governance.reports.use_cases import publish_report

    platform = the_platform()
    by = acting_person(by, partnership)
    with refusals(), pdf_needs_pango():
        _say(
            publish_report(
                key,
                by=by,
                on=today(on),
                uow=platform.uow(partnership),
                now=platform.clock(),
                renderer=DocumentRenderer(),
                checker=AccessibilityChecker(),
            )
        )


def report_sent(
    key: ReportKey,
    recipient: Annotated[
        str,
        typer.Option(
            help="council-chief-executive, council-leader, local-policing-body, local-healthwatch, health-and-wellbeing-board-chair, national-panel or what-works"
        ),
    ],
    sent_to: Annotated[str, typer.Option(help="who it was addressed to, as sent")],
    on: On = None,
    by: By = None,
    partnership: Partnership = None,
) -> None:
    """Record a copy of a published report sent to a statutory recipient."""
    from governance.reports.model import Recipient
    from governance.reports.use_cases import record_dispatch

    names = {r.name.lower().replace("_", "-"): r for r in Recipient}
    if recipient not in names:
        typer.echo(f"no recipient {recipient!r}; recipients: {', '.join(names)}", err=True)
        raise typer.Exit(2)
    platform = the_platform()
    by = acting_person(by, partnership)
    with refusals():
        _say(
            record_dispatch(
                key,
                by=by,
                recipient=names[recipient],
                sent_to=sent_to,
                sent_on=today(on),
                uow=platform.uow(partnership),
                now=platform.clock(),
            )
        )


def report_edit(
    key: ReportKey,
    section: Annotated[
        str,
        typer.Option(
            help="the section to write, e.g. strategy, or member_contributions/west-yorkshire-police "
            "(a wrong name lists the report's sections)"
        ),
    ],
    file: Annotated[
        Path, typer.Option(help="a UTF-8 text file holding the section's new text; - for standard input")
    ],
    version: Annotated[str, typer.Option(help="the version you opened (from `govern check report`)")],
    by: By = None,
    partnership: Partnership = None,
) -> None:
    """Write one section of a draft report (the business unit). It goes back to draft and needs its
    approvals again; refused if someone changed the report since the version you opened."""
    from governance.reports.use_cases import edit_report_section

    text = _text_of(file)
    platform = the_platform()
    by = acting_person(by, partnership)
    with refusals():
        _say(
            edit_report_section(
                key,
                section=section,
                text=text,
                edited_by=by,
                based_on=version,
                uow=platform.uow(partnership),
                now=platform.clock(),
            )
        )


def _text_of(file: Path) -> str:
    """The file's text, or one sentence saying why it cannot be read."""
    try:
        raw = sys.stdin.buffer.read() if str(file) == "-" else file.read_bytes()
    except OSError as error:
        typer.echo(f"cannot read {file}: {error.strerror or error}", err=True)
        raise typer.Exit(2) from error
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        typer.echo(
            f"{file} is not UTF-8 text (byte {raw[error.start]:#04x} at position {error.start})", err=True
        )
        raise typer.Exit(2) from error


def _say_findings(findings) -> None:
    for finding in findings:
        typer.echo(f"  {'MUST' if finding.blocking else 'SHOULD'}  {finding.message}  [{finding.citation}]")
    blocks = [f for f in findings if f.blocking]
    typer.echo(f"{len(blocks)} finding(s) block approval" if blocks else "no finding blocks approval")
