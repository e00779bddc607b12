"""The registry's side of the ``AuditTrail``: append-only, hash-chained per partnership.

Events are kept until the transaction commits, then chained under a lock on the partnership's row
(which holds the head), so two transactions never chain from the same event. Any commit of the
session writes them: a unit of work's, or the partnership-file loader's.
"""

from collections.abc import Iterator
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, select

from governance.audit.model import AuditEvent, as_json, event_hash
from registry import tables as m
from registry.sql.scope import Scope

AUDIT_EVENT = m.AuditEvent.__table__


class SqlAuditTrail:
    def __init__(self, scope: Scope) -> None:
        self._scope = scope
        self._waiting: list[dict[str, Any]] = []
        sa.event.listen(scope.session, "before_commit", self._chain)
        sa.event.listen(scope.session, "after_rollback", self._forget)

    def record(
        self, *, at: datetime, actor: str, event: str, subject: str, details: dict[str, Any], role: str = ""
    ) -> None:
        self._waiting.append(
            {
                "at": at,
                "actor": actor,
                "role": role,
                "event": event,
                "subject": subject,
                "details": as_json(details),
            }
        )

    def _forget(self, _session: Session) -> None:
        self._waiting.clear()

    def _chain(self, session: Session) -> None:
        if not self._waiting:
            return
        partnership_id = self._scope.partnership_id
        self._scope.lock(m.Partnership, partnership_id)
        partnership = session.get(m.Partnership, partnership_id)
        assert partnership is not None
        sequence, head = partnership.audit_sequence, partnership.audit_head
        rows = []
        for values in self._waiting:
            sequence += 1
            digest = event_hash(head, sequence=sequence, **values)
            rows.append(
                {
                    "partnership_id": partnership_id,
                    "sequence": sequence,
                    "previous_hash": head,
                    "hash": digest,
                }
                | values
            )
            head = digest
        session.execute(sa.insert(AUDIT_EVENT), rows)  # one statement, not an ORM object per event
        partnership.audit_sequence, partnership.audit_head = sequence, head
        session.add(partnership)
        self._waiting.clear()

    def head(self) -> tuple[int, str]:
        partnership = self._scope.session.get(m.Partnership, self._scope.partnership_id)
        assert partnership is not None
        return partnership.audit_sequence, partnership.audit_head

    def events(self) -> Iterator[AuditEvent]:
        rows = self._scope.session.exec(
            select(m.AuditEvent)
            .where(m.AuditEvent.partnership_id == self._scope.partnership_id)
            .order_by(m.AuditEvent.sequence, m.AuditEvent.id)
            .execution_options(yield_per=1000)
        )
        for row in rows:
            yield AuditEvent.model_validate(row, from_attributes=True)
