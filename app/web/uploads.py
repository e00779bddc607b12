"""Evidence files from the upload widget to the registry: checked on the server by their bytes and
size before anything is recorded, then kept through ``attach_evidence``."""

from collections.abc import Sequence

import streamlit as st

from app.web.acting import Page, identify, said
from flows.bootstrap import utc_now
from governance.evidence.model import EVIDENCE_TYPES, AttachEvidence, EvidenceFor, check_evidence_file
from governance.evidence.use_cases import attach_evidence, evidence_for, open_evidence
from governance.rules import RuleBroken

ACCEPTED = ", ".join(EVIDENCE_TYPES.values())
EXTENSIONS = ["pdf", "docx", "xlsx", "png", "jpg", "jpeg", "txt", "csv"]


def evidence_uploader(key: str):
    return st.file_uploader(
        "Evidence (optional)",
        type=EXTENSIONS,
        accept_multiple_files=True,
        key=key,
        help=f"Accepted: {ACCEPTED}; at most 10 MB each. The type is checked from the file itself.",
    )


def refused_files(files: Sequence) -> list[str]:
    """Why each file would be refused (type by its bytes, size), before anything is recorded."""
    problems = []
    for f in files or ():
        content = f.getvalue()
        try:
            check_evidence_file(f.name, content, identify(content, f.name))
        except RuleBroken as refusal:
            problems.append(said(refusal))
    return problems


def keep(page: Page, files: Sequence, about: EvidenceFor) -> int:
    """Each file kept as evidence of ``about``; how many were."""
    kept = 0
    for f in files or ():
        command = AttachEvidence(
            about=about, file_name=f.name, content=f.getvalue(), uploaded_by=page.visitor.key
        )
        attach_evidence(command, uow=page.uow(), identify=identify, now=utc_now())
        kept += 1
    return kept


def show_evidence(page: Page, about: EvidenceFor, *, key: str) -> None:
    """The files supporting ``about`` that the visitor may see, each with a download."""
    files = evidence_for(about, reader=page.visitor.key, uow=page.uow())
    for n, f in enumerate(files):
        opened = open_evidence(f.id, reader=page.visitor.key, uow=page.uow())
        st.download_button(
            f"Download {f.file_name} ({f.kind}, {f.size:,} bytes, from {f.uploaded_by_name})",
            data=opened.content or b"",
            file_name=f.file_name,
            mime=f.media_type,
            key=f"{key}-{n}",
            icon=":material/download:",
        )
