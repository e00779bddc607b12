"""`govern report build`: any document drafted from the registry, written as HTML, Word and/or
tagged PDF. KEY names a report, or a document the registry drafts without one:

- ``<board>-pack-<YYYY-MM-DD>``: the board pack for that meeting of the board;
- ``<plan>-update-<YYYY-MM>``: the monthly update of an action plan;
- ``highlight-<number>``: one sub-group highlight report, as submitted (``govern sub-group submit``
  prints its number)."""

import re
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from app.cli.reports import ReportKey, _say_findings, pdf_needs_pango
from app.cli.support import Partnership, acting_person, refusals, the_platform
from app.cli.workflow import By

FORMATS = ("html", "docx", "pdf", "all")
PACK = re.compile(r"(?P<board>[a-z0-9-]+)-pack-(?P<day>\d{4}-\d{2}-\d{2})")
UPDATE = re.compile(r"(?P<plan>[a-z0-9-]+)-update-(?P<year>\d{4})-(?P<month>\d{2})")
HIGHLIGHT = re.compile(r"highlight-(?P<number>\d+)")


def report_build(
    key: ReportKey,
    format: Annotated[str, typer.Option("--format", help="html, docx, pdf or all")] = "all",
    restricted: Annotated[
        bool,
        typer.Option(
            "--restricted", help="the restricted version, with its exempt parts (for those entitled to them)"
        ),
    ] = False,
    out: Annotated[Path, typer.Option("--out", help="the folder to write the files in")] = Path("."),
    by: By = None,
    partnership: Partnership = None,
) -> None:
    """Build a report (or a board pack, a plan's monthly update, a highlight report) as a document
    drafted from the registry, in HTML, Word and/or tagged PDF; show a report's statutory findings,
    and exit 1 when one blocks the approval it still needs."""
    from flows.adapters.documents import DocumentRenderer, Format, file_name
    from governance.documents.model import Audience
    from governance.lifecycles import ReportState
    from governance.reports.checks import blocking
    from governance.reports.use_cases import check_report

    if format not in FORMATS:
        typer.echo(f"no format {format!r}; formats: {', '.join(FORMATS)}", err=True)
        raise typer.Exit(2)
    formats = list(Format) if format == "all" else [Format(format)]
    audience = Audience.RESTRICTED if restricted else Audience.PUBLIC
    platform = the_platform()
    by = acting_person(by, partnership)
    status = None
    with refusals():
        document = _drafted(key, by, audience, platform.uow(partnership))
        if document is None:
            from governance.documents.use_cases import draft_report_document

            document = draft_report_document(key, reader=by, audience=audience, uow=platform.uow(partnership))
            status = check_report(key, uow=platform.uow(partnership))
    with pdf_needs_pango():
        rendered = _rendered(DocumentRenderer(), document, formats)
    try:
        out.mkdir(parents=True, exist_ok=True)
        for f, data in rendered.items():
            path = out / file_name(document, f)
            path.write_bytes(data)
            typer.echo(str(path))
    except OSError as error:
        typer.echo(f"cannot write to {out}: {error.strerror or error}", err=True)
        raise typer.Exit(2) from error
    if status is None:
        return
    if status.state not in (ReportState.DRAFT, ReportState.IN_REVIEW):
        typer.echo(f"{status.state.value}: the document is the one approved")
        return
    _say_findings(status.findings)
    if blocking(status.findings):
        raise typer.Exit(1)


def _drafted(key: str, reader: str, audience, uow):  # -> Document | None: None for a report's key
    from governance.documents.use_cases import (
        draft_action_plan_update,
        draft_board_pack,
        draft_highlight_report,
    )

    if found := PACK.fullmatch(key):
        day = _day(found["day"], key)
        return draft_board_pack(found["board"], day, reader=reader, audience=audience, uow=uow)
    if found := UPDATE.fullmatch(key):
        month = _day(f"{found['year']}-{found['month']}-01", key)
        return draft_action_plan_update(found["plan"], month, reader=reader, audience=audience, uow=uow)
    if found := HIGHLIGHT.fullmatch(key):
        return draft_highlight_report(int(found["number"]), reader=reader, audience=audience, uow=uow)
    return None


def _day(text: str, key: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        typer.echo(f"{key}: there is no such day as {text}", err=True)
        raise typer.Exit(2) from None


def _rendered(renderer, document, formats) -> dict:
    if len(formats) == 3:
        return renderer.render_all(document)
    return {f: renderer.render(document, f) for f in formats}
