"""Use cases: send what the outbox holds, each message once; and the business manager's decisions on
the messages that did not plainly arrive (``governance.notifications.delivery`` is the policy).

Messages are claimed a batch at a time, sent, and their outcomes recorded together with the claim
on the next batch (one transaction), so a failure loses nothing and a success is never sent again.
A claim is never taken over: a sender that stopped mid-batch may have handed its messages over, so
its claims, once past the lease, become "uncertain", not a resend.
"""

from collections.abc import Callable
from datetime import datetime

from pydantic import BaseModel

from governance.dates import LONDON, spoken
from governance.notifications.delivery import RESENDABLE, STUCK, DeliveryPolicy, shown_status
from governance.notifications.model import (
    DeliveryFailed,
    DeliveryRefused,
    DeliveryUncertain,
    Notifier,
    QueuedMessage,
)
from governance.partnership.people import BUSINESS_UNIT_ROLES, PersonOnRecord
from governance.permissions import PermissionRefused
from governance.ports import UnitOfWork
from governance.rules import Rule, RuleBroken
from governance.sources import local_policy

DEFAULT_POLICY = DeliveryPolicy()
CLAIM_LEASE = DEFAULT_POLICY.claim_lease

ONLY_THE_BUSINESS_UNIT_DECIDES_UNDELIVERED = Rule(
    name="only the business unit confirms or resends a message",
    message="Only the safeguarding business unit may confirm or resend a message",
    source=local_policy(),
)
ONLY_UNDELIVERED_MESSAGES_ARE_DECIDED = Rule(
    name="only an uncertain or dead message is confirmed; those and a failed one are resent",
    message="Only a message whose delivery is uncertain, or a dead one, can be confirmed; those, and a "
    "failed one waiting for its next try, can be resent",
    source=local_policy(),
)


class DeliveryRun(BaseModel):
    sent: int = 0
    failed: int = 0
    dead: int = 0
    uncertain: int = 0
    stale: int = 0
    """Claims found past their lease (their sender stopped): now uncertain."""
    skipped: int = 0
    held_for_digest: int = 0
    """Due, but held for their recipients' daily digests (the ``digests`` cycle sends them)."""
    errors: list[str] = []
    """Each message not sent: what became of it (failed, dead, uncertain), its address, and the
    reason (with the server's reply where it gave one)."""

    def summary(self) -> str:
        said = [f"{self.sent} sent"]
        said += [f"{self.failed} failed and kept for retry"] if self.failed else []
        said += [f"{self.dead} dead"] if self.dead else []
        said += [f"{self.uncertain} uncertain"] if self.uncertain else []
        said += [f"{self.stale} stale claims now uncertain"] if self.stale else []
        said += [f"{self.held_for_digest} held for the daily digest"] if self.held_for_digest else []
        text = "notifications: " + ", ".join(said)
        return text + (f" (last: {self.errors[-1]})" if self.errors else "")

    def told(self, *, waiting_until: list[datetime]) -> str:
        """What the run found: sent, held until a London time, failed (retried later), dead,
        uncertain, stale, or being sent by another sender, then each reason."""
        said = [f"{self.sent} sent"]
        if waiting_until:
            first = min(waiting_until).astimezone(LONDON)
            when = f"{first:%H:%M} on {spoken(first.date())} (Europe/London)"
            first_of = ", the first" if len(set(waiting_until)) > 1 else ""
            said.append(f"{len(waiting_until)} waiting{first_of} until {when}")
        if self.failed:
            said.append(f"{self.failed} failed and kept queued for retry after a back-off")
        if self.dead:
            said.append(f"{self.dead} dead (refused for good, or failed too often): not tried again")
        if self.uncertain:
            said.append(f"{self.uncertain} uncertain (the server may have it): confirm or resend")
        if self.stale:
            said.append(f"{self.stale} stale (its sender stopped mid-send): now uncertain")
        if self.skipped:
            said.append(f"{self.skipped} being sent by another sender")
        if self.held_for_digest:
            said.append(f"{self.held_for_digest} held for the recipients' daily digest")
        if len(said) == 1 and not self.sent:
            said.append("nothing is queued")
        return "; ".join(said) + "".join(f"\n  {error}" for error in self.errors)

    @property
    def problems(self) -> int:
        return self.failed + self.dead + self.uncertain + self.stale


