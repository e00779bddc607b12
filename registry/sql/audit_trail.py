"""The registry's side of the ``AuditTrail``: one row per change or decision."""

from datetime import datetime
from typing import Any

from registry import tables as m
from registry.sql.scope import Scope


class SqlAuditTrail:
    def __init__(self, scope: Scope) -> None:
        self._scope = scope

    def record(self, *, at: datetime, actor: str, event: str, subject: str, details: dict[str, Any]) -> None:
        self._scope.session.add(
            m.AuditEvent(
                partnership_id=self._scope.partnership_id,
                at=at,
                actor=actor,
                event=event,
                subject=subject,
                details=details,
            )
        )
