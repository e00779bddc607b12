"""What people hand in and what the platform issues: submissions (a sub-group's highlight report,
one for every board it serves), uploaded evidence, and the rendered files of approved and published
reports, each with its hash. Files are kept in the registry itself, outside anything a web server
serves, and go into every backup with the rows they belong to.

No ``from __future__ import annotations``: SQLModel needs the real types.
"""

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from registry.types import UTCDateTime


class Submission(SQLModel, table=True):
    """One submission and its content; every deadline it meets points at it (``Deadline.submission_id``)."""

    id: int | None = Field(default=None, primary_key=True)
    partnership_id: int = Field(foreign_key="partnership.id", index=True)
    kind: str = Field(max_length=60)
    """What was submitted, in words: "sub-group report", "audit return"."""
    sub_group_id: int | None = Field(default=None, foreign_key="subgroup.id", index=True)
    submitted_by_id: int = Field(foreign_key="person.id")
    submitted_on: date
    content: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)


class Evidence(SQLModel, table=True):
    """An uploaded file supporting an update, a return or an extension request; its type was checked
    from its bytes and its size on upload, and it is served only to those who may see its subject."""

    id: int | None = Field(default=None, primary_key=True)
    partnership_id: int = Field(foreign_key="partnership.id", index=True)
    subject: str = Field(max_length=200, index=True)
    """What it supports, as the audit trail names it: ``action CSE-2021/R07.1 2026-01``."""
    action_update_id: int | None = Field(default=None, foreign_key="actionupdate.id", index=True)
    extension_request_id: int | None = Field(default=None, foreign_key="extensionrequest.id", index=True)
    deadline_id: int | None = Field(default=None, foreign_key="deadline.id", index=True)
    file_name: str = Field(max_length=200)
    media_type: str = Field(max_length=100)
    size: int
    sha256: str = Field(max_length=64)
    content: bytes = Field(sa_type=sa.LargeBinary)
    uploaded_by_id: int = Field(foreign_key="person.id")
    uploaded_at: datetime = Field(sa_type=UTCDateTime)


class ReportFile(SQLModel, table=True):
    """A rendered file of a report version: frozen with the approval that completed it, or issued
    in the public bundle when it was published (the publication log)."""

    __table_args__ = (
        sa.UniqueConstraint(
            "report_id", "version", "audience", "format", "purpose", name="uq_reportfile_one_each"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    report_id: int = Field(foreign_key="report.id", index=True)
    version: str = Field(max_length=64)
    audience: str = Field(max_length=20)
    """``public`` or ``restricted``."""
    format: str = Field(max_length=40)
    """``html``, ``docx``, ``pdf``, or ``accessibility statement``."""
    purpose: str = Field(max_length=20)
    """``approval`` or ``publication``."""
    sha256: str = Field(max_length=64)
    content: bytes = Field(sa_type=sa.LargeBinary)
    made_at: datetime = Field(sa_type=UTCDateTime)
    made_by_id: int | None = Field(default=None, foreign_key="person.id")
