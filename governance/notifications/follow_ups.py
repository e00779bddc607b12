"""Every workflow step tells the people it concerns, through the outbox.

A submission or request goes to those who must decide it; a decision goes to the person who asked;
a report sent for review goes to its approvers; an approval or return goes to the business unit.
Each function is called by its use case inside the same transaction, so the message is queued if
and only if the step is recorded. Keys make each message once; nobody is told of their own step.
Each returns how many messages it queued.
"""

import hashlib
from datetime import date, datetime

from governance.action_plans.model import ActionOnRecord
from governance.deadlines.model import DeadlineOnRecord, DeadlineState
from governance.extensions.model import ExtensionRequestOnRecord
from governance.lifecycles import ExtensionState
from governance.notifications.exempt import action_withheld_from, deadline_title, deadline_withheld_from
from governance.notifications.links import Item, Page, link, workspace_of
from governance.notifications.messages import contact_of, each_once, message_to, queue
from governance.notifications.model import MessageRenderer
from governance.notifications.report_follow_ups import (
    tell_report_approved,
    tell_report_returned,
    tell_report_sent_for_review,
    telling,
)
from governance.partnership.model import PartnershipOnRecord
from governance.partnership.people import PersonOnRecord
from governance.ports import UnitOfWork
from governance.vocabulary import Role

__all__ = [
    "deciders_awaited",
    "tell_action_update_submitted",
    "tell_extension_decided",
    "tell_extension_requested",
    "tell_report_approved",
    "tell_report_returned",
    "tell_report_sent_for_review",
    "tell_returns_submitted",
    "tell_submission_decided",
    "telling",
]


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:8]


def _business_unit(p: PartnershipOnRecord, *, besides: str) -> list[PersonOnRecord]:
    contact = contact_of(p)
    return each_once([contact] if contact else [], besides=besides)


def tell_action_update_submitted(
    uow: UnitOfWork,
    action: ActionOnRecord,
    p: PartnershipOnRecord,
    *,
    period: str,
    progress: str,
    by: PersonOnRecord,
    renderer: MessageRenderer,
    at: datetime,
) -> int:
    """An owner's monthly update goes to the lead of the plan's lead sub-group (else its chair, else the
    business manager), who follows the plan up for its board."""
    group = action.lead_sub_group_key
    leads = p.holders(Role.SUB_GROUP_LEAD, group) if group else []
    chairs = p.holders(Role.SUB_GROUP_CHAIR, group) if group else []
    told = (
        each_once(leads, besides=by.key)
        or each_once(chairs, besides=by.key)
        or _business_unit(p, besides=by.key)
    )
    base, contact = workspace_of(renderer), contact_of(p)
    messages = []
    for person in told:
        withheld = action_withheld_from(person, action)
        context = {
            "withheld": withheld,
            "title": "an exempt item" if withheld else f"{action.reference} ({action.plan_title})",
            "action_text": "" if withheld else action.text,
            "progress": "" if withheld else progress,
            "month": date.fromisoformat(f"{period}-01"),
            "submitted_by": by.name,
            "link": link(base, Page.ACTION_PLANS, p.key)
            if withheld
            else link(base, Page.ACTION_PLANS, p.key, Item.ACTION, action.reference),
        }
        key = f"action-update-submitted/{action.reference}/{period}/{person.key}"
        messages.append(
            message_to(
                person,
                key=key,
                template="action_update_submitted",
                context=context,
                renderer=renderer,
                contact=contact,
            )
        )
    return queue(uow, messages, at=at)


def deciders_awaited(
    request: ExtensionRequestOnRecord, deadline: DeadlineOnRecord, p: PartnershipOnRecord
) -> list[PersonOnRecord]:
    """Everyone holding a role the request still awaits, on the deadline's board (or partnership-wide)."""
    holders = [
        person
        for role in request.awaiting()
        for person in p.holders(role, deadline.board_key if role.is_held_on_a_body else None)
    ]
    decided = {d.person_key for d in request.decisions}
    return [x for x in each_once(holders, besides=request.requested_by) if x.key not in decided]


def tell_extension_requested(
    uow: UnitOfWork,
    request: ExtensionRequestOnRecord,
    deadline: DeadlineOnRecord,
    p: PartnershipOnRecord,
    *,
    renderer: MessageRenderer,
    at: datetime,
) -> int:
    """A request goes to each person who must decide it, with its reason and evidence."""
    base, contact = workspace_of(renderer), contact_of(p)
    asker = p.person(request.requested_by)
    messages = []
    for person in deciders_awaited(request, deadline, p):
        withheld = deadline_withheld_from(person, deadline, p)
        context = {
            "withheld": withheld,
            "title": deadline_title(deadline, person, p),
            "requested_by": asker.name,
            "current_due_on": request.current_due_on,
            "proposed_due_on": request.proposed_due_on,
            "reason": "" if withheld else request.reason,
            "evidence": "" if withheld else request.evidence,
            "deciders": [f"the {r.value}" for r in request.required],
            "link": link(base, Page.APPROVALS, p.key, Item.EXTENSION, request.id),
        }
        messages.append(
            message_to(
                person,
                key=f"extension-requested/{request.id}/{person.key}",
                template="extension_requested",
                context=context,
                renderer=renderer,
                contact=contact,
            )
        )
    return queue(uow, messages, at=at)


