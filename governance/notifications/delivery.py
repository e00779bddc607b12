"""How a delivery attempt ends, and what the outbox does next: the policy the sender follows.

- **Sent**: the server accepted it (250 after DATA). Never sent again.
- **Failed** (a passing reason: no connection, a 4xx reply): tried again after a back-off that
  doubles (2, 4, 8 … minutes); after ``max_attempts`` tries it is dead.
- **Dead** (a 5xx refusal, at once; or too many failures): never tried again. The server's reply is
  kept whole, the outbox page shows it and the business manager's daily alert lists it.
- **Uncertain** (no answer after the message was handed over, or a sender that stopped while
  sending): the server may have stored it, so it is not resent automatically. The business manager
  confirms it (marks it sent) or resends it (queued again with the same Message-ID, so a receiving
  system that keeps Message-IDs can recognise the repeat).
"""

from datetime import datetime, timedelta

from pydantic import BaseModel, ConfigDict

from governance.notifications.model import NotificationStatus

DIGEST_ASK = "digest"
"""The ``ask`` of a daily digest: sent at once, even to a person who chose digests."""
DEAD_LETTER_ASK = "dead-letters"
"""The ``ask`` of the business manager's alert about dead or uncertain messages: sent at once."""
SENT_AT_ONCE = frozenset(
    {DIGEST_ASK, DEAD_LETTER_ASK, "board_pack", "action_plan_monthly_summary", "statutory_dispatch"}
)
"""What is never held for a digest: the digest and the alert themselves, and what carries a
document (a digest carries no attachments; a board pack and a statutory copy are due on their day)."""

STUCK = (NotificationStatus.DEAD, NotificationStatus.UNCERTAIN)
"""What waits for the business manager's decision: confirm (it arrived) or resend."""
RESENDABLE = (*STUCK, NotificationStatus.FAILED)
"""What may be resent: a failed message too, sent now rather than after its back-off (the server is back)."""


class DeliveryPolicy(BaseModel):
    model_config = ConfigDict(frozen=True)

    claim_lease: timedelta = timedelta(minutes=15)
    """A claim older than this belongs to a sender that stopped mid-send: the message is uncertain."""
    first_retry: timedelta = timedelta(minutes=2)
    """The first back-off after a passing failure; each further failure doubles it."""
    max_attempts: int = 8
    """Passing failures before a message is dead (2 + 4 + … + 128 minutes: about four hours)."""
    batch: int = 50
    """Messages claimed together and recorded together, with the next batch's claim: one commit per
    batch, not two per message. A sender killed mid-batch leaves at most this many messages uncertain."""

    def retry_at(self, *, attempts: int, at: datetime) -> datetime | None:
        """When a message that has now failed ``attempts`` times may be tried again; None: dead."""
        if attempts >= self.max_attempts:
            return None
        return at + self.first_retry * 2 ** max(attempts - 1, 0)


def shown_status(
    status: NotificationStatus,
    *,
    claimed_at: datetime | None,
    stale_before: datetime,
    held_for_digest: bool = False,
) -> str:
    """The status as the outbox shows it: a claim past its lease is "sending (stale since …)", and a
    message waiting for its recipient's daily digest says so."""
    if status is NotificationStatus.SENDING and claimed_at is not None and claimed_at < stale_before:
        return f"sending (stale since {claimed_at:%Y-%m-%d %H:%M} UTC)"
    if status is NotificationStatus.QUEUED and held_for_digest:
        return "queued for the daily digest"
    return status.value
