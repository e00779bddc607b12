"""The escalation ladder's daily sweep across every partnership the registry holds, set-based.

One ``INSERT … SELECT`` per ladder in use (usually one: the default) records every step reached on
the day and not yet taken, for every waiting deadline of the partnerships on that ladder: what each
partnership's ``take_steps_due`` would record, in one statement instead of one unit of work per
partnership. Telling people what was taken stays per partnership
(``governance.deadlines.reminders.run_reminders``), which reads a partnership only where it has
steps to tell. ``tests/test_escalation_sweep.py`` keeps the two ways equal.
"""

import json
from collections import defaultdict
from datetime import date

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session

from governance.deadlines.escalation import StepsRecorded
from governance.policy import EscalationStep, GovernancePolicy
from registry import tables as m
from registry.sql.deadline_sweep import take_steps_due


def ladders_in_use(session: Session) -> dict[tuple[EscalationStep, ...], list[int]]:
    """Each ladder the partnerships' policies give, with the ids of the partnerships on it: each
    policy as stored is read once, and its ladder validated once however many partnerships share it.
    A partnership whose policy does not validate is left out."""
    p = m.Partnership.__table__
    holding: dict[str, list[int]] = defaultdict(list)
    for partnership_id, stored in session.execute(sa.select(p.c.id, sa.cast(p.c.policy, sa.Text))):
        holding[stored].append(partnership_id)
    on_ladder: dict[tuple[EscalationStep, ...], list[int]] = defaultdict(list)
    for stored, ids in holding.items():
        try:
            ladder = tuple(GovernancePolicy.model_validate(json.loads(stored) or {}).escalation)
        except ValueError:  # a policy that no longer validates: its partnership's own run says why
            continue
        on_ladder[ladder] += ids
    return dict(on_ladder)


def take_steps_everywhere(session: Session, as_of: date) -> StepsRecorded:
    """Record the day's steps for every partnership in ``session``'s transaction. The partnerships'
    ids are bound (a few hundred at most, one per partnership in England): PostgreSQL plans the
    sweep from its index on them, where a subquery of partnerships misleads its estimates."""
    recorded = StepsRecorded()
    for ladder, ids in ladders_in_use(session).items():
        recorded += take_steps_due(session, as_of, ladder, partnerships=sorted(ids))
    return recorded


def take_every_partnerships_steps(engine: Engine, as_of: date) -> StepsRecorded:
    """Record the day's steps for every partnership in one transaction; how many to tell and skipped."""
    with Session(engine) as session:
        recorded = take_steps_everywhere(session, as_of)
        session.commit()
    return recorded
