"""Returns against deadlines, as commands: a return submitted, a sub-group's report for many boards,
and the decision to accept or return a submission."""

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from governance.deadlines.model import Duty
from governance.values import Day, Key, Text
from governance.vocabulary import Rag


class HighlightReport(BaseModel):
    """What a sub-group tells each board it serves: its progress, its risks and issues, what it asks
    of the board, and how it rates itself."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    progress: Text = Field("", description="progress since the last report")
    risks_and_issues: Text = Field("", description="risks and issues the board should know of")
    asks_of_the_board: Text = Field("", description="what the sub-group asks the board to do or decide")
    rag: Rag | None = Field(None, description="the sub-group's own rating: red, amber or green")


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
    highlight: HighlightReport = HighlightReport()


class SubmissionOnRecord(BaseModel):
    """A submission as the registry holds it, with the boards and meetings it was submitted for."""

    model_config = ConfigDict(frozen=True)

    id: int
    kind: str
    sub_group_key: str | None
    submitted_by: str
    """The key of who submitted it."""
    submitted_by_name: str
    submitted_on: date
    content: dict[str, object] = {}
    meetings: tuple[tuple[str, str], ...] = ()
    """(board key, meeting date) of every deadline it met."""

    def highlight(self) -> HighlightReport:
        return HighlightReport.model_validate(self.content)


class DecideSubmission(BaseModel):
    model_config = ConfigDict(frozen=True)

    duty: Duty
    subject: Key
    period: Key
    decided_by: Key
    accept: bool
    note: Text = ""
    decided_on: Day
