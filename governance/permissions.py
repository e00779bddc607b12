"""Who may do what, by role and board. The use cases call these; pages and flows never decide.

Each function answers for one person and one thing, and raises ``RuleBroken`` naming the rule
when the answer is no, so a script gets the same refusal as the page.
"""

from governance.action_plans.model import ActionOnRecord
from governance.deadlines.model import Deadline, Duty
from governance.deadlines.obligations import MetBy, obligation_for
from governance.extensions.model import ExtensionRequestOnRecord
from governance.partnership.people import PersonOnRecord
from governance.rules import (
    A_PERSON_DECIDES_A_REQUEST_ONCE,
    EACH_ROLE_DECIDES_ONCE,
    EXEMPT_MATERIAL_ONLY_FOR_THOSE_ENTITLED,
    NOBODY_DECIDES_THEIR_OWN_EXTENSION_REQUEST,
    ONLY_BUSINESS_UNIT_EDITS_AND_PUBLISHES_REPORTS,
    ONLY_BUSINESS_UNIT_OR_CHAIR_DECIDES_SUBMISSIONS,
    ONLY_NAMED_DECIDERS_DECIDE_EXTENSIONS,
    ONLY_OWNER_LEAD_OR_BUSINESS_UNIT_REQUESTS_EXTENSIONS,
    ONLY_OWNER_LEAD_OR_BUSINESS_UNIT_SUBMITS,
    ONLY_OWNER_OR_BUSINESS_UNIT_SUBMITS_ACTION_UPDATE,
    ONLY_RETURNS_ARE_SUBMITTED_BY_HAND,
    THEMATIC_REVIEW_EXTENSIONS_NEED_CHAIR_AND_SCRUTINEER,
    Rule,
    RuleBroken,
    refuse_unless,
)
from governance.vocabulary import Role


class PermissionRefused(RuleBroken):
    """Someone tried what their roles do not allow: refused, and recorded as a security event."""

    def __init__(self, rule: Rule, detail: str = "", *, actor: str, subject: str = "") -> None:
        super().__init__(rule, detail)
        self.actor = actor
        self.subject = subject


def _permit(
    condition: bool, rule: Rule, detail: str = "", *, person: PersonOnRecord, subject: str = ""
) -> None:
    if not condition:
        raise PermissionRefused(rule, detail, actor=person.key, subject=subject)


SUB_GROUP_LEADERS = (Role.SUB_GROUP_LEAD, Role.SUB_GROUP_CHAIR)


def _owner_lead_or_business_unit(person: PersonOnRecord, deadline: Deadline) -> bool:
    leads_sub_group = deadline.sub_group_key is not None and any(
        person.holds_on(role, deadline.sub_group_key) for role in SUB_GROUP_LEADERS
    )
    return person.key == deadline.owner_key or leads_sub_group or person.works_in_business_unit


def check_may_update_action(person: PersonOnRecord, action: ActionOnRecord) -> None:
    """An action's monthly update comes from its owner, or the business unit on their behalf."""
    allowed = person.key == action.owner_key or person.works_in_business_unit
    _permit(
        allowed,
        ONLY_OWNER_OR_BUSINESS_UNIT_SUBMITS_ACTION_UPDATE,
        f"{person.name} is not the owner of {action.reference}",
        person=person,
        subject=action.reference,
    )


def check_met_by_a_return(deadline: Deadline) -> None:
    """Only returns are submitted, accepted and returned by hand; the rest are met by an update or a record."""
    obligation = obligation_for(deadline.duty)
    how = obligation.met_by.value + (f": {obligation.record}" if obligation.record else "")
    refuse_unless(
        obligation.met_by is MetBy.RETURN,
        ONLY_RETURNS_ARE_SUBMITTED_BY_HAND,
        f"{deadline.duty.value} is met by {how}",
    )


def check_may_submit(person: PersonOnRecord, deadline: Deadline) -> None:
    _permit(
        _owner_lead_or_business_unit(person, deadline),
        ONLY_OWNER_LEAD_OR_BUSINESS_UNIT_SUBMITS,
        f"{person.name}, {deadline.title or deadline.subject}",
        person=person,
        subject=" ".join(deadline.key),
    )


