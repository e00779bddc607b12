"""Action plans: recommendations, actions with their owners and due dates, and the monthly updates.

What a partnership owns carries its ``partnership_id`` (directly, or through the row it belongs to),
and its keys are unique within it. No ``from __future__ import annotations``: SQLModel needs the real types.
"""

from datetime import date

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from governance.vocabulary import Role


class Plan(SQLModel, table=True):
    """An action plan, e.g. the response to a thematic review's recommendations."""

    __table_args__ = (sa.UniqueConstraint("partnership_id", "key", name="uq_plan_partnership_key"),)

    id: int | None = Field(default=None, primary_key=True)
    partnership_id: int = Field(foreign_key="partnership.id", index=True)
    key: str = Field(max_length=80)
    title: str
    source: str = ""
    board_id: int = Field(foreign_key="board.id")
    lead_sub_group_id: int | None = Field(default=None, foreign_key="subgroup.id")
    starts_on: date
    completion_target: date | None = None
    exempt_paragraph: int | None = Field(
        default=None, description="Local Government Act 1972 Sch 12A paragraph"
    )
    extension_approvers: list[str] = Field(
        default_factory=lambda: [Role.INDEPENDENT_CHAIR.value], sa_type=sa.JSON
    )
    impact_review_on: date | None = None


class Recommendation(SQLModel, table=True):
    __table_args__ = (sa.UniqueConstraint("plan_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True)
    number: int
    text: str


class Action(SQLModel, table=True):
    __table_args__ = (
        sa.UniqueConstraint("partnership_id", "reference", name="uq_action_partnership_reference"),
    )

    id: int | None = Field(default=None, primary_key=True)
    partnership_id: int = Field(foreign_key="partnership.id", index=True)
    recommendation_id: int = Field(foreign_key="recommendation.id", index=True)
    reference: str = Field(max_length=80)
    text: str
    owner_id: int = Field(foreign_key="person.id", index=True)
    due_on: date
    original_due_on: date | None = Field(
        default=None, description="the first due date, kept when an extension moves due_on"
    )
    extensions: int = 0
    completed_on: date | None = None


class ActionUpdate(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    action_id: int = Field(foreign_key="action.id", index=True)
    period: str = Field(max_length=7)
    progress: str
    status: str = Field("", max_length=20)
    """The owner's word for where the action stands (``UpdateStatus``); empty where none was given."""
    rag: str = Field("", max_length=10)
    """The owner's red, amber or green rating (``Rag``); empty where none was given."""
    submitted_by_id: int = Field(foreign_key="person.id")
    submitted_on: date
