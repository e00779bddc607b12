"""Use cases of the partnership itself: who someone is on its record, and the settings in force."""

from governance.partnership.people import PersonOnRecord
from governance.policy import GovernancePolicy
from governance.ports import UnitOfWork
from governance.rules import UnknownRecord


def person_on_record(uow: UnitOfWork, key_or_email: str) -> PersonOnRecord:
    """The person with this key or e-mail address, or a refusal naming it (inside an open unit of work)."""
    person = uow.people.find(key_or_email)
    if person is None and "@" in key_or_email:
        person = uow.people.find_by_email(key_or_email)
    if person is None:
        shown = key_or_email if len(key_or_email) <= 80 else key_or_email[:77] + "…"
        raise UnknownRecord(f"No person with key or e-mail address {shown!r} (`govern people` lists them)")
    return person


def policy_in_force(*, uow: UnitOfWork) -> GovernancePolicy:
    """The partnership's settings (the defaults for whatever its file does not set)."""
    with uow:
        return uow.partnership.snapshot().policy
