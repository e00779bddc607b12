"""Who may do what, by role and board. The use cases call these; pages and flows never decide.

``PERMISSIONS`` is the table: for each action, whether the owner of the item may, and which roles
may. The business unit's roles count everywhere; every other role counts only on the body the item
belongs to (the deadline's sub-group or board, the report's or plan's board). Each check function
answers for one person and one thing from that table, and raises ``PermissionRefused`` naming the
rule when the answer is no, so a script gets the same refusal as the page.
``tests/test_permission_matrix.py`` is generated from the table. Who decides an extension and who
approves a report are named per item instead (``extension_deciders``, ``reports.approvals``).
"""

from dataclasses import dataclass
from enum import StrEnum

from governance.action_plans.model import ActionOnRecord
from governance.deadlines.model import Deadline, Duty
from governance.deadlines.obligations import MetBy, obligation_for
from governance.extensions.model import ExtensionRequestOnRecord
from governance.partnership.people import BUSINESS_UNIT_ROLES, PersonOnRecord
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
    ONLY_THE_BUSINESS_UNIT_KEEPS_THE_REGISTRY,
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


class Action(StrEnum):
    """What someone may be allowed to do, in the users' words."""

    UPDATE_ACTION = "submit an action's monthly update"
    SUBMIT_RETURN = "submit a return against a deadline"
    REQUEST_EXTENSION = "ask for an extension of a deadline"
    DECIDE_SUBMISSION = "accept or return a submission"
    MANAGE_REPORTS = "edit, send for review, publish and record copies of reports"
    SEE_EXEMPT = "see exempt material"
    KEEP_REGISTRY = "change the registry: boards, agencies, people and roles, meetings and registers"


@dataclass(frozen=True, kw_only=True)
class Grant:
    owner: bool = False
    """The item's owner may (an action's or a deadline's owner)."""
    roles: frozenset[Role] = frozenset()
    where: str = ""
    """The body a role must be held on, in words (business unit roles count everywhere)."""


SUB_GROUP_LEADERS = frozenset({Role.SUB_GROUP_LEAD, Role.SUB_GROUP_CHAIR})

PERMISSIONS: dict[Action, Grant] = {
    Action.UPDATE_ACTION: Grant(owner=True, roles=BUSINESS_UNIT_ROLES),
    Action.SUBMIT_RETURN: Grant(
        owner=True, roles=BUSINESS_UNIT_ROLES | SUB_GROUP_LEADERS, where="the deadline's sub-group"
    ),
    Action.REQUEST_EXTENSION: Grant(
        owner=True, roles=BUSINESS_UNIT_ROLES | SUB_GROUP_LEADERS, where="the deadline's sub-group"
    ),
    Action.DECIDE_SUBMISSION: Grant(
        roles=BUSINESS_UNIT_ROLES | {Role.INDEPENDENT_CHAIR}, where="the deadline's board"
    ),
    Action.MANAGE_REPORTS: Grant(roles=BUSINESS_UNIT_ROLES),
    Action.SEE_EXEMPT: Grant(roles=frozenset(Role), where="a body the material belongs to"),
    Action.KEEP_REGISTRY: Grant(roles=BUSINESS_UNIT_ROLES),
}
"""Who may do what: the engine's own table, which the checks below read."""


def permission_matrix() -> dict[tuple[Role, Action], bool]:
    """Every (role, action) pair: whether someone holding only that role, where the table says,
    and not the item's owner, may do it."""
    return {(role, action): role in PERMISSIONS[action].roles for action in Action for role in Role}


def may(
    person: PersonOnRecord, action: Action, *, owner_key: str | None = None, on: tuple[str | None, ...] = ()
) -> bool:
    """Whether ``person`` may do ``action`` on an item owned by ``owner_key`` and belonging to the bodies ``on``."""
    grant = PERMISSIONS[action]
    if grant.owner and owner_key is not None and person.key == owner_key:
        return True
    return any(
        held.role in grant.roles
        and (held.role in BUSINESS_UNIT_ROLES or (held.body_key is not None and held.body_key in on))
        for held in person.roles
    )


def _owner_lead_or_business_unit(person: PersonOnRecord, deadline: Deadline, action: Action) -> bool:
    return may(person, action, owner_key=deadline.owner_key, on=(deadline.sub_group_key,))


def check_may_update_action(person: PersonOnRecord, action: ActionOnRecord) -> None:
    """An action's monthly update comes from its owner, or the business unit on their behalf."""
    allowed = may(person, Action.UPDATE_ACTION, owner_key=action.owner_key)
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
        _owner_lead_or_business_unit(person, deadline, Action.SUBMIT_RETURN),
        ONLY_OWNER_LEAD_OR_BUSINESS_UNIT_SUBMITS,
        f"{person.name}, {deadline.title or deadline.subject}",
        person=person,
        subject=" ".join(deadline.key),
    )


def check_may_request_extension(person: PersonOnRecord, deadline: Deadline) -> None:
    _permit(
        _owner_lead_or_business_unit(person, deadline, Action.REQUEST_EXTENSION),
        ONLY_OWNER_LEAD_OR_BUSINESS_UNIT_REQUESTS_EXTENSIONS,
        person.name,
        person=person,
        subject=" ".join(deadline.key),
    )


def check_may_decide_submission(person: PersonOnRecord, deadline: Deadline) -> None:
    allowed = may(person, Action.DECIDE_SUBMISSION, on=(deadline.board_key,))
    _permit(
        allowed,
        ONLY_BUSINESS_UNIT_OR_CHAIR_DECIDES_SUBMISSIONS,
        person.name,
        person=person,
        subject=" ".join(deadline.key),
    )


def check_may_keep_registry(person: PersonOnRecord) -> None:
    _permit(
        may(person, Action.KEEP_REGISTRY),
        ONLY_THE_BUSINESS_UNIT_KEEPS_THE_REGISTRY,
        person.name,
        person=person,
    )


def check_may_manage_reports(person: PersonOnRecord) -> None:
    _permit(
        may(person, Action.MANAGE_REPORTS),
        ONLY_BUSINESS_UNIT_EDITS_AND_PUBLISHES_REPORTS,
        person.name,
        person=person,
    )


def may_see_exempt(person: PersonOnRecord, *body_keys: str | None) -> bool:
    """Exempt material (Sch 12A) belongs to bodies; their members and the business unit may see it."""
    return may(person, Action.SEE_EXEMPT, on=body_keys)


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