def tell_extension_decided(
    uow: UnitOfWork,
    request: ExtensionRequestOnRecord,
    deadline: DeadlineOnRecord,
    p: PartnershipOnRecord,
    *,
    by: PersonOnRecord,
    renderer: MessageRenderer,
    at: datetime,
) -> int:
    """Each decision goes to the person who asked: ``request`` as it stands after the decision."""
    asker = p.person(request.requested_by)
    if asker.key == by.key:
        return 0
    decision = next(d for d in reversed(request.decisions) if d.person_key == by.key)
    withheld = deadline_withheld_from(asker, deadline, p)
    refused = request.state is ExtensionState.REFUSED
    base = workspace_of(renderer)
    context = {
        "withheld": withheld,
        "title": deadline_title(deadline, asker, p),
        "decided_by": by.name,
        "role": decision.role.value,
        "approve": decision.approve,
        "state": request.state.value,
        "awaiting": [r.value for r in request.awaiting()] if not refused else [],
        "note": "" if withheld else decision.note,
        "current_due_on": request.current_due_on,
        "proposed_due_on": request.proposed_due_on,
        "link": link(base, Page.SUBMIT, p.key, Item.DEADLINE, deadline.id)
        if refused
        else link(base, Page.MY_WORK, p.key, Item.EXTENSION, request.id),
    }
    message = message_to(
        asker,
        key=f"extension-decided/{request.id}/{by.key}",
        template="extension_decided",
        context=context,
        renderer=renderer,
        contact=contact_of(p),
    )
    return queue(uow, [message], at=at)


def tell_returns_submitted(
    uow: UnitOfWork,
    deadlines: list[DeadlineOnRecord],
    p: PartnershipOnRecord,
    *,
    by: PersonOnRecord,
    on: date,
    note: str = "",
    renderer: MessageRenderer,
    at: datetime,
) -> int:
    """A return (or one sub-group report for several boards) goes to the business unit, who accepts or
    returns it, in one message listing each deadline it meets."""
    if not deadlines:
        return 0
    base, contact = workspace_of(renderer), contact_of(p)
    ids = "-".join(str(d.id) for d in sorted(deadlines, key=lambda d: d.id))
    messages = []
    for person in _business_unit(p, besides=by.key):
        items = [
            {
                "title": deadline_title(d, person, p),
                "board": p.board(d.board_key).short_name,
                "due_on": d.due_on,
                "link": link(base, Page.APPROVALS, p.key, Item.DEADLINE, d.id),
            }
            for d in sorted(deadlines, key=lambda d: (d.due_on, d.id))
        ]
        withheld = any(deadline_withheld_from(person, d, p) for d in deadlines)
        context = {"items": items, "submitted_by": by.name, "note": "" if withheld else note}
        messages.append(
            message_to(
                person,
                key=f"return-submitted/{ids}/{on.isoformat()}/{_digest(note)}/{person.key}",
                template="return_submitted",
                context=context,
                renderer=renderer,
                contact=contact,
            )
        )
    return queue(uow, messages, at=at)


def tell_submission_decided(
    uow: UnitOfWork,
    deadline: DeadlineOnRecord,
    state: DeadlineState,
    p: PartnershipOnRecord,
    *,
    by: PersonOnRecord,
    on: date,
    note: str = "",
    renderer: MessageRenderer,
    at: datetime,
) -> int:
    """An acceptance or a return goes to the deadline's owner, who submitted it (or whose it is)."""
    owner = p.person(deadline.owner_key)
    if owner.key == by.key:
        return 0
    base = workspace_of(renderer)
    returned = state is DeadlineState.RETURNED
    withheld = deadline_withheld_from(owner, deadline, p)
    context = {
        "title": deadline_title(deadline, owner, p),
        "board": p.board(deadline.board_key).short_name,
        "returned": returned,
        "decided_by": by.name,
        "due_on": deadline.due_on,
        "note": "" if withheld else note,
        "link": link(base, Page.SUBMIT if returned else Page.MY_WORK, p.key, Item.DEADLINE, deadline.id),
    }
    message = message_to(
        owner,
        key=f"submission-{state.value}/{deadline.id}/{on.isoformat()}/{_digest(note)}",
        template="submission_decided",
        context=context,
        renderer=renderer,
        contact=contact_of(p),
    )
    return queue(uow, [message], at=at)
