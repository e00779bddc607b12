"""The registry's side of deadlines: recorded once by key, moved only through the lifecycle's states,
extended with the first due date kept, and the escalation steps taken for each due date.

The daily cycles' paths are set-based: deadlines and steps are written with bulk
``INSERT … ON CONFLICT DO NOTHING`` (the unique keys decide what is already there, so two runs at
once record each once), the window opens with one ``UPDATE``, and the steps due on a day come from
one indexed query (``registry.sql.deadline_sweep``). No list of ids is ever bound as parameters.
"""

from collections import defaultdict
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlmodel import col, select

from governance.deadlines.escalation import DueStep, StepsRecorded, TakenStep
from governance.deadlines.model import Deadline as DeadlineOccurrence
from governance.deadlines.model import DeadlineOnRecord, DeadlineState, Duty, LiveDeadline
from governance.policy import EscalationStep
from registry import tables as m
from registry.sql.deadline_sweep import (
    deadline_values,
    due_steps_from,
    insert_ignoring_duplicates,
    steps_due_query,
    steps_to_tell_from,
    steps_to_tell_query,
    take_steps_due,
    told_statement,
)
from registry.sql.scope import Scope


class SqlDeadlineRecords:
    def __init__(self, scope: Scope) -> None:
        self._scope = scope
        self._session = scope.session
        self._known: dict[str, set[tuple[str, str]]] = {}
        self._ids: dict[tuple[type, str], int | None] = {}

    def _known_in(self, period: str) -> set[tuple[str, str]]:
        if period not in self._known:
            rows = self._session.exec(
                select(m.Deadline.duty, m.Deadline.subject).where(self._mine(), m.Deadline.period == period)
            )
            self._known[period] = {(duty.value, subject) for duty, subject in rows}
        return self._known[period]

    def _id_of(self, table: type, key: str | None) -> int | None:
        if key is None:
            return None
        if (table, key) not in self._ids:
            self._ids[(table, key)] = self._scope.id_of(table, key)
        return self._ids[(table, key)]

    def record(self, deadline: DeadlineOccurrence, *, recorded_on: date) -> bool:
        known = self._known_in(deadline.period)
        if (deadline.duty.value, deadline.subject) in known:
            return False
        self._session.add(
            m.Deadline(
                partnership_id=self._scope.partnership_id,
                duty=deadline.duty,
                subject=deadline.subject,
                period=deadline.period,
                due_on=deadline.due_on,
                original_due_on=deadline.due_on,
                opens_on=deadline.opens_on,
                title=deadline.title,
                owner_id=self._id_of(m.Person, deadline.owner_key),
                board_id=self._id_of(m.Board, deadline.board_key),
                sub_group_id=self._id_of(m.SubGroup, deadline.sub_group_key),
                state=deadline.state,
                recorded_on=recorded_on,
                submitted_on=recorded_on if deadline.state is DeadlineState.SUBMITTED else None,
            )
        )
        known.add((deadline.duty.value, deadline.subject))
        return True

    def record_all(
        self, deadlines: list[DeadlineOccurrence], *, recorded_on: date
    ) -> list[tuple[str, str, str]]:
        if not deadlines:
            return []
        known = self._recorded_between(min(d.due_on for d in deadlines), max(d.due_on for d in deadlines))
        fresh = list({d.key: d for d in deadlines if d.key not in known}.values())
        ids = {table: self._ids_of(table) for table in (m.Person, m.Board, m.SubGroup)}
        rows = [deadline_values(d, self._scope.partnership_id, ids, recorded_on) for d in fresh]
        new = insert_ignoring_duplicates(
            self._session,
            m.Deadline.__table__,
            rows,
            returning=("duty", "subject", "period"),
        )
        self._known.clear()
        return [(duty.value, subject, period) for duty, subject, period in new]

    def _recorded_between(self, start: date, end: date) -> set[tuple[str, str, str]]:
        """The keys already recorded first due in the range: what a bulk insert need not send again."""
        rows = self._session.exec(
            select(m.Deadline.duty, m.Deadline.subject, m.Deadline.period).where(
                self._mine(), m.Deadline.original_due_on >= start, m.Deadline.original_due_on <= end
            )
        )
        return {(duty.value, subject, period) for duty, subject, period in rows}

    def _ids_of(self, table: type) -> dict[str, int]:
        rows = self._session.exec(
            select(table.key, table.id).where(table.partnership_id == self._scope.partnership_id)
        )
        return dict(rows.all())

    def live_keys(self, *, state: DeadlineState) -> list[LiveDeadline]:
        rows = self._session.exec(
            select(
                m.Deadline.id,
                m.Deadline.duty,
                m.Deadline.subject,
                m.Deadline.period,
                m.Deadline.state,
                m.Deadline.original_due_on,
            )
            .where(self._mine(), m.Deadline.state == state)
            .order_by(m.Deadline.due_on, m.Deadline.id)
        )
        return [
            LiveDeadline(id=i, duty=duty, subject=subject, period=period, state=st, original_due_on=first)
            for i, duty, subject, period, st, first in rows
        ]

    def open_due(self, as_of: date, *, to: DeadlineState) -> int:
        table = m.Deadline.__table__
        opened = self._session.execute(
            sa.update(table)
            .where(
                table.c.partnership_id == self._scope.partnership_id,
                table.c.state == DeadlineState.SCHEDULED,
                sa.or_(table.c.opens_on.is_(None), table.c.opens_on <= as_of),
            )
            .values(state=to)
        )
        self._session.expire_all()  # rows read before see the new state
        return opened.rowcount

    def steps_due_on(self, as_of: date, ladder: tuple[EscalationStep, ...]) -> list[DueStep]:
        if not ladder:
            return []
        rows = self._session.execute(steps_due_query(self._scope.partnership_id, as_of, ladder)).all()
        return due_steps_from(rows, ladder)

    def take_steps_due(self, as_of: date, ladder: tuple[EscalationStep, ...]) -> StepsRecorded:
        return take_steps_due(self._session, as_of, ladder, partnerships=[self._scope.partnership_id])

    def steps_to_tell(self, ladder: tuple[EscalationStep, ...]) -> list[DueStep]:
        rows = self._session.execute(steps_to_tell_query(self._scope.partnership_id)).all()
        return steps_to_tell_from(rows, ladder)

    def record_told(self, steps: list[TakenStep]) -> None:
        if steps:
            self._session.execute(
                told_statement(),
                [
                    {
                        "d_id": s.deadline_id,
                        "d_step": s.step,
                        "d_for_due_on": s.for_due_on,
                        "d_key": s.message_key,
                        "d_skipped": s.skipped,
                    }
                    for s in steps
                ],
            )

    def record_steps(self, steps: list[TakenStep], *, on: date) -> None:
        insert_ignoring_duplicates(
            self._session,
            m.EscalationStepTaken.__table__,
            [
                {
                    "deadline_id": s.deadline_id,
                    "step": s.step,
                    "for_due_on": s.for_due_on,
                    "taken_on": on,
                    "skipped": s.skipped,
                    "notification_key": s.message_key,
                }
                for s in steps
            ],
        )

    def _rows(self, *conditions: Any) -> list[DeadlineOnRecord]:
        owner, board, sub_group = (
            sa.orm.aliased(m.Person),
            sa.orm.aliased(m.Board),
            sa.orm.aliased(m.SubGroup),
        )
        query = (
            select(m.Deadline, owner.key, board.key, sub_group.key)
            .join(owner, col(m.Deadline.owner_id) == owner.id)
            .join(board, col(m.Deadline.board_id) == board.id)
            .join(sub_group, col(m.Deadline.sub_group_id) == sub_group.id, isouter=True)
            .where(self._mine(), *conditions)
            .order_by(m.Deadline.due_on, m.Deadline.id)
        )
        rows = self._session.exec(query).all()
        steps: dict[int, set[str]] = defaultdict(set)
        for deadline_id, step in self._session.exec(  # the same deadlines, joined: no list of ids to bind
            select(m.EscalationStepTaken.deadline_id, m.EscalationStepTaken.step)
            .join(m.Deadline, col(m.EscalationStepTaken.deadline_id) == m.Deadline.id)
            .where(self._mine(), *conditions, m.EscalationStepTaken.for_due_on == m.Deadline.due_on)
        ):
            steps[deadline_id].add(step)
        return [
            DeadlineOnRecord(
                **d.model_dump(
                    include={
                        "id",
                        "duty",
                        "subject",
                        "period",
                        "due_on",
                        "opens_on",
                        "title",
                        "state",
                        "original_due_on",
                        "extensions",
                    }
                ),
                owner_key=owner_key,
                board_key=board_key,
                sub_group_key=sub_group_key,
                steps_taken=frozenset(steps[d.id]),
            )
            for d, owner_key, board_key, sub_group_key in rows
        ]

    def _mine(self) -> Any:
        return m.Deadline.partnership_id == self._scope.partnership_id

    def _row(self, deadline_id: int) -> m.Deadline:
        row = self._session.get(m.Deadline, deadline_id)
        assert row is not None and row.partnership_id == self._scope.partnership_id, (
            "a deadline of this partnership"
        )
        return row

    def find(self, key: tuple[str, str, str]) -> DeadlineOnRecord | None:
        duty, subject, period = key
        found = self._rows(
            m.Deadline.duty == duty, m.Deadline.subject == subject, m.Deadline.period == period
        )
        return found[0] if found else None

    def hold(self, key: tuple[str, str, str]) -> DeadlineOnRecord | None:
        duty, subject, period = key
        row_id = self._session.exec(
            select(m.Deadline.id).where(
                self._mine(),
                m.Deadline.duty == duty,
                m.Deadline.subject == subject,
                m.Deadline.period == period,
            )
        ).first()
        if row_id is None:
            return None
        self._scope.lock(m.Deadline, row_id)
        return self.find(key)

    def any_recorded(self, duties: frozenset[Duty] | None = None) -> bool:
        query = select(m.Deadline.id).where(self._mine())
        if duties is not None:
            query = query.where(col(m.Deadline.duty).in_(sorted(duties)))  # a handful of duty names
        return self._session.exec(query.limit(1)).first() is not None

    def live(self) -> list[DeadlineOnRecord]:
        return self._rows(m.Deadline.state != DeadlineState.CLOSED)

    def change_state(self, deadline_id: int, state: DeadlineState, *, on: date, note: str = "") -> None:
        row = self._row(deadline_id)
        row.state = state
        if state is DeadlineState.SUBMITTED:
            row.submitted_on = on
        elif state in (DeadlineState.ACCEPTED, DeadlineState.RETURNED):
            row.decided_on = on
        elif state is DeadlineState.CLOSED:
            row.closed_on = on
        if note:
            row.note = note
        self._session.add(row)

    def extend(self, deadline_id: int, *, to: date) -> None:
        row = self._row(deadline_id)
        row.due_on, row.extensions = to, row.extensions + 1
        self._session.add(row)

    def record_step(
        self,
        deadline_id: int,
        step: str,
        *,
        for_due_on: date,
        on: date,
        skipped: bool,
        message_key: str | None,
    ) -> None:
        self._session.add(
            m.EscalationStepTaken(
                deadline_id=deadline_id,
                step=step,
                for_due_on=for_due_on,
                taken_on=on,
                skipped=skipped,
                notification_key=message_key,
            )
        )
