"""An audit event and the chain that makes tampering visible.

Each event's hash covers its own fields and the hash of the event before it, per partnership,
starting from ``GENESIS``. Editing, deleting, inserting or reordering an event breaks the chain at
that event; the partnership keeps the head (the last sequence number and hash) beside the chain, so
removing the newest events shows too. Anyone who can rewrite the whole chain *and* the head can
still forge it: anchor the head elsewhere (``govern audit verify`` prints it) to close that gap.
"""

import hashlib
import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

GENESIS = "0" * 64


class AuditEvent(BaseModel):
    """Who, in which role, did what to which record, when; ``details`` holds the values before and after."""

    model_config = ConfigDict(frozen=True)

    sequence: int
    at: datetime
    actor: str
    role: str = ""
    event: str
    subject: str
    details: dict[str, Any]
    previous_hash: str
    hash: str


def as_json(details: dict[str, Any]) -> dict[str, Any]:
    """The details as they will read back from the registry (dates and other values as text)."""
    return json.loads(json.dumps(details, default=str, ensure_ascii=False))


def event_hash(
    previous_hash: str,
    *,
    sequence: int,
    at: datetime,
    actor: str,
    role: str,
    event: str,
    subject: str,
    details: dict[str, Any],
) -> str:
    canonical = json.dumps(
        [
            previous_hash,
            sequence,
            at.astimezone(UTC).isoformat(timespec="microseconds"),
            actor,
            role,
            event,
            subject,
            as_json(details),
        ],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _expected_hash(e: AuditEvent) -> str:
    return event_hash(
        e.previous_hash,
        sequence=e.sequence,
        at=e.at,
        actor=e.actor,
        role=e.role,
        event=e.event,
        subject=e.subject,
        details=e.details,
    )


class ChainCheck(BaseModel):
    """What ``verify`` found: ``problem`` is empty when the chain is whole."""

    model_config = ConfigDict(frozen=True)

    events: int
    head_sequence: int
    head_hash: str
    first_bad_sequence: int | None = None
    problem: str = ""

    @property
    def intact(self) -> bool:
        return not self.problem

    def summary(self) -> str:
        if self.intact:
            return (
                f"audit trail intact: {self.events} events, head #{self.head_sequence} {self.head_hash[:16]}…"
            )
        return f"audit trail broken at event #{self.first_bad_sequence}: {self.problem}"


def verify(events: Iterable[AuditEvent], *, head_sequence: int, head_hash: str) -> ChainCheck:
    """Walk the chain in sequence order; name the first event that does not follow from the one before."""
    previous, expected_sequence, count = GENESIS, 1, 0

    def broken(sequence: int, problem: str) -> ChainCheck:
        return ChainCheck(
            events=count,
            head_sequence=head_sequence,
            head_hash=head_hash,
            first_bad_sequence=sequence,
            problem=problem,
        )

    for e in events:
        count += 1
        if e.sequence != expected_sequence:
            return broken(
                expected_sequence,
                f"event #{expected_sequence} is missing (next found is #{e.sequence}): deleted or reordered",
            )
        if e.previous_hash != previous:
            return broken(
                e.sequence, "it does not follow from the event before it: inserted, deleted or reordered"
            )
        if _expected_hash(e) != e.hash:
            return broken(e.sequence, "its content does not match its hash: edited")
        previous, expected_sequence = e.hash, e.sequence + 1
    if expected_sequence - 1 != head_sequence or previous != head_hash:
        return broken(
            expected_sequence,
            f"the chain ends at #{expected_sequence - 1} but the partnership's head says #{head_sequence}: "
            "events removed from the end, or the head altered",
        )
    return ChainCheck(events=count, head_sequence=head_sequence, head_hash=head_hash)
