"""Who may do what, by role and board. The use cases call these; pages and flows never decide.

Each function answers for one person and one thing, and raises ``RuleBroken`` naming the rule
when the answer is no, so a script gets the same refusal as the page.
"""

from governance.deadlines import Deadline, Duty
from governance.people import PersonOnRecord
from governance.rules import (
    EXEMPT_MATERIAL_ONLY_FOR_THOSE_ENTITLED,
    ONLY_BUSINESS_UNIT_EDITS_AND_PUBLISHES_REPORTS,
    ONLY_BUSINESS_UNIT_OR_CHAIR_DECIDES_SUBMISSIONS,
    ONLY_OWNER_LEAD_OR_BUSINESS_UNIT_REQUESTS_EXTENSIONS,
    ONLY_OWNER_LEAD_OR_BUSINESS_UNIT_SUBMITS,
    Rule,
    refuse_unless,
)
from governance.vocabulary import Role

SUB_GROUP_LEADERS = (Role.SUB_GROUP_LEAD, Role.SUB_GROUP_CHAIR)


def _owner_lead_or_business_unit(person: PersonOnRecord, deadline: Deadline) -> bool:
    leads_sub_group = deadline.sub_group_key is not None and any(
        person.holds_on(role, deadline.sub_group_key) for role in SUB_GROUP_LEADERS
    )
    return person.key == deadline.owner_key or leads_sub_group or person.works_in_business_unit


def check_may_submit(person: PersonOnRecord, deadline: Deadline) -> None:
    refuse_unless(_owner_lead_or_business_unit(person, deadline), ONLY_OWNER_LEAD_OR_BUSINESS_UNIT_SUBMITS, f"{person.name}, {deadline.title or deadline.subject}")


def check_may_request_extension(person: PersonOnRecord, deadline: Deadline) -> None:
    refuse_unless(_owner_lead_or_business_unit(person, deadline), ONLY_OWNER_LEAD_OR_BUSINESS_UNIT_REQUESTS_EXTENSIONS, person.name)


def check_may_decide_submission(person: PersonOnRecord, deadline: Deadline) -> None:
    allowed = person.works_in_business_unit or person.holds_on(Role.INDEPENDENT_CHAIR, deadline.board_key)
    refuse_unless(allowed, ONLY_BUSINESS_UNIT_OR_CHAIR_DECIDES_SUBMISSIONS, person.name)


def check_may_manage_reports(person: PersonOnRecord) -> None:
    refuse_unless(person.works_in_business_unit, ONLY_BUSINESS_UNIT_EDITS_AND_PUBLISHES_REPORTS, person.name)


def may_see_exempt(person: PersonOnRecord, *body_keys: str | None) -> bool:
    """Exempt material (Sch 12A) belongs to bodies; their members and the business unit may see it."""
    return person.works_in_business_unit or person.sits_on(*body_keys)


def check_may_see_exempt(person: PersonOnRecord, *body_keys: str | None) -> None:
    refuse_unless(may_see_exempt(person, *body_keys), EXEMPT_MATERIAL_ONLY_FOR_THOSE_ENTITLED, person.name)


def extension_deciders(deadline: Deadline, *, plan_approvers: tuple[Role, ...] | None, board_has_chair: bool) -> tuple[Role, ...]:
    """The roles that must each approve an extension of ``deadline``.

    An action's completion date: the roles its plan names (the thematic review: chair and
    scrutineer). Any other deadline: the board's independent chair, or the business manager
    where the board has none (council committees).
    """
    if deadline.duty is Duty.ACTION_COMPLETION and plan_approvers:
        return plan_approvers
    return (Role.INDEPENDENT_CHAIR,) if board_has_chair else (Role.BUSINESS_MANAGER,)


def deciding_role(person: PersonOnRecord, required: tuple[Role, ...], board_key: str, rule: Rule) -> list[Role]:
    """The required roles ``person`` holds for this board; refused with ``rule`` when none."""
    held = [role for role in required if person.holds_on(role, board_key)]
    refuse_unless(bool(held), rule, f"{person.name} holds none of: {', '.join(r.value for r in required)} on {board_key}")
    return held
