"""The set-based SQL of the daily cycles: the escalation sweep as one indexed query, and bulk
``INSERT … ON CONFLICT DO NOTHING`` in chunks under every database's limit on bound parameters.

The sweep's rule is ``governance.deadlines.escalation.steps_due``: a step is reached on ``as_of``
when ``due_on + days <= as_of``. The ladder comes from the partnership's policy as a small table of
(order, name, latest due date reaching it), so the query compares dates and never does date
arithmetic in SQL; it is the same on SQLite and PostgreSQL. ``tests/test_sweep_contract.py`` keeps
it equal to the rule.
"""

from collections.abc import Sequence
from datetime import date
from itertools import groupby
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from governance.deadlines.escalation import DueStep, StepsRecorded, trigger_cutoffs
from governance.deadlines.model import Deadline, DeadlineState
from governance.policy import EscalationStep
from governance.rules import UnknownRecord
from registry import tables as m

WAITING = (DeadlineState.OPEN, DeadlineState.RETURNED)
PARAMETERS_PER_STATEMENT = 30_000
"""Under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters."""


def ladder_table(as_of: date, ladder: Sequence[EscalationStep]) -> Any:
    """The ladder as rows (step, name, cut): ``step`` its order, ``cut`` the latest due date that reaches it."""
    rows = [
        sa.select(
            sa.literal(i, sa.Integer).label("step"),
            sa.literal(name, sa.String).label("name"),
            sa.literal(cut, sa.Date).label("cut"),
        )
        for i, name, cut in trigger_cutoffs(as_of, tuple(ladder))
    ]
    return sa.union_all(*rows).subquery("ladder") if len(rows) > 1 else rows[0].subquery("ladder")


def reached_and_not_taken(
    as_of: date, ladder: Sequence[EscalationStep], *, partnership_id: int | None
) -> Any:
    """(deadline id, step order) for each waiting deadline and each step it has reached and not taken
    for its current due date; every partnership's when ``partnership_id`` is None (the benchmark's bound)."""
    d, steps = m.Deadline.__table__, ladder_table(as_of, ladder)
    taken = _taken_already(d, steps)
    query = (
        sa.select(d.c.id, steps.c.step)
        .select_from(d.join(steps, d.c.due_on <= steps.c.cut))
        .where(d.c.state.in_(WAITING), ~taken)
    )
    if partnership_id is not None:
        query = query.where(d.c.partnership_id == partnership_id)
    return query


def _taken_already(d: sa.Table, steps: Any) -> Any:
    """Whether the step was taken (told or skipped) for the deadline's current due date."""
    t = m.EscalationStepTaken.__table__
    return (
        sa.select(t.c.id)
        .where(t.c.deadline_id == d.c.id, t.c.step == steps.c.name, t.c.for_due_on == d.c.due_on)
        .exists()
    )


def take_steps_due_statement(
    as_of: date, ladder: Sequence[EscalationStep], *, partnerships: Sequence[int] | sa.Select, dialect: str
) -> Any:
    """Record, for each deadline of the ``partnerships`` (their ids, or a SELECT of them), every step
    ``reached_and_not_taken`` finds: the latest reached to tell (no message yet), the earlier ones
    skipped. One ``INSERT … SELECT``; the unique (deadline, step, due date) keeps a step once however
    many sweeps run at once."""
    d, steps = m.Deadline.__table__, ladder_table(as_of, ladder)
    taken = _taken_already(d, steps)
    latest = sa.func.max(steps.c.step).over(partition_by=d.c.id)
    reached = (
        sa.select(
            d.c.id,
            steps.c.name,
            d.c.due_on,
            sa.literal(as_of, sa.Date),
            sa.case((steps.c.step < latest, sa.true()), else_=sa.false()),
        )
        .select_from(d.join(steps, d.c.due_on <= steps.c.cut))
        .where(d.c.partnership_id.in_(partnerships), d.c.state.in_(WAITING), ~taken)
    )
    columns = ["deadline_id", "step", "for_due_on", "taken_on", "skipped"]
    insert = (sqlite if dialect == "sqlite" else postgresql).insert(m.EscalationStepTaken.__table__)
    return insert.from_select(columns, reached).on_conflict_do_nothing()


def take_steps_due(
    session: Session,
    as_of: date,
    ladder: Sequence[EscalationStep],
    *,
    partnerships: Sequence[int] | sa.Select,
) -> StepsRecorded:
    """Run ``take_steps_due_statement``; how many steps it recorded to tell and how many skipped."""
    if not ladder:
        return StepsRecorded()
    t = m.EscalationStepTaken.__table__
    dialect = session.get_bind().dialect.name
    statement = take_steps_due_statement(as_of, ladder, partnerships=partnerships, dialect=dialect)
    skipped = session.execute(statement.returning(t.c.skipped)).scalars().all()
    return StepsRecorded(to_tell=skipped.count(False), skipped=sum(map(bool, skipped)))


def steps_to_tell_query(partnership_id: int) -> Any:
    """The steps taken and not yet told of the partnership's waiting deadlines, for their current due
    date, with what a message needs of each deadline, soonest due first."""
    d, t = m.Deadline.__table__, m.EscalationStepTaken.__table__
    p, b, g = m.Person.__table__, m.Board.__table__, m.SubGroup.__table__
    return (
        sa.select(*_deadline_columns(d, p, b, g), t.c.step)
        .select_from(_with_what_a_message_needs(t, t.c.deadline_id, d, p, b, g))
        .where(
            d.c.partnership_id == partnership_id,
            d.c.state.in_(WAITING),
            t.c.for_due_on == d.c.due_on,
            t.c.skipped.is_(sa.false()),
            t.c.notification_key.is_(None),
        )
        .order_by(d.c.due_on, d.c.id, t.c.id)
    )


