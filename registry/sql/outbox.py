"""The registry's side of the ``Outbox``: queued once by key, claimed by one sender, marked sent or failed."""

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import col, select

from governance.notifications.model import OutboxMessage, QueuedMessage
from registry import tables as m
from registry.sql.scope import Scope

RETRYABLE = (m.NotificationStatus.QUEUED, m.NotificationStatus.FAILED)


class SqlOutbox:
    def __init__(self, scope: Scope) -> None:
        self._scope = scope
        self._session = scope.session

    def _mine(self) -> Any:
        return m.Notification.partnership_id == self._scope.partnership_id

    def enqueue(self, message: OutboxMessage, *, at: datetime) -> bool:
        if self._session.exec(
            select(m.Notification.id).where(self._mine(), m.Notification.key == message.key)
        ).first():
            return False
        self._session.add(
            m.Notification(
                **message.model_dump(exclude={"recipient_key"}),
                partnership_id=self._scope.partnership_id,
                recipient_id=self._scope.id_of(m.Person, message.recipient_key),
                status=m.NotificationStatus.QUEUED,
                queued_at=at,
            )
        )
        self._session.flush()
        return True

    def pending(self, *, now: datetime, stale_before: datetime) -> list[QueuedMessage]:
        rows = self._session.exec(
            select(m.Notification, m.Person.key)
            .join(m.Person, col(m.Notification.recipient_id) == m.Person.id, isouter=True)
            .where(self._mine(), _claimable(stale_before))
            .where(sa.or_(col(m.Notification.not_before).is_(None), col(m.Notification.not_before) <= now))
            .order_by(m.Notification.id)
        )
        return [
            QueuedMessage(
                **row.model_dump(include=set(QueuedMessage.model_fields) - {"recipient_key"}),
                recipient_key=key or "",
            )
            for row, key in rows
        ]

    def claim(self, message_id: int, *, at: datetime, stale_before: datetime) -> bool:
        result = self._session.execute(
            sa.update(m.Notification)
            .where(m.Notification.id == message_id, self._mine(), _claimable(stale_before))
            .values(status=m.NotificationStatus.SENDING, claimed_at=at)
        )
        return result.rowcount == 1

    def mark_sent(self, message_id: int, *, at: datetime) -> None:
        self._finish(message_id, status=m.NotificationStatus.SENT, sent_at=at, last_error=None)

    def mark_failed(self, message_id: int, *, error: str, at: datetime) -> None:
        self._finish(message_id, status=m.NotificationStatus.FAILED, last_error=error[:2000])

    def _finish(self, message_id: int, **values: Any) -> None:
        self._session.execute(
            sa.update(m.Notification)
            .where(m.Notification.id == message_id, self._mine())
            .values(attempts=m.Notification.attempts + 1, claimed_at=None, **values)
        )


def _claimable(stale_before: datetime) -> Any:
    """Queued or failed, or claimed by a sender that stopped before finishing (claim older than the lease)."""
    return sa.or_(
        col(m.Notification.status).in_(RETRYABLE),
        sa.and_(
            m.Notification.status == m.NotificationStatus.SENDING,
            col(m.Notification.claimed_at) < stale_before,
        ),
    )
