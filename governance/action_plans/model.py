"""The monthly action-plan update: which actions need an update, which are due soon, which overdue.

Source: seed 003 §2.89 — the CSE Thematic Review developmental action plan "will be updated
monthly"; the Chair and the Independent Scrutineer set completion deadlines, and extend them
only on evidence of justifiable delay.
"""

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from governance.dates import (
    first_day_of_month,
    last_day_of_month,
    last_working_day_of_month,
    month_label,
    months_between,
)
from governance.deadlines.model import Deadline, DeadlineState, Duty, Standing, standing_on
from governance.vocabulary import Role


class ActionPlanPolicy(BaseModel):
    """Local settings of the monthly cycle (local policy, not law)."""

    model_config = ConfigDict(frozen=True)

    due_soon_days: int = Field(14, ge=0, le=90, description="an action due within this many days is due soon")


class ActionOnRecord(BaseModel):
    """An action of a plan as the registry holds it, with what the rule needs to know."""

    model_config = ConfigDict(frozen=True)

    reference: str
    text: str
    plan_key: str
    plan_title: str
    plan_starts_on: date
    plan_exempt_paragraph: int | None = None
    """Local Government Act 1972 Sch 12A paragraph under which the plan is not for publication."""
    plan_extension_approvers: tuple[Role, ...] = (Role.INDEPENDENT_CHAIR,)
    """Who must each approve an extension of this plan's due dates (on the plan's board)."""
    board_key: str
    lead_sub_group_key: str | None = None
    owner_key: str
    owner_name: str
    due_on: date
    original_due_on: date | None = None
    """The due date first set, kept when an extension moves ``due_on``."""
    extensions: int = 0
    completed_on: date | None = None
    updated_periods: frozenset[str] = frozenset()

    def is_open_on(self, as_of: date) -> bool:
        """Open from the day its plan starts until the day it is completed."""
        started = self.plan_starts_on <= as_of
        return started and (self.completed_on is None or self.completed_on > as_of)

    def owes_update_for(self, month: date) -> bool:
        """An update is owed for each month the action is open in, except the month it is completed
        in: its completion is that month's report (the catalogue: "no update for the month an action is completed")."""
        started = self.plan_starts_on <= last_day_of_month(month)
        return started and (self.completed_on is None or self.completed_on > last_day_of_month(month))


class ActionReview(BaseModel):
    """One open action as it stands on the day of the review."""

    model_config = ConfigDict(frozen=True)

    action: ActionOnRecord
    standing: Standing
    """How its completion deadline stands: on track, due soon or overdue."""
    needs_update: bool
    """No update has been submitted for this month yet."""
    update_deadline: Deadline | None
    """This month's update; none in the month the action is completed in (``owes_update_for``)."""
    completion_deadline: Deadline


def update_due_on(as_of: date) -> date:
    """A month's update is due by the last working day of that month."""
    return last_working_day_of_month(as_of)


def monthly_update_deadline(action: ActionOnRecord, month: date) -> Deadline:
    """The update on ``action`` for the month ``month`` falls in: open from the 1st, due by its last working day."""
    period = month_label(month)
    return Deadline(
        duty=Duty.ACTION_PLAN_UPDATE,
        subject=action.reference,
        period=period,
        due_on=update_due_on(month),
        opens_on=first_day_of_month(month),
        owner_key=action.owner_key,
        board_key=action.board_key,
        sub_group_key=action.lead_sub_group_key,
        title=f"{action.reference}: update for {month:%B %Y}",
        state=DeadlineState.SUBMITTED if period in action.updated_periods else DeadlineState.OPEN,
    )


def completion_deadline(action: ActionOnRecord) -> Deadline:
    return Deadline(
        duty=Duty.ACTION_COMPLETION,
        subject=action.reference,
        period="once",
        due_on=action.due_on,
        opens_on=action.plan_starts_on,
        owner_key=action.owner_key,
        board_key=action.board_key,
        sub_group_key=action.lead_sub_group_key,
        title=f"{action.reference}: complete the action",
    )


def review_action(action: ActionOnRecord, as_of: date, policy: ActionPlanPolicy) -> ActionReview:
    """Review one action that is open on ``as_of``."""
    update = monthly_update_deadline(action, as_of) if action.owes_update_for(as_of) else None
    return ActionReview(
        action=action,
        standing=standing_on(DeadlineState.OPEN, action.due_on, as_of, due_soon_days=policy.due_soon_days),
        needs_update=update is not None and update.state is DeadlineState.OPEN,
        update_deadline=update,
        completion_deadline=completion_deadline(action),
    )


def review_action_plan(
    actions: list[ActionOnRecord], as_of: date, policy: ActionPlanPolicy
) -> list[ActionReview]:
    """Every action open on ``as_of``, reviewed; completed and not-yet-started actions are left out."""
    return [review_action(a, as_of, policy) for a in actions if a.is_open_on(as_of)]


def completed_by(actions: list[ActionOnRecord], as_of: date) -> list[ActionOnRecord]:
    """Actions completed on or before ``as_of``: their deadlines can be closed."""
    return [a for a in actions if a.completed_on is not None and a.completed_on <= as_of]


def action_plan_deadlines(actions: list[ActionOnRecord], start: date, end: date) -> list[Deadline]:
    """Every monthly update and completion deadline of open actions due from ``start`` to ``end``."""
    found: list[Deadline] = []
    for action in actions:
        for month in months_between(max(start, action.plan_starts_on), end):
            if action.owes_update_for(month):
                found.append(monthly_update_deadline(action, month))
        found.append(completion_deadline(action))
    return [d for d in found if start <= d.due_on <= end]