def deliver_queued(
    *,
    uow: UnitOfWork,
    notifier: Notifier,
    clock: Callable[[], datetime],
    policy: DeliveryPolicy = DEFAULT_POLICY,
) -> DeliveryRun:
    """Send what is due, a batch at a time: claim the first batch as the queue is read (one
    transaction), send each message, then record every outcome of the batch and claim the next one
    (one transaction a batch)."""
    report = DeliveryRun()
    with uow:
        now = clock()
        for message in uow.outbox.stale(stale_before=now - policy.claim_lease):
            reason = f"its sender stopped while sending it (claimed {message.claimed_at:%Y-%m-%d %H:%M} UTC); the server may have it"
            if uow.outbox.give_up_claim(message.id, error=reason, stale_before=now - policy.claim_lease):
                report.stale += 1
                report.errors.append(f"stale, now uncertain: {message.address}: {reason}")
                _audit(uow, message.id, now, "notification uncertain", {"error": reason})
        pending = uow.outbox.pending(now=now, stale_before=now - policy.claim_lease)
        report.held_for_digest = uow.outbox.waiting_for_digest(now=now)
        batches = [pending[start : start + policy.batch] for start in range(0, len(pending), policy.batch)]
        held = _claim(uow, batches[0] if batches else [], now)
        uow.commit()
    try:
        for number, batch in enumerate(batches):
            following = batches[number + 1] if number + 1 < len(batches) else []
            held = _deliver_batch(uow, notifier, clock, policy, batch, held, following, report)
    finally:
        close = getattr(notifier, "close", None)
        if close is not None:
            close()
    return report


def _claim(uow: UnitOfWork, batch: list[QueuedMessage], at: datetime) -> set[int]:
    """The batch's messages this sender now holds (another sender may hold some)."""
    return set(uow.outbox.claim_many([m.id for m in batch], at=at)) if batch else set()


def _deliver_batch(
    uow: UnitOfWork,
    notifier: Notifier,
    clock: Callable[[], datetime],
    policy: DeliveryPolicy,
    batch: list[QueuedMessage],
    held: set[int],
    following: list[QueuedMessage],
    report: DeliveryRun,
) -> set[int]:
    """Send the claimed messages of the batch; record their outcomes and claim ``following`` in one
    transaction, returning the claims on ``following``."""
    claimed = [m for m in batch if m.id in held]
    report.skipped += len(batch) - len(claimed)
    outcomes: list[tuple[QueuedMessage, DeliveryFailed | None]] = []
    try:
        for message in claimed:
            try:
                notifier.send(message)
            except DeliveryFailed as failure:
                outcomes.append((message, failure))
            else:
                outcomes.append((message, None))
    except BaseException as surprise:  # not knowing whether it went out is "uncertain", never a resend
        tried = len(outcomes)
        outcomes.append(
            (claimed[tried], DeliveryUncertain(f"the sender failed while sending it: {surprise!r}"))
        )
        _record(uow, outcomes, clock(), policy, report, release=claimed[tried + 1 :], claim=[])
        raise
    return _record(uow, outcomes, clock(), policy, report, release=[], claim=following)


def _record(
    uow: UnitOfWork,
    outcomes: list[tuple[QueuedMessage, DeliveryFailed | None]],
    at: datetime,
    policy: DeliveryPolicy,
    report: DeliveryRun,
    *,
    release: list[QueuedMessage],
    claim: list[QueuedMessage],
) -> set[int]:
    with uow:
        sent = [message.id for message, failure in outcomes if failure is None]
        uow.outbox.mark_sent_many(sent, at=at)
        for message, failure in outcomes:
            if failure is None:
                _audit(uow, message.id, at, "notification sent", {})
            else:
                _mark_failure(uow, message, at, failure, policy, report)
        report.sent += len(sent)
        for message in release:  # claimed, never tried: queued again as they were
            uow.outbox.release(message.id)
        held = _claim(uow, claim, at)
        uow.commit()
    return held


