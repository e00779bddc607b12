"""Returns against deadlines, as commands: a return submitted, a sub-group's report for many boards,
and the decision to accept or return a submission."""

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from governance.deadlines.model import Duty


class SubmitReturn(BaseModel):
    model_config = ConfigDict(frozen=True)

    duty: Duty
    subject: str
    period: str
    submitted_by: str
    submitted_on: date
    note: str = ""


class SubmitSubGroupReport(BaseModel):
    """One report from a sub-group, for the next meeting of each board it serves (or those named)."""

    model_config = ConfigDict(frozen=True)

    sub_group: str
    submitted_by: str
    submitted_on: date
    boards: tuple[str, ...] = Field(
        (), description="the boards it goes to; default every board the sub-group reports to"
    )
    note: str = ""


class DecideSubmission(BaseModel):
    model_config = ConfigDict(frozen=True)

    duty: Duty
    subject: str
    period: str
    decided_by: str
    accept: bool
    note: str = ""
    decided_on: date
