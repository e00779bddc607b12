"""Extension requests: asked with a reason and evidence of justifiable delay, decided by the roles
the deadline names (for the thematic review action plan, the Independent Chair *and* the
Independent Scrutineer), bound to the due date they ask to move."""

from datetime import date

from pydantic import BaseModel, ConfigDict, field_validator

from governance.deadlines.model import Duty
from governance.lifecycles import ExtensionState
from governance.rules import EXTENSION_NEEDS_A_REASON, EXTENSION_NEEDS_EVIDENCE_OF_JUSTIFIABLE_DELAY
from governance.values import Day, Key, RecordNumber, Text, said
from governance.vocabulary import Role


class ExtensionDecision(BaseModel):
    model_config = ConfigDict(frozen=True)

    person_key: str
    person_name: str
    role: Role
    approve: bool
    note: str = ""
    decided_on: date


class ExtensionRequestOnRecord(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    deadline_id: int
    deadline_key: tuple[str, str, str]
    requested_by: str
    requested_on: date
    reason: str
    evidence: str
    current_due_on: date
    """The due date the request asks to move: a decision is valid only while it still is the due date."""
    proposed_due_on: date
    required: tuple[Role, ...]
    """The roles that must each approve, fixed when the request is made."""
    state: ExtensionState = ExtensionState.REQUESTED
    decisions: tuple[ExtensionDecision, ...] = ()

    def approved_by(self) -> set[Role]:
        return {d.role for d in self.decisions if d.approve}

    def still_moves(self, due_on: date) -> bool:
        """A request is bound to the due date it asked to move: once that date has changed it is stale."""
        return self.current_due_on == due_on

    def awaiting(self) -> list[Role]:
        decided = {d.role for d in self.decisions}
        return [r for r in self.required if r not in decided]


class RequestExtension(BaseModel):
    """A request to move a recorded deadline's due date. Reason and evidence are both required."""

    model_config = ConfigDict(frozen=True)

    duty: Duty
    subject: Key
    period: Key
    requested_by: Key
    reason: Text
    evidence: Text
    proposed_due_on: Day
    requested_on: Day

    @field_validator("reason")
    @classmethod
    def _reason_given(cls, value: str) -> str:
        return said(EXTENSION_NEEDS_A_REASON, value)

    @field_validator("evidence")
    @classmethod
    def _evidence_given(cls, value: str) -> str:
        return said(EXTENSION_NEEDS_EVIDENCE_OF_JUSTIFIABLE_DELAY, value)

    @property
    def deadline_key(self) -> tuple[str, str, str]:
        return (self.duty.value, self.subject, self.period)


class DecideExtension(BaseModel):
    model_config = ConfigDict(frozen=True)

    request_id: RecordNumber
    decided_by: Key
    approve: bool
    note: Text = ""
    decided_on: Day
