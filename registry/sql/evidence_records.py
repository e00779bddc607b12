"""The registry's side of ``EvidenceRecords``: uploaded files kept in the ``Evidence`` table, with
what each supports; and the unit of work the pages use, which opens it beside the others."""

from datetime import datetime
from typing import Self

from sqlmodel import col, select

from governance.evidence.model import EvidenceFor, EvidenceOnRecord, Supports
from governance.rules import UnknownRecord
from registry import tables as m
from registry.sql.scope import Scope
from registry.unit_of_work import SqlUnitOfWork


class SqlEvidenceRecords:
    def __init__(self, scope: Scope) -> None:
        self._scope = scope
        self._session = scope.session

    def add(
        self,
        about: EvidenceFor,
        *,
        file_name: str,
        media_type: str,
        content: bytes,
        sha256: str,
        uploaded_by: str,
        at: datetime,
    ) -> int:
        row = m.Evidence(
            partnership_id=self._scope.partnership_id,
            subject=about.subject,
            file_name=file_name,
            media_type=media_type,
            size=len(content),
            sha256=sha256,
            content=content,
            uploaded_by_id=self._scope.id_of(m.Person, uploaded_by),
            uploaded_at=at,
            **self._links(about),
        )
        self._session.add(row)
        self._session.flush()
        assert row.id is not None
        return row.id

    def _links(self, about: EvidenceFor) -> dict[str, int | None]:
        match about.supports:
            case Supports.ACTION_UPDATE:
                update = self._session.exec(
                    select(m.ActionUpdate.id)
                    .join(m.Action, col(m.ActionUpdate.action_id) == m.Action.id)
                    .where(m.Action.partnership_id == self._scope.partnership_id)
                    .where(m.Action.reference == about.reference, m.ActionUpdate.period == about.period)
                    .order_by(col(m.ActionUpdate.id).desc())
                ).first()
                return {"action_update_id": update}
            case Supports.RETURN:
                duty, subject, period = about.deadline_key or ("", "", "")
                found = self._session.exec(
                    select(m.Deadline.id).where(
                        m.Deadline.partnership_id == self._scope.partnership_id,
                        m.Deadline.duty == duty,
                        m.Deadline.subject == subject,
                        m.Deadline.period == period,
                    )
                ).first()
                if found is None:
                    raise UnknownRecord(f"No deadline recorded for {duty} {subject} {period}")
                return {"deadline_id": found}
            case Supports.EXTENSION_REQUEST:
                return {"extension_request_id": about.request_id}

    def find(self, evidence_id: int) -> EvidenceOnRecord | None:
        row = self._session.get(m.Evidence, evidence_id)
        if row is None or row.partnership_id != self._scope.partnership_id:
            return None
        return self._on_record(row, with_content=True)

    def supporting(self, about: EvidenceFor) -> list[EvidenceOnRecord]:
        rows = self._session.exec(
            select(m.Evidence)
            .where(
                m.Evidence.partnership_id == self._scope.partnership_id, m.Evidence.subject == about.subject
            )
            .order_by(m.Evidence.id)
        )
        return [self._on_record(row, with_content=False) for row in rows]

    def _on_record(self, row: m.Evidence, *, with_content: bool) -> EvidenceOnRecord:
        person = self._session.get(m.Person, row.uploaded_by_id)
        assert person is not None and row.id is not None
        return EvidenceOnRecord(
            id=row.id,
            about=self._about(row),
            file_name=row.file_name,
            media_type=row.media_type,
            size=row.size,
            sha256=row.sha256,
            uploaded_by=person.key,
            uploaded_by_name=person.name,
            uploaded_at=row.uploaded_at,
            content=row.content if with_content else None,
        )

    def _about(self, row: m.Evidence) -> EvidenceFor:
        if row.extension_request_id is not None:
            return EvidenceFor(supports=Supports.EXTENSION_REQUEST, request_id=row.extension_request_id)
        if row.deadline_id is not None:
            d = self._session.get(m.Deadline, row.deadline_id)
            assert d is not None
            return EvidenceFor(
                supports=Supports.RETURN, period=d.period, deadline_key=(d.duty.value, d.subject, d.period)
            )
        reference, _, period = row.subject.removeprefix("action ").rpartition(" ")
        return EvidenceFor(supports=Supports.ACTION_UPDATE, reference=reference, period=period)


class EvidenceUnitOfWork(SqlUnitOfWork):
    """``SqlUnitOfWork`` with the evidence kept beside the rest, in the same transaction."""

    def __enter__(self) -> Self:
        super().__enter__()
        self.evidence = SqlEvidenceRecords(self._scope)
        return self
