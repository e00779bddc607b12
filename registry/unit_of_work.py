"""The only door to the database for use cases: one ``with uow:`` block is one transaction."""

from types import TracebackType
from typing import Self

from sqlalchemy.engine import Engine
from sqlmodel import Session

from registry.sql.action_plan_records import SqlActionPlanRecords
from registry.sql.audit_trail import SqlAuditTrail
from registry.sql.deadline_records import SqlDeadlineRecords
from registry.sql.extension_records import SqlExtensionRecords
from registry.sql.outbox import SqlOutbox
from registry.sql.partnership_records import SqlPartnershipRecords
from registry.sql.people import SqlPeople
from registry.sql.report_records import SqlReportRecords


class SqlUnitOfWork:
    """``dry_run=True`` runs everything and commits nothing: "what would happen if …"."""

    def __init__(self, engine: Engine, *, dry_run: bool = False) -> None:
        self._engine = engine
        self._dry_run = dry_run
        self._session: Session | None = None

    def __enter__(self) -> Self:
        if self._session is not None:
            raise RuntimeError("this unit of work is already open")
        self._session = Session(self._engine, expire_on_commit=False)
        self.actions = SqlActionPlanRecords(self._session)
        self.deadlines = SqlDeadlineRecords(self._session)
        self.outbox = SqlOutbox(self._session)
        self.people = SqlPeople(self._session)
        self.audit = SqlAuditTrail(self._session)
        self.partnership = SqlPartnershipRecords(self._session)
        self.reports = SqlReportRecords(self._session)
        self.extensions = SqlExtensionRecords(self._session)
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
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
