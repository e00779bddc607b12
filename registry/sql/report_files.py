"""The registry's side of ``ReportFiles``: rendered files of a report version, with their SHA-256,
kept with the approval that froze them and issued at publication."""

from sqlmodel import col, select

from governance.documents.files import Purpose, ReportFileOnRecord
from governance.documents.model import Audience
from registry import tables as m
from registry.sql.scope import Scope


class SqlReportFiles:
    def __init__(self, scope: Scope) -> None:
        self._scope = scope
        self._session = scope.session

    def _report_id(self, report_key: str) -> int:
        return self._scope.id_of(m.Report, report_key)

    def keep(self, file: ReportFileOnRecord) -> None:
        report_id = self._report_id(file.report_key)
        kept = self._session.exec(
            select(m.ReportFile.id).where(
                m.ReportFile.report_id == report_id,
                m.ReportFile.version == file.version,
                m.ReportFile.audience == file.audience.value,
                m.ReportFile.format == file.format,
                m.ReportFile.purpose == file.purpose.value,
            )
        ).first()
        if kept is not None:
            return
        self._session.add(
            m.ReportFile(
                report_id=report_id,
                version=file.version,
                audience=file.audience.value,
                format=file.format,
                purpose=file.purpose.value,
                sha256=file.sha256,
                content=file.content,
                made_at=file.made_at,
                made_by_id=self._scope.id_of(m.Person, file.made_by) if file.made_by else None,
            )
        )
        self._session.flush()

    def files(
        self, report_key: str, *, purpose: Purpose | None = None, version: str | None = None
    ) -> list[ReportFileOnRecord]:
        query = (
            select(m.ReportFile, m.Person.key)
            .join(m.Person, col(m.ReportFile.made_by_id) == m.Person.id, isouter=True)
            .where(m.ReportFile.report_id == self._report_id(report_key))
            .order_by(m.ReportFile.id)
        )
        if purpose is not None:
            query = query.where(m.ReportFile.purpose == purpose.value)
        if version is not None:
            query = query.where(m.ReportFile.version == version)
        return [
            ReportFileOnRecord(
                report_key=report_key,
                version=f.version,
                audience=Audience(f.audience),
                format=f.format,
                purpose=Purpose(f.purpose),
                content=f.content,
                made_at=f.made_at,
                made_by=person,
            )
            for f, person in self._session.exec(query)
        ]

    def frozen_version(self, report_key: str) -> str | None:
        return self._session.exec(
            select(m.ReportFile.version)
            .where(
                m.ReportFile.report_id == self._report_id(report_key),
                m.ReportFile.purpose == Purpose.APPROVAL.value,
            )
            .order_by(col(m.ReportFile.id).desc())
        ).first()
