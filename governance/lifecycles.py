"""The life of a deadline, a report and an extension request: explicit states, explicit moves.

Each lifecycle is a table of events and the states they may happen in. A move the table does not
allow is refused with a message saying what was tried and what is allowed instead; nothing else
in the code changes a state.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

S = TypeVar("S", bound=StrEnum)


class TransitionRefused(Exception):
    """The event is not allowed in the current state; ``str(error)`` says why."""


@dataclass(frozen=True)
class Move(Generic[S]):
    """An event allowed in ``sources`` that leads to ``target`` (``None``: the state stays)."""

    sources: frozenset[S]
    target: S | None


@dataclass(frozen=True)
class Lifecycle(Generic[S]):
    thing: str
    moves: Mapping[str, Move[S]]

    def after(self, state: S, event: str) -> S:
        """The state after ``event`` happens in ``state``, or ``TransitionRefused``."""
        move = self.moves.get(event)
        if move is None:
            raise TransitionRefused(f"a {self.thing} has no event {event!r}; events: {', '.join(self.moves)}")
        if state not in move.sources:
            allowed = ", ".join(self.allowed(state)) or "nothing (it is final)"
            article = "an" if self.thing[0] in "aeiou" else "a"
            raise TransitionRefused(
                f"{article} {self.thing} that is {state.value} cannot be {PAST[event]}; allowed: {allowed}"
            )
        return move.target or state

    def allowed(self, state: S) -> list[str]:
        return [event for event, move in self.moves.items() if state in move.sources]

    def is_final(self, state: S) -> bool:
        return not self.allowed(state)


PAST = {
    "open": "opened",
    "submit": "submitted",
    "accept": "accepted",
    "return": "returned",
    "extend": "extended",
    "close": "closed",
    "edit": "edited",
    "send for review": "sent for review",
    "approve": "approved",
    "complete approval": "fully approved",
    "publish": "published",
    "send": "sent",
    "complete distribution": "fully distributed",
    "refuse": "refused",
}
"""How a refusal says each event: "a report that is draft cannot be sent"."""


def _move(sources: set[S], target: S | None = None) -> Move[S]:
    return Move(frozenset(sources), target)


class DeadlineState(StrEnum):
    """Where a deadline is in its life; recorded, not computed (how it *stands* on a day is computed)."""

    SCHEDULED = "scheduled"
    """Known and recorded ahead; its window has not opened yet."""
    OPEN = "open"
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    RETURNED = "returned"
    """Sent back to the owner to improve; open again until resubmitted."""
    CLOSED = "closed"


_LIVE = {
    DeadlineState.SCHEDULED,
    DeadlineState.OPEN,
    DeadlineState.SUBMITTED,
    DeadlineState.ACCEPTED,
    DeadlineState.RETURNED,
}

DEADLINE = Lifecycle[DeadlineState](
    "deadline",
    {
        "open": _move({DeadlineState.SCHEDULED}, DeadlineState.OPEN),
        "submit": _move({DeadlineState.OPEN, DeadlineState.RETURNED}, DeadlineState.SUBMITTED),
        "accept": _move({DeadlineState.SUBMITTED}, DeadlineState.ACCEPTED),
        "return": _move({DeadlineState.SUBMITTED}, DeadlineState.RETURNED),
        "extend": _move({DeadlineState.SCHEDULED, DeadlineState.OPEN, DeadlineState.RETURNED}),
        "close": _move(_LIVE, DeadlineState.CLOSED),
    },
)
"""Overdue is not a state: it is how an open or returned deadline *stands* after its due date.
An extension keeps the state and moves the due date (the original is kept)."""


class ReportState(StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in review"
    APPROVED = "approved"
    PUBLISHED = "published"
    DISTRIBUTED = "distributed"


REPORT = Lifecycle[ReportState](
    "report",
    {
        "edit": _move({ReportState.DRAFT, ReportState.IN_REVIEW, ReportState.APPROVED}, ReportState.DRAFT),
        "send for review": _move({ReportState.DRAFT}, ReportState.IN_REVIEW),
        "approve": _move({ReportState.IN_REVIEW}),
        "complete approval": _move({ReportState.IN_REVIEW}, ReportState.APPROVED),
        "return": _move({ReportState.IN_REVIEW}, ReportState.DRAFT),
        "publish": _move({ReportState.APPROVED}, ReportState.PUBLISHED),
        "send": _move({ReportState.PUBLISHED}),
        "complete distribution": _move({ReportState.PUBLISHED}, ReportState.DISTRIBUTED),
    },
)
"""Editing sends a report back to draft and withdraws every approval given to the old text;
"approve" records one approval and "complete approval" follows when every one required is in."""


class ExtensionState(StrEnum):
    REQUESTED = "requested"
    APPROVED = "approved"
    REFUSED = "refused"


EXTENSION = Lifecycle[ExtensionState](
    "extension request",
    {
        "approve": _move({ExtensionState.REQUESTED}),
        "complete approval": _move({ExtensionState.REQUESTED}, ExtensionState.APPROVED),
        "refuse": _move({ExtensionState.REQUESTED}, ExtensionState.REFUSED),
    },
)
