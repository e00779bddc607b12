"""The registry's side of reports: the report row, its approvals (by version) and the copies sent.

A report is read with the version people read (``drafted_as``): the fingerprint of the document
drafted from it and the registry, or the version frozen with its approval."""

from sqlmodel import col, select

from governance.documents.drafting import stamped
from governance.reports.model import Approval, Dispatch, ReportOnRecord
from registry import tables as m
from registry.sql.partnership_records import SqlPartnershipRecords
from registry.sql.report_files import SqlReportFiles
from registry.sql.scope import Scope


class SqlReportRecords:
    def __init__(self, scope: Scope) -> None:
        self._scope = scope
        self._session = scope.session

    def _row(self, key: str) -> m.Report | None:
        return self._session.exec(
            select(m.Report).where(m.Report.partnership_id == self._scope.partnership_id, m.Report.key == key)
        ).first()

    def find(self, key: str) -> ReportOnRecord | None:
        row = self._row(key)
        if row is None:
            return None
        board = self._session.get(m.Board, row.board_id)
        approvals = self._session.exec(
            select(m.ReportApproval, m.Person, m.Agency.key)
            .join(m.Person, col(m.ReportApproval.person_id) == m.Person.id)
            .join(m.Agency, col(m.ReportApproval.agency_id) == m.Agency.id, isouter=True)
            .where(m.ReportApproval.report_id == row.id)
            .order_by(m.ReportApproval.id)
        )
        dispatches = self._session.exec(
            select(m.ReportDispatch).where(m.ReportDispatch.report_id == row.id).order_by(m.ReportDispatch.id)
        )
        report = ReportOnRecord(
            key=row.key,
            kind=row.kind,
            board_key=board.key if board else "",
            period=row.period,
            title=row.title,
            meeting_on=row.meeting_on,
            state=row.state,
            content=row.content,
            published_on=row.published_on,
            approvals=tuple(
                Approval(
                    person_key=p.key,
                    person_name=p.name,
                    role=a.role,
                    agency_key=agency,
                    version=a.version,
                    at=a.at,
                )
                for a, p, agency in approvals
            ),
            dispatches=tuple(
                Dispatch(recipient=d.recipient, sent_to=d.sent_to, sent_on=d.sent_on) for d in dispatches
            ),
        )
        frozen = SqlReportFiles(self._scope).frozen_version(key)
        return stamped(report, SqlPartnershipRecords(self._scope).snapshot(), frozen_version=frozen)

    def hold(self, key: str) -> ReportOnRecord | None:
        row = self._row(key)
        if row is None or row.id is None:
            return None
        self._scope.lock(m.Report, row.id)
        return self.find(key)

    def add(self, report: ReportOnRecord) -> None:
        """Put a new draft on record (a cycle opening next year's report); its key must be free."""
        if self._row(report.key) is not None:
            raise ValueError(f"a report {report.key!r} is already on record")
        self._session.add(
            m.Report(
                partnership_id=self._scope.partnership_id,
                key=report.key,
                kind=report.kind,
                board_id=self._scope.id_of(m.Board, report.board_key),
                period=report.period,
                title=report.title,
                meeting_on=report.meeting_on,
                state=report.state,
                content=report.content,
                version=report.text_version,
            )
        )
        self._session.flush()

    def save(self, report: ReportOnRecord) -> None:
        row = self._row(report.key)
        assert row is not None, "reports are put on record by the partnership file or by add()"
        row.title, row.content, row.state, row.published_on, row.version = (
            report.title,
            report.content,
            report.state,
            report.published_on,
            report.text_version,  # the text's: the partnership file's approvals name it
        )
        self._session.add(row)
        for approval in report.approvals:
            if self._approval_stored(row.id, approval):
                continue
            person_id = self._scope.id_of(m.Person, approval.person_key)
            agency = self._scope.id_of(m.Agency, approval.agency_key) if approval.agency_key else None
            self._session.add(
                m.ReportApproval(
                    report_id=row.id,
                    person_id=person_id,
                    role=approval.role,
                    agency_id=agency,
                    version=approval.version,
                    at=approval.at,
                )
            )
        stored = set(
            self._session.exec(select(m.ReportDispatch.recipient).where(m.ReportDispatch.report_id == row.id))
        )
        for dispatch in report.dispatches:
            if dispatch.recipient not in stored:
                self._session.add(
                    m.ReportDispatch(
                        report_id=row.id,
                        recipient=dispatch.recipient,
                        sent_to=dispatch.sent_to,
                        sent_on=dispatch.sent_on,
                    )
                )

    def _approval_stored(self, report_id: int | None, approval: Approval) -> bool:
        return (
            self._session.exec(
                select(m.ReportApproval.id)
                .join(m.Person, col(m.ReportApproval.person_id) == m.Person.id)
                .where(
                    m.ReportApproval.report_id == report_id,
                    m.Person.partnership_id == self._scope.partnership_id,
                    m.Person.key == approval.person_key,
                    m.ReportApproval.role == approval.role,
                    m.ReportApproval.version == approval.version,
                )
            ).first()
            is not None
        )
