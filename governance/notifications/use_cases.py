"""Use case: send what the outbox holds, each message once.

Each message is claimed, sent and marked in its own transaction, so a failure loses nothing (the
message stays queued with the reason, for the next run) and a success is never sent again.
"""

from collections.abc import Callable
from datetime import datetime, timedelta

from pydantic import BaseModel

from governance.dates import LONDON, spoken
from governance.notifications.model import DeliveryFailed, Notifier
from governance.ports import UnitOfWork

CLAIM_LEASE = timedelta(minutes=15)
"""A sender that claimed a message and stopped (killed mid-send) releases it after this long.
Such a message may then be sent twice: the one case where at-least-once wins over at-most-once,
because a message must never be silently dropped."""


class DeliveryRun(BaseModel):
    sent: int = 0
    failed: int = 0
    skipped: int = 0
    errors: list[str] = []

    def summary(self) -> str:
        text = f"notifications: {self.sent} sent, {self.failed} failed and kept queued for retry"
        return text + (f" (last error: {self.errors[-1]})" if self.errors else "")

    def told(self, *, waiting_until: list[datetime]) -> str:
        """Why what is queued was not sent: held until a London time, failed (with each error), or
        being sent by another sender. ``waiting_until`` is when each message held back may go."""
        said = [f"{self.sent} sent"]
        if waiting_until:
            first = min(waiting_until).astimezone(LONDON)
            when = f"{first:%H:%M} on {spoken(first.date())} (Europe/London)"
            first_of = ", the first" if len(set(waiting_until)) > 1 else ""
            said.append(f"{len(waiting_until)} waiting{first_of} until {when}")
        if self.failed:
            said.append(f"{self.failed} failed and kept queued for retry")
        if self.skipped:
            said.append(f"{self.skipped} being sent by another sender")
        if len(said) == 1 and not self.sent:
            said.append("nothing is queued")
        return "; ".join(said) + "".join(f"\n  failed: {error}" for error in self.errors)


def deliver_queued(*, uow: UnitOfWork, notifier: Notifier, clock: Callable[[], datetime]) -> DeliveryRun:
    report = DeliveryRun()
    with uow:
        now = clock()
        pending = uow.outbox.pending(now=now, stale_before=now - CLAIM_LEASE)
    for message in pending:
        with uow:
            now = clock()
            claimed = uow.outbox.claim(message.id, at=now, stale_before=now - CLAIM_LEASE)
            uow.commit()
        if not claimed:
            report.skipped += 1
            continue
        try:
            notifier.send(message)
        except DeliveryFailed as failure:
            _mark(uow, message.id, clock(), error=str(failure))
            report.failed += 1
            report.errors.append(f"{message.address}: {failure}")
        else:
            _mark(uow, message.id, clock(), error=None)
            report.sent += 1
    return report


def _mark(uow: UnitOfWork, message_id: int, at: datetime, *, error: str | None) -> None:
    with uow:
        if error is None:
            uow.outbox.mark_sent(message_id, at=at)
        else:
            uow.outbox.mark_failed(message_id, error=error, at=at)
        uow.audit.record(
            at=at,
            actor="system",
            event="notification sent" if error is None else "notification failed",
            subject=f"notification {message_id}",
            details={} if error is None else {"error": error},
        )
        uow.commit()
