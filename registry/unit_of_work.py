"""The only door to the database for use cases: one ``with uow:`` block is one transaction, for one
partnership. Every adapter it opens sees only that partnership's rows.

Two people acting at once: the use cases hold the record they check (``hold``), so the later one
waits and then sees the earlier one's change. Should the database still refuse a write (a unique
key taken a moment earlier, a deadlock broken by PostgreSQL, SQLite busy past its timeout), the
transaction is undone and the refusal is ``ConcurrentChange``, never a traceback. A refusal of
permission is itself recorded, in a transaction of its own, as a security event.
"""

from datetime import UTC, datetime
from types import TracebackType
from typing import Self

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session

from governance.permissions import PermissionRefused
from governance.rules import ONE_DECISION_AT_A_TIME, THE_REGISTRY_WAS_BUSY, ConcurrentChange
from registry.sql.action_plan_records import SqlActionPlanRecords
from registry.sql.audit_trail import SqlAuditTrail
from registry.sql.deadline_records import SqlDeadlineRecords
from registry.sql.extension_records import SqlExtensionRecords
from registry.sql.outbox import SqlOutbox
from registry.sql.partnership_records import SqlPartnershipRecords
from registry.sql.people import SqlPeople
from registry.sql.report_files import SqlReportFiles
from registry.sql.report_records import SqlReportRecords
from registry.sql.scope import Scope, chosen_partnership_id
from registry.sql.submission_records import SqlSubmissions

CONCURRENT = (IntegrityError, OperationalError)


class SqlUnitOfWork:
    """``partnership`` is its key; without one, the only partnership loaded (a refusal says which
    exist when there are several). ``dry_run=True`` runs everything and commits nothing."""

    def __init__(self, engine: Engine, *, partnership: str | None = None, dry_run: bool = False) -> None:
        self._engine = engine
        self._partnership = partnership
        self._dry_run = dry_run
        self._session: Session | None = None

    def __enter__(self) -> Self:
        if self._session is not None:
            raise RuntimeError("this unit of work is already open")
        self._session = Session(self._engine, expire_on_commit=False)
        try:
            scope = Scope(self._session, chosen_partnership_id(self._session, self._partnership))
        except BaseException:
            self._close()
            raise
        self._scope = scope
        self.partnership_id = scope.partnership_id
        self.actions = SqlActionPlanRecords(scope)
        self.deadlines = SqlDeadlineRecords(scope)
        self.outbox = SqlOutbox(scope)
        self.people = SqlPeople(scope)
        self.audit = SqlAuditTrail(scope)
        self.partnership = SqlPartnershipRecords(scope)
        self.reports = SqlReportRecords(scope)
        self.extensions = SqlExtensionRecords(scope)
        self.report_files = SqlReportFiles(scope)
        self.submissions = SqlSubmissions(scope)
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        try:
            if isinstance(exc, PermissionRefused) and not self._dry_run:
                self._record_refusal(exc)
        finally:
            self._close()
        if isinstance(exc, CONCURRENT) and is_a_race(exc):
            busy = "database is locked" in str(getattr(exc, "orig", exc))
            raise ConcurrentChange(THE_REGISTRY_WAS_BUSY if busy else ONE_DECISION_AT_A_TIME) from exc

    def _record_refusal(self, refusal: PermissionRefused) -> None:
        assert self._session is not None
        self._session.rollback()
        self.audit.record(
            at=datetime.now(UTC),
            actor=refusal.actor,
            event="permission refused",
            subject=refusal.subject,
            details={"rule": refusal.rule.name, "refusal": str(refusal), "security event": True},
        )
        try:
            self._session.commit()
        except CONCURRENT:
            self._session.rollback()  # the refusal stands; only its record is lost to a race

    def _close(self) -> None:
        assert self._session is not None
        try:
            self._session.rollback()  # whatever was not committed is undone
        finally:
            self._session.close()
            self._session = None

    def commit(self) -> None:
        assert self._session is not None, "commit outside 'with uow:'"
        if self._dry_run:
            self._session.flush()  # later reads in this transaction see the writes; the exit rolls them back
        else:
            self._session.commit()


def is_a_race(error: Exception) -> bool:
    """A unique key or lock lost to another transaction, not a fault in the registry itself."""
    if isinstance(error, IntegrityError):
        return (
            "UNIQUE" in str(error.orig) or "unique" in str(error.orig) or "duplicate key" in str(error.orig)
        )
    text = str(getattr(error, "orig", error)).lower()
    return any(sign in text for sign in ("database is locked", "deadlock detected", "could not serialize"))
