"""Use case: check that the partnership's audit trail is whole."""

from governance.audit.model import ChainCheck, verify
from governance.ports import UnitOfWork


def verify_audit_trail(*, uow: UnitOfWork) -> ChainCheck:
    with uow:
        head_sequence, head_hash = uow.audit.head()
        return verify(uow.audit.events(), head_sequence=head_sequence, head_hash=head_hash)
