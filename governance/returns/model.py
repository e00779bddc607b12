"""Returns against deadlines, as commands: a return submitted, a sub-group's report for many boards,
and the decision to accept or return a submission."""

from pydantic import BaseModel, ConfigDict, Field

from governance.deadlines.model import Duty
from governance.values import Day, Key, Text


class SubmitReturn(BaseModel):
    model_config = ConfigDict(frozen=True)

    duty: Duty
    subject: Key
    period: Key
    submitted_by: Key
    submitted_on: Day
    note: Text = ""


class SubmitSubGroupReport(BaseModel):
    """One report from a sub-group, for the next meeting of each board it serves (or those named)."""

    model_config = ConfigDict(frozen=True)

    sub_group: Key
    submitted_by: Key
    submitted_on: Day
    boards: tuple[Key, ...] = Field(
        (), description="the boards it goes to; default every board the sub-group reports to"
    )
    note: Text = ""


class DecideSubmission(BaseModel):
    model_config = ConfigDict(frozen=True)

    duty: Duty
    subject: Key
    period: Key
    decided_by: Key
    accept: bool
    note: Text = ""
    decided_on: Day