def check_may_request_extension(person: PersonOnRecord, deadline: Deadline) -> None:
    _permit(
        _owner_lead_or_business_unit(person, deadline),
        ONLY_OWNER_LEAD_OR_BUSINESS_UNIT_REQUESTS_EXTENSIONS,
        person.name,
        person=person,
        subject=" ".join(deadline.key),
    )


def check_may_decide_submission(person: PersonOnRecord, deadline: Deadline) -> None:
    allowed = person.works_in_business_unit or person.holds_on(Role.INDEPENDENT_CHAIR, deadline.board_key)
    _permit(
        allowed,
        ONLY_BUSINESS_UNIT_OR_CHAIR_DECIDES_SUBMISSIONS,
        person.name,
        person=person,
        subject=" ".join(deadline.key),
    )


def check_may_manage_reports(person: PersonOnRecord) -> None:
    _permit(
        person.works_in_business_unit,
        ONLY_BUSINESS_UNIT_EDITS_AND_PUBLISHES_REPORTS,
        person.name,
        person=person,
    )


def may_see_exempt(person: PersonOnRecord, *body_keys: str | None) -> bool:
    """Exempt material (Sch 12A) belongs to bodies; their members and the business unit may see it."""
    return person.works_in_business_unit or person.sits_on(*body_keys)


def check_may_see_exempt(person: PersonOnRecord, *body_keys: str | None) -> None:
    _permit(
        may_see_exempt(person, *body_keys),
        EXEMPT_MATERIAL_ONLY_FOR_THOSE_ENTITLED,
        person.name,
        person=person,
    )


BOARD_DECIDERS = (Role.INDEPENDENT_CHAIR, Role.COMMITTEE_CHAIR, Role.BUSINESS_MANAGER)
"""Who decides an extension of a board's deadline, the first the board has: its independent
chair, else (council committees) its committee chair, else the business manager."""


def extension_deciders(
    deadline: Deadline, *, plan_approvers: tuple[Role, ...] | None, board_roles: set[Role]
) -> tuple[Role, ...]:
    """The roles that must each approve an extension of ``deadline``.

    An action's completion date: the roles its plan names (the thematic review: chair and
    scrutineer). Any other deadline: the first of ``BOARD_DECIDERS`` held on its board.
    """
    if deadline.duty is Duty.ACTION_COMPLETION and plan_approvers:
        return plan_approvers
    return (next((r for r in BOARD_DECIDERS[:-1] if r in board_roles), Role.BUSINESS_MANAGER),)


def check_may_decide_extension(
    person: PersonOnRecord, request: ExtensionRequestOnRecord, board_key: str
) -> Role:
    """The role in which ``person`` decides ``request``: not their own request, once each, in a role
    the request still awaits (for the thematic review plan, chair and scrutineer are two people)."""
    subject = f"extension request {request.id}"
    _permit(
        person.key != request.requested_by,
        NOBODY_DECIDES_THEIR_OWN_EXTENSION_REQUEST,
        person.name,
        person=person,
        subject=subject,
    )
    refuse_unless(
        all(d.person_key != person.key for d in request.decisions),
        A_PERSON_DECIDES_A_REQUEST_ONCE,
        person.name,
    )
    rule = (
        THEMATIC_REVIEW_EXTENSIONS_NEED_CHAIR_AND_SCRUTINEER
        if len(request.required) > 1
        else ONLY_NAMED_DECIDERS_DECIDE_EXTENSIONS
    )
    held = [role for role in request.required if person.holds_on(role, board_key)]
    _permit(
        bool(held),
        rule,
        f"{person.name} holds none of: {', '.join(r.value for r in request.required)} on {board_key}",
        person=person,
        subject=subject,
    )
    awaited = [role for role in held if role in request.awaiting()]
    refuse_unless(bool(awaited), EACH_ROLE_DECIDES_ONCE, f"{person.name} as {held[0].value}")
    return awaited[0]