def _mark_failure(
    uow: UnitOfWork,
    message: QueuedMessage,
    at: datetime,
    failure: DeliveryFailed,
    policy: DeliveryPolicy,
    report: DeliveryRun,
) -> None:
    error, reply = str(failure), failure.server_reply
    if isinstance(failure, DeliveryUncertain):
        uow.outbox.mark_uncertain(message.id, error=error, at=at)
        report.uncertain += 1
        event = "notification uncertain"
    elif isinstance(failure, DeliveryRefused):
        uow.outbox.mark_dead(message.id, error=error, at=at, server_reply=reply)
        report.dead += 1
        event = "notification dead"
    elif (retry_at := policy.retry_at(attempts=message.attempts + 1, at=at)) is None:
        error = f"failed {message.attempts + 1} times, the last: {error}"
        uow.outbox.mark_dead(message.id, error=error, at=at, server_reply=reply)
        report.dead += 1
        event = "notification dead"
    else:
        uow.outbox.mark_failed(message.id, error=error, at=at, retry_at=retry_at, server_reply=reply)
        report.failed += 1
        event = "notification failed"
    _audit(uow, message.id, at, event, {"error": error} | ({"server_reply": reply} if reply else {}))
    report.errors.append(f"{event.removeprefix('notification ')}: {message.address}: {error}")


def _audit(uow: UnitOfWork, message_id: int, at: datetime, event: str, details: dict[str, str]) -> None:
    uow.audit.record(
        at=at, actor="system", event=event, subject=f"notification {message_id}", details=details
    )


# --- the business manager's decisions ------------------------------------------------------------


def check_may_decide_undelivered(person: PersonOnRecord) -> None:
    if not person.holds(*BUSINESS_UNIT_ROLES):
        raise PermissionRefused(
            ONLY_THE_BUSINESS_UNIT_DECIDES_UNDELIVERED, person.name, actor=person.key, subject="outbox"
        )


def decide_undelivered(
    message_id: int, *, resend: bool, by: str, uow: UnitOfWork, now: datetime
) -> QueuedMessage:
    """Confirm (it arrived: mark it sent) or resend (queue it again, same Message-ID) a message whose
    delivery is uncertain, or a dead one. Only the business unit decides; each decision is audited."""
    with uow:
        person = uow.people.find(by)
        if person is None:
            raise RuleBroken(ONLY_THE_BUSINESS_UNIT_DECIDES_UNDELIVERED, f"nobody on record as {by!r}")
        check_may_decide_undelivered(person)
        message = uow.outbox.find(message_id)
        if (
            message is None
            or message.status not in (RESENDABLE if resend else STUCK)
            or not uow.outbox.decide(message_id, resend=resend, at=now)
        ):
            shown = message.status.value if message else "not in this outbox"
            raise RuleBroken(ONLY_UNDELIVERED_MESSAGES_ARE_DECIDED, f"#{message_id} is {shown}")
        uow.audit.record(
            at=now,
            actor=person.key,
            event="notification resent" if resend else "notification confirmed",
            subject=f"notification {message_id}",
            details={"was": message.status.value, "message_id": message.message_id},
        )
        uow.commit()
    return message


class OutboxEntry(BaseModel):
    id: int
    recipient: str
    address: str
    subject: str
    status: str
    """As shown: a claim past its lease reads "sending (stale since …)"."""
    attempts: int
    reason: str = ""


def outbox_entries(
    *, uow: UnitOfWork, now: datetime, policy: DeliveryPolicy = DEFAULT_POLICY, stuck_only: bool = False
) -> list[OutboxEntry]:
    """The outbox, newest first (or only what waits for a decision), with each message's status as shown."""
    stale_before = now - policy.claim_lease
    with uow:
        rows = uow.outbox.stuck(stale_before=stale_before) if stuck_only else uow.outbox.listing()
    return [
        OutboxEntry(
            id=m.id,
            recipient=m.recipient_name,
            address=m.channel or m.address,
            subject=m.subject,
            status=shown_status(
                m.status,
                claimed_at=m.claimed_at,
                stale_before=stale_before,
                held_for_digest=m.held_for_digest,
            ),
            attempts=m.attempts,
            reason=m.last_error or "",
        )
        for m in rows
    ]
