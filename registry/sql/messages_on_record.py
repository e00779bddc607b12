"""The outbox read back by key, for the cycles that ask once and chase: when a message was asked
(queued, or held until its hour) and when the mail server took it. Read in its own session, so a
cycle sees what earlier runs' deliveries recorded."""

from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from registry import tables as m


class OutboxOnRecord:
    def __init__(self, engine: Engine, partnership: str) -> None:
        self._engine, self._partnership = engine, partnership

    def _when(self, key: str, column: str, *statuses: m.NotificationStatus) -> datetime | None:
        query = (
            select(getattr(m.Notification, column))
            .join(m.Partnership, col(m.Notification.partnership_id) == m.Partnership.id)
            .where(m.Partnership.key == self._partnership, m.Notification.key == key)
        )
        if statuses:
            query = query.where(col(m.Notification.status).in_(statuses))
        with Session(self._engine) as session:
            return session.exec(query).first()

    def asked_at(self, key: str) -> datetime | None:
        return self._when(key, "not_before") or self._when(key, "queued_at")

    def sent_at(self, key: str) -> datetime | None:
        return self._when(key, "sent_at", m.NotificationStatus.SENT)
