"""The registry's side of the ``Outbox``: queued once by key, claimed by one sender, and ended as
sent, failed (with its back-off), dead or uncertain, with the server's reply kept whole."""

from collections import defaultdict
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import col, select

from governance.notifications.delivery import RESENDABLE, SENT_AT_ONCE, STUCK
from governance.notifications.model import Attachment, OutboxMessage, QueuedMessage
from registry import tables as m
from registry.sql.scope import Scope

S = m.NotificationStatus
NOTIFICATION = m.Notification.__table__
"""Updates go to the table itself (Core): no ORM bookkeeping per message sent."""
RETRYABLE = (S.QUEUED, S.FAILED)
QUEUED_COLUMNS = [c for c in NOTIFICATION.c if c.name in QueuedMessage.model_fields]
"""The outbox row's columns a ``QueuedMessage`` carries."""
DIGEST = "digest"
NOT_SENT_AT_ONCE = sa.or_(col(m.Notification.ask).is_(None), col(m.Notification.ask).notin_(SENT_AT_ONCE))
"""A message a daily digest may carry: what it asks is not among what is always sent at once."""
HELD_FOR_DIGEST = sa.and_(m.Person.notify_by == DIGEST, NOT_SENT_AT_ONCE)
"""A message its recipient's daily digest carries: they chose one, and it is not sent at once."""


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
        recipient = self._session.exec(
            select(m.Person.id).where(
                m.Person.partnership_id == self._scope.partnership_id, m.Person.key == message.recipient_key
            )
        ).first()  # None for an agency's mailbox or a statutory recipient: not a person on record
        row = m.Notification(
            **message.model_dump(exclude={"recipient_key", "attachments"}),
            partnership_id=self._scope.partnership_id,
            recipient_id=recipient,
            status=S.QUEUED,
            queued_at=at,
        )
        self._session.add(row)
        self._session.flush()
        for attachment in message.attachments:
            self._session.add(m.NotificationAttachment(notification_id=row.id, **attachment.model_dump()))
        if message.attachments:
            self._session.flush()
        return True

    def queued(self, key: str) -> bool:
        return (
            self._session.exec(
                select(m.Notification.id).where(self._mine(), m.Notification.key == key)
            ).first()
            is not None
        )

    def pending(self, *, now: datetime, stale_before: datetime) -> list[QueuedMessage]:
        """Due and claimable, oldest first; messages held for a person's daily digest are not."""
        not_held = sa.or_(
            col(m.Person.notify_by).is_(None),
            m.Person.notify_by != DIGEST,
            col(m.Notification.ask).in_(SENT_AT_ONCE),
        )
        return self._messages(_due(now), not_held)

    def waiting_for_digest(self, *, now: datetime) -> int:
        """How many due messages are held for their recipients' daily digests."""
        query = (
            select(sa.func.count())
            .select_from(m.Notification)
            .join(m.Person, col(m.Notification.recipient_id) == m.Person.id)
            .where(self._mine(), _due(now), m.Notification.status == S.QUEUED, HELD_FOR_DIGEST)
        )
        return int(self._session.exec(query).one())

    def claim(self, message_id: int, *, at: datetime, stale_before: datetime) -> bool:
        """Queued or failed only: a claim past its lease is stale, not taken again (``stale``)."""
        result = self._session.execute(
            sa.update(NOTIFICATION)
            .where(m.Notification.id == message_id, self._mine(), col(m.Notification.status).in_(RETRYABLE))
            .values(status=S.SENDING, claimed_at=at)
        )
        return result.rowcount == 1

    def claim_many(self, message_ids: list[int], *, at: datetime) -> list[int]:
        """``claim`` for a batch (a handful of ids, one statement): the ids this sender now holds."""
        if not message_ids:
            return []
        result = self._session.execute(
            sa.update(NOTIFICATION)
            .where(
                col(m.Notification.id).in_(message_ids),
                self._mine(),
                col(m.Notification.status).in_(RETRYABLE),
            )
            .values(status=S.SENDING, claimed_at=at)
            .returning(NOTIFICATION.c.id)
        )
        return sorted(result.scalars())

    def mark_sent_many(self, message_ids: list[int], *, at: datetime) -> None:
        """``mark_sent`` for a batch, in one statement."""
        if message_ids:
            self._session.execute(
                sa.update(NOTIFICATION)
                .where(col(m.Notification.id).in_(message_ids), self._mine())
                .values(attempts=m.Notification.attempts + 1, claimed_at=None, status=S.SENT, sent_at=at,
                        last_error=None, server_reply=None)
            )  # fmt: skip

    def mark_sent(self, message_id: int, *, at: datetime, server_reply: str | None = None) -> None:
        self._finish(message_id, status=S.SENT, sent_at=at, last_error=None, server_reply=server_reply)

    def mark_failed(
        self,
        message_id: int,
        *,
        error: str,
        at: datetime,
        retry_at: datetime | None = None,
        server_reply: str | None = None,
    ) -> None:
        self._finish(
            message_id,
            status=S.FAILED,
            last_error=error[:2000],
            next_attempt_at=retry_at,
            server_reply=server_reply,
        )

    def mark_dead(
        self, message_id: int, *, error: str, at: datetime, server_reply: str | None = None
    ) -> None:
        self._finish(message_id, status=S.DEAD, last_error=error[:2000], server_reply=server_reply)

    def mark_uncertain(self, message_id: int, *, error: str, at: datetime) -> None:
        self._finish(message_id, status=S.UNCERTAIN, last_error=error[:2000])

    def release(self, message_id: int) -> None:
        """A claimed message never tried (its sender stopped first) goes back to the queue as it was."""
        self._session.execute(
            sa.update(NOTIFICATION)
            .where(m.Notification.id == message_id, self._mine(), m.Notification.status == S.SENDING)
            .values(status=S.QUEUED, claimed_at=None)
        )

    def stale(self, *, stale_before: datetime) -> list[QueuedMessage]:
        """Claimed longer ago than the lease: the sender stopped, perhaps after handing it over."""
        return self._messages(
            m.Notification.status == S.SENDING, col(m.Notification.claimed_at) < stale_before
        )

    def give_up_claim(self, message_id: int, *, error: str, stale_before: datetime) -> bool:
        """A stale claim becomes uncertain (once: False when another sender did it first)."""
        result = self._session.execute(
            sa.update(NOTIFICATION)
            .where(
                m.Notification.id == message_id,
                self._mine(),
                m.Notification.status == S.SENDING,
                col(m.Notification.claimed_at) < stale_before,
            )
            .values(status=S.UNCERTAIN, last_error=error[:2000], claimed_at=None)
        )
        return result.rowcount == 1

    def find(self, message_id: int) -> QueuedMessage | None:
        found = self._messages(m.Notification.id == message_id)
        return found[0] if found else None

    def decide(self, message_id: int, *, resend: bool, at: datetime) -> bool:
        """An uncertain or dead message confirmed as sent; one of those, or a failed one, queued again
        to go now (same key, same Message-ID)."""
        values: dict[str, Any] = (
            {"status": S.QUEUED, "attempts": 0, "next_attempt_at": None, "not_before": None}
            if resend
            else {"status": S.SENT, "sent_at": at}
        )
        result = self._session.execute(
            sa.update(NOTIFICATION)
            .where(
                m.Notification.id == message_id,
                self._mine(),
                col(m.Notification.status).in_(RESENDABLE if resend else STUCK),
            )
            .values(claimed_at=None, **values)
        )
        return result.rowcount == 1

    def held(self, recipient_key: str, *, now: datetime) -> list[QueuedMessage]:
        """The person's messages due and waiting for their daily digest, newest first."""
        rows = self._messages(
            _due(now),
            m.Person.key == recipient_key,
            NOT_SENT_AT_ONCE,
            m.Notification.status == S.QUEUED,
        )
        return rows[::-1]

    def mark_digested(self, message_ids: list[int], *, digest_key: str) -> None:
        digest_id = self._session.exec(
            select(m.Notification.id).where(self._mine(), m.Notification.key == digest_key)
        ).one()
        for message_id in message_ids:  # a handful a day per person: no id list in one bind
            self._session.execute(
                sa.update(NOTIFICATION)
                .where(m.Notification.id == message_id, self._mine(), m.Notification.status == S.QUEUED)
                .values(status=S.DIGESTED, digest_id=digest_id)
            )

    def stuck(self, *, stale_before: datetime, limit: int = 200) -> list[QueuedMessage]:
        """Dead and uncertain messages, and stale claims: what the business manager must decide, newest first."""
        rows = self._messages(
            sa.or_(
                col(m.Notification.status).in_((S.DEAD, S.UNCERTAIN)),
                sa.and_(m.Notification.status == S.SENDING, col(m.Notification.claimed_at) < stale_before),
            ),
            files=False,
        )
        return rows[::-1][:limit]

    def listing(self, *, limit: int = 500) -> list[QueuedMessage]:
        """The outbox, newest first."""
        return self._messages(limit=limit, newest_first=True, files=False)

    def _messages(
        self, *where: Any, limit: int | None = None, newest_first: bool = False, files: bool = True
    ) -> list[QueuedMessage]:
        order = col(m.Notification.id).desc() if newest_first else col(m.Notification.id)
        query = (
            sa.select(
                *QUEUED_COLUMNS,
                m.Person.key.label("recipient_key"),
                m.Person.channel.label("channel"),
                sa.case((HELD_FOR_DIGEST, True), else_=False).label("held_for_digest"),
            )
            .join(m.Person, col(m.Notification.recipient_id) == m.Person.id, isouter=True)
            .where(self._mine(), *where)
            .order_by(order)
        )  # columns, not ORM rows: a national queue is 10,000 rows read at once
        rows = self._session.execute(query.limit(limit) if limit else query).mappings().all()
        attached = self._attachments(*where) if rows and files else {}
        partnership = self._partnership_key()
        return [
            QueuedMessage(
                **(dict(row) | {"recipient_key": row["recipient_key"] or ""}),
                partnership=partnership,
                attachments=tuple(attached.get(row["id"], ())),
            )
            for row in rows
        ]

    def _attachments(self, *where: Any) -> dict[int | None, list[Attachment]]:
        """The attachments of the messages ``where`` selects, by the same conditions (no id lists)."""
        found: dict[int | None, list[Attachment]] = defaultdict(list)
        rows = self._session.exec(
            select(m.NotificationAttachment)
            .join(m.Notification, col(m.NotificationAttachment.notification_id) == m.Notification.id)
            .join(m.Person, col(m.Notification.recipient_id) == m.Person.id, isouter=True)
            .where(self._mine(), *where)
            .order_by(m.NotificationAttachment.id)
        )
        for a in rows:
            found[a.notification_id].append(
                Attachment(filename=a.filename, media_type=a.media_type, content=a.content)
            )
        return found

    def _partnership_key(self) -> str:
        return self._session.exec(
            select(m.Partnership.key).where(m.Partnership.id == self._scope.partnership_id)
        ).one()

    def _finish(self, message_id: int, **values: Any) -> None:
        self._session.execute(
            sa.update(NOTIFICATION)
            .where(m.Notification.id == message_id, self._mine())
            .values(attempts=m.Notification.attempts + 1, claimed_at=None, **values)
        )


def _due(now: datetime) -> Any:
    """Queued, or failed with its back-off over, and not held until later (``not_before``)."""
    return sa.and_(
        col(m.Notification.status).in_(RETRYABLE),
        sa.or_(col(m.Notification.not_before).is_(None), col(m.Notification.not_before) <= now),
        sa.or_(col(m.Notification.next_attempt_at).is_(None), col(m.Notification.next_attempt_at) <= now),
    )
