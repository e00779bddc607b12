"""A message to one person, as every workflow step writes it: rendered from its template, naming
the contact (the business manager, by name) whose address is its Reply-To."""

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from governance.notifications.model import MessageRenderer, OutboxMessage
from governance.partnership.model import PartnershipOnRecord
from governance.partnership.people import PersonOnRecord
from governance.ports import UnitOfWork
from governance.vocabulary import Role

UNIT = "Safeguarding Business Unit"
UNIT_ROLES_IN_ORDER = (Role.BUSINESS_MANAGER, Role.DEPUTY_BUSINESS_MANAGER, Role.BUSINESS_ADMINISTRATOR)


def contact_of(p: PartnershipOnRecord) -> PersonOnRecord | None:
    """Whom a message names to contact: the business manager (else a deputy, else an administrator)."""
    try:
        return p.business_manager()
    except LookupError:
        return None


def contact_context(contact: PersonOnRecord | None) -> dict[str, str]:
    """How the templates name the contact (``_contact.txt.j2``)."""
    if contact is None:
        return {"contact_name": "", "contact_role": "", "contact_email": "", "unit": UNIT}
    role = next((r for r in UNIT_ROLES_IN_ORDER if contact.holds(r)), None)
    return {
        "contact_name": contact.name,
        "contact_role": role.value.capitalize() if role else "",
        "contact_email": contact.email,
        "unit": UNIT,
    }


def message_to(
    person: PersonOnRecord,
    *,
    key: str,
    template: str,
    context: Mapping[str, Any],
    renderer: MessageRenderer,
    contact: PersonOnRecord | None,
    not_before: datetime | None = None,
    board_key: str | None = None,
) -> OutboxMessage:
    """The message ``template`` makes for ``person``; ``key`` makes queueing it idempotent. A digest
    groups it by ``board_key`` and by what it asks (the template's name)."""
    subject, body = renderer.render(
        template, {"person_name": person.name, **contact_context(contact), **context}
    )
    return OutboxMessage(
        key=key,
        recipient_key=person.key,
        recipient_name=person.name,
        address=person.email,
        subject=subject,
        body=body,
        not_before=not_before,
        reply_to=contact.email if contact is not None else None,
        board_key=board_key,
        ask=template,
    )


def queue(uow: UnitOfWork, messages: Iterable[OutboxMessage], *, at: datetime) -> int:
    """Queue each message unless its key was queued before; how many were new."""
    return sum(uow.outbox.enqueue(message, at=at) for message in messages)


def each_once(people: Iterable[PersonOnRecord], *, besides: str | None = None) -> list[PersonOnRecord]:
    """The people in order, each once, leaving out ``besides`` (nobody is told of their own step)."""
    seen: dict[str, PersonOnRecord] = {}
    for person in people:
        if person.key != besides:
            seen.setdefault(person.key, person)
    return list(seen.values())
