"""Deadlines as the cycles record them, the escalation steps taken, and extension requests with their decisions.

What a partnership owns carries its ``partnership_id`` (directly, or through the row it belongs to),
and its keys are unique within it. No ``from __future__ import annotations``: SQLModel needs the real types.
"""

from datetime import date

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from governance.deadlines.model import DeadlineState, Duty
from governance.lifecycles import ExtensionState
from governance.vocabulary import Role
from registry.types import text_enum


class Deadline(SQLModel, table=True):
    """One occurrence of a recurring duty, recorded by a cycle, with its state."""

    __table_args__ = (
        sa.UniqueConstraint(
            "partnership_id", "duty", "subject", "period", name="uq_deadline_partnership_duty_subject_period"
        ),
        # the daily sweep and the deadline board: a partnership's deadlines in a state, by due date
        sa.Index("ix_deadline_partnership_state_due_on", "partnership_id", "state", "due_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    partnership_id: int = Field(foreign_key="partnership.id", index=True)
    duty: Duty = Field(sa_type=text_enum(Duty))
    subject: str = Field(max_length=120)
    period: str = Field(max_length=20)
    due_on: date = Field(index=True)
    original_due_on: date
    extensions: int = 0
    opens_on: date | None = None
    title: str = ""
    owner_id: int = Field(foreign_key="person.id", index=True)
    board_id: int = Field(foreign_key="board.id", index=True)
    sub_group_id: int | None = Field(default=None, foreign_key="subgroup.id")
    state: DeadlineState = Field(sa_type=text_enum(DeadlineState), index=True)
    recorded_on: date
    submitted_on: date | None = None
    decided_on: date | None = None
    closed_on: date | None = None
    note: str = ""
    submission_id: int | None = Field(default=None, foreign_key="submission.id", index=True)
    """What was submitted to meet it; one submission meets a deadline of every board it serves."""


class EscalationStepTaken(SQLModel, table=True):
    """A rung of the escalation ladder taken (sent or skipped) for a deadline's due date, once."""

    __table_args__ = (sa.UniqueConstraint("deadline_id", "step", "for_due_on"),)

    id: int | None = Field(default=None, primary_key=True)
    deadline_id: int = Field(foreign_key="deadline.id", index=True)
    step: str = Field(max_length=40)
    for_due_on: date
    taken_on: date
    skipped: bool = False
    notification_key: str | None = Field(default=None, max_length=200)


class ExtensionRequest(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    deadline_id: int = Field(foreign_key="deadline.id", index=True)
    requested_by_id: int = Field(foreign_key="person.id")
    requested_on: date
    reason: str = Field(sa_type=sa.Text)
    evidence: str = Field(sa_type=sa.Text)
    current_due_on: date
    proposed_due_on: date
    required: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    state: ExtensionState = Field(ExtensionState.REQUESTED, sa_type=text_enum(ExtensionState), index=True)


class ExtensionDecisionMade(SQLModel, table=True):
    __table_args__ = (sa.UniqueConstraint("request_id", "role"),)

    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="extensionrequest.id", index=True)
    person_id: int = Field(foreign_key="person.id")
    role: Role = Field(sa_type=text_enum(Role))
    approve: bool
    note: str = ""
    decided_on: date
