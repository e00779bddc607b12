"""Use cases of the partnership itself: who someone is on its record, and the settings in force."""

from governance.partnership.people import PersonOnRecord
from governance.policy import GovernancePolicy
from governance.ports import UnitOfWork
from governance.rules import UnknownRecord


def person_on_record(uow: UnitOfWork, key: str) -> PersonOnRecord:
    """The person with this key, or a refusal naming the key (inside an open unit of work)."""
    person = uow.people.find(key)
    if person is None:
        raise UnknownRecord(f"No person with key {key!r}")
    return person


def policy_in_force(*, uow: UnitOfWork) -> GovernancePolicy:
    """The partnership's settings (the defaults for whatever its file does not set)."""
    with uow:
        return uow.partnership.snapshot().policy
