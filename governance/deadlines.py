"""Deadlines: one dated occurrence of a recurring duty, and how it stands on a given day."""

from datetime import date, timedelta
from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class Duty(StrEnum):
    """What a deadline asks of its owner."""

    ACTION_PLAN_UPDATE = "monthly action-plan update"
    ACTION_COMPLETION = "action completion"


class DeadlineState(StrEnum):
    """Where a deadline is in its life; recorded, not computed."""

    OPEN = "open"
    SUBMITTED = "submitted"
    CLOSED = "closed"


class Standing(StrEnum):
    """How a deadline looks on a given day; computed from its state, due date and that day."""

    ON_TRACK = "on track"
    DUE_SOON = "due soon"
    OVERDUE = "overdue"
    SUBMITTED = "submitted"
    CLOSED = "closed"


class Deadline(BaseModel):
    """A deadline as the engine produces it, before it is recorded in the registry."""

    model_config = ConfigDict(frozen=True)

    duty: Duty
    subject: str
    """What the deadline is about, stable across runs: an action reference such as ``CSE-2021/R07.1``."""
    period: str
    """Which occurrence: ``2026-01`` for a monthly update, ``once`` for a one-off deadline."""
    due_on: date
    owner_key: str
    board_key: str
    sub_group_key: str | None = None
    state: DeadlineState = DeadlineState.OPEN

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.duty.value, self.subject, self.period)


def standing_on(state: DeadlineState, due_on: date, as_of: date, *, due_soon_days: int) -> Standing:
    """A deadline due today is due soon, not overdue; it becomes overdue the day after."""
    if state is DeadlineState.SUBMITTED:
        return Standing.SUBMITTED
    if state is DeadlineState.CLOSED:
        return Standing.CLOSED
    if due_on < as_of:
        return Standing.OVERDUE
    if due_on <= as_of + timedelta(days=due_soon_days):
        return Standing.DUE_SOON
    return Standing.ON_TRACK
