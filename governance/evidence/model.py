"""Evidence: a file someone uploads to support a monthly update, a return or an extension request.

Its type is what its bytes say (identified outside the domain, by the caller's ``identify``), never
what its name or the browser claims; it is kept in the registry and shown only to those concerned
with what it supports.
"""

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from governance.rules import Rule, refuse_unless
from governance.sources import local_policy
from governance.values import Key, RecordNumber

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
"""10 MB: a scanned letter or a spreadsheet of figures; anything larger belongs in the agency's own system."""

EVIDENCE_TYPES = {
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel workbook",
    "image/png": "PNG image",
    "image/jpeg": "JPEG image",
    "text/plain": "plain text",
    "text/csv": "CSV table",
}
"""The kinds of file accepted as evidence, by media type, named as users know them."""

EVIDENCE_IS_OF_AN_ACCEPTED_TYPE = Rule(
    name="evidence is a PDF, Word, Excel, PNG, JPEG, plain text or CSV file",
    message="Evidence must be a PDF, Word document, Excel workbook, PNG or JPEG image, plain text or CSV file",
    source=local_policy(),
)
EVIDENCE_IS_AT_MOST_10_MB = Rule(
    name="evidence is at most 10 MB",
    message="Evidence must be at most 10 MB",
    source=local_policy(),
)
EVIDENCE_IS_NOT_EMPTY = Rule(
    name="evidence is not an empty file",
    message="The evidence file is empty",
    source=local_policy(),
)
ONLY_THOSE_CONCERNED_ADD_EVIDENCE = Rule(
    name="only those who may submit or request add evidence to it",
    message="Only those who may submit the update, return or request may add evidence to it",
    source=local_policy(),
)
ONLY_THOSE_CONCERNED_SEE_EVIDENCE = Rule(
    name="evidence is shown only to those concerned with what it supports",
    message="This evidence is shown only to those concerned with what it supports",
    source=local_policy(),
)
RULES = (
    EVIDENCE_IS_OF_AN_ACCEPTED_TYPE,
    EVIDENCE_IS_AT_MOST_10_MB,
    EVIDENCE_IS_NOT_EMPTY,
    ONLY_THOSE_CONCERNED_ADD_EVIDENCE,
    ONLY_THOSE_CONCERNED_SEE_EVIDENCE,
)


class Supports(StrEnum):
    ACTION_UPDATE = "action update"
    RETURN = "return"
    EXTENSION_REQUEST = "extension request"


class EvidenceFor(BaseModel):
    """What a file supports: an action's update for a month, a return against a deadline, or an
    extension request."""

    model_config = ConfigDict(frozen=True)

    supports: Supports
    reference: Key = ""
    """The action's reference (an update)."""
    period: Key = ""
    """The month (an update) or the deadline's period (a return)."""
    deadline_key: tuple[Key, Key, Key] | None = None
    """The deadline a return meets."""
    request_id: RecordNumber | None = None

    @property
    def subject(self) -> str:
        """As the audit trail names it: ``action CSE-2021/R07.1 2026-01``."""
        match self.supports:
            case Supports.ACTION_UPDATE:
                return f"action {self.reference} {self.period}"
            case Supports.RETURN:
                return "deadline " + " ".join(self.deadline_key or ())
            case Supports.EXTENSION_REQUEST:
                return f"extension request {self.request_id}"


class AttachEvidence(BaseModel):
    model_config = ConfigDict(frozen=True)

    about: EvidenceFor
    file_name: str = Field(max_length=200)
    content: bytes
    uploaded_by: Key


class EvidenceOnRecord(BaseModel):
    """A kept file's particulars; ``content`` only when it is opened."""

    model_config = ConfigDict(frozen=True)

    id: int
    about: EvidenceFor
    file_name: str
    media_type: str
    size: int
    sha256: str
    uploaded_by: str
    uploaded_by_name: str = ""
    uploaded_at: datetime
    content: bytes | None = None

    @property
    def kind(self) -> str:
        return EVIDENCE_TYPES.get(self.media_type, self.media_type)


def check_evidence_file(file_name: str, content: bytes, media_type: str | None) -> str:
    """The media type, when the file is not empty, at most 10 MB and of an accepted type; else the refusal."""
    refuse_unless(bool(content), EVIDENCE_IS_NOT_EMPTY, safe_file_name(file_name))
    size = len(content)
    refuse_unless(
        size <= MAX_EVIDENCE_BYTES,
        EVIDENCE_IS_AT_MOST_10_MB,
        f"{safe_file_name(file_name)} is {size:,} bytes",
    )
    refuse_unless(media_type in EVIDENCE_TYPES, EVIDENCE_IS_OF_AN_ACCEPTED_TYPE, safe_file_name(file_name))
    assert media_type is not None
    return media_type


def safe_file_name(name: str) -> str:
    """The name without folders or characters a file system or a header would trip on."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip() or "evidence"
    kept = "".join(c if c.isalnum() or c in " ._-()" else "_" for c in base)
    return kept[:200]
