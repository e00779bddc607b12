"""Exempt material in messages: an exempt plan's texts go only to those entitled to see them.

A plan exempt from publication (Local Government Act 1972 Sch 12A) belongs to its board and its
lead sub-group: their members and the business unit may read its actions, recommendations and
title (``governance.permissions.may_see_exempt``). Anyone else is told only that an exempt item
needs them, and signs in to see it, where the workspace decides again what they may see.
"""

from governance.action_plans.model import ActionOnRecord
from governance.deadlines.model import Deadline, Duty
from governance.partnership.model import PartnershipOnRecord, PlanOnRecord
from governance.partnership.people import PersonOnRecord
from governance.permissions import may_see_exempt

EXEMPT_ITEM = "an exempt item"
EXEMPT_ITEM_NEEDS_YOUR_UPDATE = "an exempt item needs your update: sign in to see it"
ACTION_DUTIES = (Duty.ACTION_PLAN_UPDATE, Duty.ACTION_COMPLETION)


def action_withheld_from(person: PersonOnRecord, action: ActionOnRecord) -> bool:
    """The action's plan is exempt and ``person`` sits on none of its bodies (nor in the business unit)."""
    return action.plan_exempt_paragraph is not None and not may_see_exempt(
        person, action.board_key, action.lead_sub_group_key
    )


def plan_of(deadline: Deadline, p: PartnershipOnRecord) -> PlanOnRecord | None:
    """The action plan a deadline is about: an action's update or completion, or the plan's impact review."""
    if deadline.duty is Duty.ACTION_PLAN_IMPACT_REVIEW:
        return p.plan(deadline.subject)
    if deadline.duty in ACTION_DUTIES:
        action = next((a for a in p.actions if a.reference == deadline.subject), None)
        return p.plan(action.plan_key) if action is not None else None
    return None


def deadline_withheld_from(person: PersonOnRecord, deadline: Deadline, p: PartnershipOnRecord) -> bool:
    """The deadline belongs to an exempt plan and ``person`` may not see that plan's material."""
    plan = plan_of(deadline, p)
    return (
        plan is not None
        and plan.exempt_paragraph is not None
        and not may_see_exempt(person, plan.board_key, plan.lead_sub_group_key)
    )


def deadline_title(deadline: Deadline, person: PersonOnRecord, p: PartnershipOnRecord) -> str:
    """What a message to ``person`` calls the deadline: its title, or "an exempt item"."""
    if deadline_withheld_from(person, deadline, p):
        return EXEMPT_ITEM
    return deadline.title or f"{deadline.duty.value}: {deadline.subject}"
