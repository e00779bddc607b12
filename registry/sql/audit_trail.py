"""The registry's side of the ``AuditTrail``: one row per change or decision."""

from datetime import datetime
from typing import Any

from sqlmodel import Session

from registry import tables as m


class SqlAuditTrail:
    def __init__(self, session: Session) -> None:
        self._session = session

    def record(self, *, at: datetime, actor: str, event: str, subject: str, details: dict[str, Any]) -> None:
        self._session.add(m.AuditEvent(at=at, actor=actor, event=event, subject=subject, details=details))
