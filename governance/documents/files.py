"""The rendered files of a report version: frozen with the approval that completed it, and issued
in the public bundle when it is published (the publication log). Each carries its SHA-256."""

import hashlib
from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from governance.documents.model import Audience, Document


class Purpose(StrEnum):
    APPROVAL = "approval"
    """Rendered when the last approval was given: the document as approved, kept unchanged."""
    PUBLICATION = "publication"
    """Issued to the public: the public bundle and its accessibility statement."""


class ReportFileOnRecord(BaseModel):
    model_config = ConfigDict(frozen=True)

    report_key: str
    version: str
    """The version approved: the fingerprint of the drafted document the approvers read."""
    audience: Audience
    format: str
    purpose: Purpose
    content: bytes
    made_at: datetime
    made_by: str | None = None
    """The key of the person whose action made it (the last approver, the publisher)."""

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


SOURCE = "document"
"""The format name under which the approved document itself (its JSON) is kept: the one source
every output of the approved version is rendered from."""


def frozen_document(files: list[ReportFileOnRecord]) -> Document | None:
    """The approved document among a version's approval files, if it was kept."""
    source = next((f for f in files if f.format == SOURCE and f.purpose is Purpose.APPROVAL), None)
    return Document.model_validate_json(source.content) if source else None
