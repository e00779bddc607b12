"""The registry's side of ``Submissions``: a submission row, and every deadline it meets pointing at it."""

from collections import defaultdict
from datetime import date
from typing import Any

from sqlmodel import col, select

from governance.deadlines.model import Duty
from governance.returns.model import SubmissionOnRecord
from registry import tables as m
from registry.sql.scope import Scope


class SqlSubmissions:
    def __init__(self, scope: Scope) -> None:
        self._scope = scope
        self._session = scope.session

    def add(
        self,
        *,
        kind: str,
        sub_group_key: str | None,
        submitted_by: str,
        submitted_on: date,
        content: dict[str, Any],
        deadline_ids: list[int],
    ) -> int:
        row = m.Submission(
            partnership_id=self._scope.partnership_id,
            kind=kind,
            sub_group_id=self._scope.id_of(m.SubGroup, sub_group_key) if sub_group_key else None,
            submitted_by_id=self._scope.id_of(m.Person, submitted_by),
            submitted_on=submitted_on,
            content=content,
        )
        self._session.add(row)
        self._session.flush()
        assert row.id is not None
        for deadline in self._session.exec(
            select(m.Deadline).where(
                m.Deadline.partnership_id == self._scope.partnership_id, col(m.Deadline.id).in_(deadline_ids)
            )
        ):
            deadline.submission_id = row.id
            self._session.add(deadline)
        return row.id

    def _query(self) -> Any:
        return (
            select(m.Submission, m.Person, m.SubGroup.key)
            .join(m.Person, col(m.Submission.submitted_by_id) == m.Person.id)
            .join(m.SubGroup, col(m.Submission.sub_group_id) == m.SubGroup.id, isouter=True)
            .where(m.Submission.partnership_id == self._scope.partnership_id)
            .order_by(m.Submission.submitted_on, m.Submission.id)
        )

    def _meetings(self, ids: list[int]) -> dict[int, list[tuple[str, str]]]:
        found: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for submission_id, board, period in self._session.exec(
            select(m.Deadline.submission_id, m.Board.key, m.Deadline.period)
            .join(m.Board, col(m.Deadline.board_id) == m.Board.id)
            .where(
                m.Deadline.partnership_id == self._scope.partnership_id,
                col(m.Deadline.submission_id).in_(ids),
            )
            .order_by(m.Board.key, m.Deadline.period)
        ):
            found[submission_id].append((board, period))
        return found

    def _on_record(self, rows: list[Any]) -> list[SubmissionOnRecord]:
        meetings = self._meetings([s.id for s, _, _ in rows])
        return [
            SubmissionOnRecord(
                id=s.id,
                kind=s.kind,
                sub_group_key=sub_group,
                submitted_by=person.key,
                submitted_by_name=person.name,
                submitted_on=s.submitted_on,
                content=s.content,
                meetings=tuple(meetings[s.id]),
            )
            for s, person, sub_group in rows
        ]

    def find(self, submission_id: int) -> SubmissionOnRecord | None:
        rows = list(self._session.exec(self._query().where(m.Submission.id == submission_id)))
        return next(iter(self._on_record(rows)), None)

    def for_meeting(self, board_key: str, meeting_on: date) -> list[SubmissionOnRecord]:
        met = (
            select(m.Deadline.submission_id)
            .join(m.Board, col(m.Deadline.board_id) == m.Board.id)
            .where(
                m.Deadline.partnership_id == self._scope.partnership_id,
                m.Deadline.duty == Duty.SUB_GROUP_REPORT,
                m.Board.key == board_key,
                m.Deadline.period == meeting_on.isoformat(),
                col(m.Deadline.submission_id).is_not(None),
            )
        )
        rows = list(self._session.exec(self._query().where(col(m.Submission.id).in_(met))))
        return self._on_record(rows)