def _with_what_a_message_needs(
    rows: Any, deadline_id: Any, d: sa.Table, p: sa.Table, b: sa.Table, g: sa.Table
) -> Any:
    """``rows`` joined to their deadline, its owner, board and sub-group (if any)."""
    return (
        rows.join(d, d.c.id == deadline_id)
        .join(p, p.c.id == d.c.owner_id)
        .join(b, b.c.id == d.c.board_id)
        .outerjoin(g, g.c.id == d.c.sub_group_id)
    )


def _deadline_columns(d: sa.Table, p: sa.Table, b: sa.Table, g: sa.Table) -> list[Any]:
    return [
        d.c.id,
        d.c.duty,
        d.c.subject,
        d.c.period,
        d.c.due_on,
        d.c.opens_on,
        d.c.title,
        d.c.state,
        p.c.key.label("owner_key"),
        b.c.key.label("board_key"),
        g.c.key.label("sub_group_key"),
    ]


def told_statement() -> Any:
    """Mark one step told (its message's key) or skipped, by deadline, step and due date: executed
    once with a row per step, so no list of ids is bound."""
    t = m.EscalationStepTaken.__table__
    return (
        sa.update(t)
        .where(
            t.c.deadline_id == sa.bindparam("d_id"),
            t.c.step == sa.bindparam("d_step"),
            t.c.for_due_on == sa.bindparam("d_for_due_on"),
        )
        .values(notification_key=sa.bindparam("d_key"), skipped=sa.bindparam("d_skipped"))
    )


def steps_due_query(partnership_id: int, as_of: date, ladder: Sequence[EscalationStep]) -> Any:
    """The partnership's reached steps with what a message needs of each deadline, soonest due first."""
    due = reached_and_not_taken(as_of, ladder, partnership_id=partnership_id).subquery("due")
    d, p, b, g = m.Deadline.__table__, m.Person.__table__, m.Board.__table__, m.SubGroup.__table__
    return (
        sa.select(*_deadline_columns(d, p, b, g), due.c.step)
        .select_from(_with_what_a_message_needs(due, due.c.id, d, p, b, g))
        .order_by(d.c.due_on, d.c.id, due.c.step)
    )


def due_steps_from(rows: Sequence[Any], ladder: Sequence[EscalationStep]) -> list[DueStep]:
    """One ``DueStep`` per deadline: the latest step reached is taken, the earlier ones skipped."""
    names = [step.name for step in ladder]
    return [
        _due_step(reached, [names[row.step] for row in reached])
        for _, group in groupby(rows, key=lambda row: row.id)
        if (reached := list(group))
    ]


def steps_to_tell_from(rows: Sequence[Any], ladder: Sequence[EscalationStep]) -> list[DueStep]:
    """One ``DueStep`` per deadline from its steps taken and not told: the latest in the ladder's
    order is told, any earlier one (left untold by a run that failed) skipped."""
    order = {step.name: i for i, step in enumerate(ladder)}
    return [
        _due_step(untold, sorted((row.step for row in untold), key=lambda name: order.get(name, -1)))
        for _, group in groupby(rows, key=lambda row: row.id)
        if (untold := list(group))
    ]


def _due_step(rows: list[Any], steps: list[str]) -> DueStep:
    first = rows[0]
    deadline = Deadline(
        duty=first.duty,
        subject=first.subject,
        period=first.period,
        due_on=first.due_on,
        owner_key=first.owner_key,
        board_key=first.board_key,
        sub_group_key=first.sub_group_key,
        title=first.title,
        opens_on=first.opens_on,
        state=first.state,
    )
    return DueStep(deadline_id=first.id, deadline=deadline, take=steps[-1], skip=tuple(steps[:-1]))


def deadline_values(
    d: Deadline, partnership_id: int, ids: dict[type, dict[str, int]], recorded_on: date
) -> dict[str, Any]:
    """A deadline's row for a bulk insert; ``ids`` maps each table's keys to ids (people, boards, sub-groups)."""

    def id_of(table: type, key: str | None) -> int | None:
        if key is None:
            return None
        if key not in ids[table]:
            raise UnknownRecord(f"No {table.__name__.lower()} with key {key!r} in this partnership")
        return ids[table][key]

    return {
        "partnership_id": partnership_id,
        "duty": d.duty,
        "subject": d.subject,
        "period": d.period,
        "due_on": d.due_on,
        "original_due_on": d.due_on,
        "extensions": 0,
        "opens_on": d.opens_on,
        "title": d.title,
        "owner_id": id_of(m.Person, d.owner_key),
        "board_id": id_of(m.Board, d.board_key),
        "sub_group_id": id_of(m.SubGroup, d.sub_group_key),
        "state": d.state,
        "recorded_on": recorded_on,
        "submitted_on": recorded_on if d.state is DeadlineState.SUBMITTED else None,
        "note": "",
    }


def insert_ignoring_duplicates(
    session: Session, table: sa.Table, rows: list[dict[str, Any]], *, returning: Sequence[str] = ()
) -> list[Any]:
    """``INSERT … ON CONFLICT DO NOTHING`` of ``rows`` in chunks; the ``returning`` columns of the rows inserted."""
    if not rows:
        return []
    dialect = sqlite if session.get_bind().dialect.name == "sqlite" else postgresql
    size = max(1, PARAMETERS_PER_STATEMENT // len(rows[0]))
    inserted: list[Any] = []
    for start in range(0, len(rows), size):
        statement = dialect.insert(table).values(rows[start : start + size]).on_conflict_do_nothing()
        if returning:
            inserted += session.execute(statement.returning(*(table.c[c] for c in returning))).all()
        else:
            session.execute(statement)
    return inserted
