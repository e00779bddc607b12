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

from governance.deadlines.escalation import DueStep, trigger_cutoffs
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
    d, t = m.Deadline.__table__, m.EscalationStepTaken.__table__
    steps = ladder_table(as_of, ladder)
    taken = (
        sa.select(t.c.id)
        .where(t.c.deadline_id == d.c.id, t.c.step == steps.c.name, t.c.for_due_on == d.c.due_on)
        .exists()
    )
    query = (
        sa.select(d.c.id, steps.c.step)
        .select_from(d.join(steps, d.c.due_on <= steps.c.cut))
        .where(d.c.state.in_(WAITING), ~taken)
    )
    if partnership_id is not None:
        query = query.where(d.c.partnership_id == partnership_id)
    return query


def steps_due_query(partnership_id: int, as_of: date, ladder: Sequence[EscalationStep]) -> Any:
    """The partnership's reached steps with what a message needs of each deadline, soonest due first."""
    due = reached_and_not_taken(as_of, ladder, partnership_id=partnership_id).subquery("due")
    d, p, b, g = m.Deadline.__table__, m.Person.__table__, m.Board.__table__, m.SubGroup.__table__
    return (
        sa.select(
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
            due.c.step,
        )
        .select_from(
            due.join(d, d.c.id == due.c.id)
            .join(p, p.c.id == d.c.owner_id)
            .join(b, b.c.id == d.c.board_id)
            .outerjoin(g, g.c.id == d.c.sub_group_id)
        )
        .order_by(d.c.due_on, d.c.id, due.c.step)
    )


def due_steps_from(rows: Sequence[Any], ladder: Sequence[EscalationStep]) -> list[DueStep]:
    """One ``DueStep`` per deadline: the latest step reached is taken, the earlier ones skipped."""
    names = [step.name for step in ladder]
    due = []
    for deadline_id, group in groupby(rows, key=lambda row: row.id):
        reached = list(group)
        first = reached[0]
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
        due.append(
            DueStep(
                deadline_id=deadline_id,
                deadline=deadline,
                take=names[reached[-1].step],
                skip=tuple(names[row.step] for row in reached[:-1]),
            )
        )
    return due


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
