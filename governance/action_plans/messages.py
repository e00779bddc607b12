"""The month's update request to an action owner: each action awaiting an update, with a link to
its form; an exempt plan's actions spelt out only to those entitled to see them."""

from collections.abc import Mapping
from datetime import date

from governance.action_plans.model import ActionReview, update_due_on
from governance.dates import month_label
from governance.notifications.exempt import EXEMPT_ITEM_NEEDS_YOUR_UPDATE, action_withheld_from
from governance.notifications.links import Item, Page, link, workspace_of
from governance.notifications.messages import message_to
from governance.notifications.model import MessageRenderer, OutboxMessage
from governance.partnership.people import PersonOnRecord
from governance.vocabulary import Cycle

UPDATE_REQUEST_TEMPLATE = "action_plan_update_request"


def update_request_key(owner_key: str, as_of: date) -> str:
    """The outbox key of the month's one update request to an owner: it is queued once a month."""
    return f"{Cycle.ACTION_PLAN_UPDATE}/{month_label(as_of)}/{owner_key}"


def update_request(
    owner: PersonOnRecord,
    reviews: list[ActionReview],
    as_of: date,
    render: MessageRenderer,
    *,
    partnership_key: str = "",
    contact: PersonOnRecord | None = None,
    deadline_ids: Mapping[str, int] | None = None,
) -> OutboxMessage:
    """The month's one message to an owner, listing each of their actions awaiting an update.

    ``deadline_ids`` numbers each action's update deadline (by reference): an action withheld from
    the owner is linked by that number, which says nothing of it."""
    base, ids = workspace_of(render), deadline_ids or {}
    ordered = sorted(reviews, key=lambda r: (r.action.due_on, r.action.reference))
    items = []
    for review in ordered:
        action, withheld = review.action, action_withheld_from(owner, review.action)
        if not withheld:
            target = link(base, Page.SUBMIT, partnership_key, Item.ACTION, action.reference)
        elif action.reference in ids:
            target = link(base, Page.SUBMIT, partnership_key, Item.DEADLINE, ids[action.reference])
        else:
            target = link(base, Page.MY_WORK, partnership_key)
        overdue_days = (as_of - action.due_on).days if review.standing.value == "overdue" else 0
        items.append(
            {
                "withheld": withheld,
                "due_on": action.due_on,
                "standing": review.standing.value,
                "link": target,
                **(
                    {}
                    if withheld
                    else {
                        "reference": action.reference,
                        "plan_title": action.plan_title,
                        "text": action.text,
                        "overdue_days": overdue_days,
                        "exempt_paragraph": action.plan_exempt_paragraph,
                    }
                ),
            }
        )
    context = {
        "owner_name": owner.name,
        "as_of": as_of,
        "update_due_on": update_due_on(as_of),
        "items": items,
        "reviews": [r for r in ordered if not action_withheld_from(owner, r.action)],
        "exempt_needs_update": EXEMPT_ITEM_NEEDS_YOUR_UPDATE,
    }
    return message_to(
        owner,
        key=update_request_key(owner.key, as_of),
        template=UPDATE_REQUEST_TEMPLATE,
        context=context,
        renderer=render,
        contact=contact,
    )
