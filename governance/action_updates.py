"""Use case: an owner (or the business unit on their behalf) submits an action's monthly update."""

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator

from governance.calendar import month_label
from governance.deadlines import DeadlineState, Duty
from governance.lifecycles import DEADLINE
from governance.permissions import check_may_update_action
from governance.ports import UnitOfWork
from governance.rules import (
    CLOSED_ACTIONS_TAKE_NO_UPDATES,
    UPDATE_NEEDS_PROGRESS_TEXT,
    RuleBroken,
    UnknownRecord,
)


class SubmitActionUpdate(BaseModel):
    model_config = ConfigDict(frozen=True)

    reference: str
    submitted_by: str = Field(description="the key of the person submitting")
    progress: str
    submitted_on: date
    period: str | None = Field(None, pattern=r"^\d{4}-\d{2}$", description="the month answered; default the month of submission")

    @field_validator("progress")
    @classmethod
    def _progress_is_said(cls, value: str) -> str:
        if not value.strip():
            raise ValueError(UPDATE_NEEDS_PROGRESS_TEXT.message)
        return value.strip()


def submit_action_update(command: SubmitActionUpdate, *, uow: UnitOfWork, now: datetime) -> str:
    """Record the update and mark that month's update deadline submitted; returns the period."""
    period = command.period or month_label(command.submitted_on)
    with uow:
        action = uow.actions.find(command.reference)
        person = uow.people.find(command.submitted_by)
        if action is None:
            raise UnknownRecord(f"No action with reference {command.reference!r}")
        if person is None:
            raise UnknownRecord(f"No person with key {command.submitted_by!r}")
        check_may_update_action(person, action)
        if action.completed_on is not None and action.completed_on <= command.submitted_on:
            raise RuleBroken(CLOSED_ACTIONS_TAKE_NO_UPDATES, action.reference)
        uow.actions.add_update(
            action.reference, period=period, progress=command.progress, submitted_by=person.key, submitted_on=command.submitted_on
        )
        deadline = uow.deadlines.find((Duty.ACTION_PLAN_UPDATE.value, action.reference, period))
        if deadline is not None and deadline.state in (DeadlineState.SCHEDULED, DeadlineState.OPEN, DeadlineState.RETURNED):
            opened = DEADLINE.after(deadline.state, "open") if deadline.state is DeadlineState.SCHEDULED else deadline.state
            uow.deadlines.change_state(deadline.id, DEADLINE.after(opened, "submit"), on=command.submitted_on)
        uow.audit.record(at=now, actor=person.key, event="action update submitted", subject=action.reference, details={"period": period})
        uow.commit()
    return period
