"""A report as its reader may see it: the rendered document in the page, with its statutory findings,
and downloads in HTML, Word and PDF made only when asked for. Readers entitled to exempt material of
the report's board get the restricted version; everyone else the public one."""

import base64

import streamlit as st

from app.web.acting import Page, attempt
from flows.adapters.documents.render import DocumentRenderer, file_name
from governance.documents.model import Audience
from governance.documents.use_cases import draft_report_document
from governance.permissions import may_see_exempt
from governance.reports.use_cases import ReportStatus

FORMATS = {"html": "HTML", "docx": "Word", "pdf": "PDF"}


def show_findings(status: ReportStatus) -> None:
    if not status.findings:
        st.success("The statutory checks found nothing to put right.", icon=":material/check_circle:")
    for finding in status.findings:
        weight = "Blocks approval" if finding.blocking else "To note"
        st.markdown(f"- **{weight}:** {finding.message} ({finding.citation})")


def show_document(page: Page, status: ReportStatus, board_key: str, *, key: str) -> None:
    """The document in a frame of its own, and its downloads."""
    audience = Audience.RESTRICTED if may_see_exempt(page.visitor.person, board_key) else Audience.PUBLIC
    document = attempt(
        lambda: draft_report_document(status.key, reader=page.visitor.key, audience=audience, uow=page.uow())
    )
    if document is None:
        return
    renderer = DocumentRenderer()
    # A data: address gives the frame an origin of its own: nothing in the document can reach the page.
    html = base64.b64encode(renderer.render(document, "html")).decode("ascii")
    st.iframe(f"data:text/html;charset=utf-8;base64,{html}", height=640, alt=f"The report: {document.title}")
    st.caption(f"{'Restricted' if audience is Audience.RESTRICTED else 'Public'} version {status.version}.")
    for column, (fmt, label) in zip(st.columns(len(FORMATS)), FORMATS.items(), strict=True):
        column.download_button(
            f"Download {label}",
            data=lambda fmt=fmt: renderer.render(document, fmt),
            file_name=file_name(document, fmt),
            key=f"{key}-{fmt}",
            icon=":material/download:",
            on_click="ignore",
        )
