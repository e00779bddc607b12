"""roles that end, and an audit trail that shows tampering

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01

Memberships gain ``started_on`` and ``ended_on``: a role removed from the partnership file is ended,
kept for history, and grants nothing. Audit events gain a sequence number per partnership, the role
the actor acted in, and the hash chain (``governance.audit.model``); the partnership keeps the
chain's head. Events already recorded are chained in the order they were recorded.
"""

from collections.abc import Sequence
from datetime import UTC

import sqlalchemy as sa
from alembic import op

from governance.audit.model import GENESIS, event_hash

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _chain_recorded_events() -> None:
    bind = op.get_bind()
    events = sa.table(
        "auditevent",
        sa.column("id", sa.Integer),
        sa.column("partnership_id", sa.Integer),
        sa.column("at", sa.DateTime),
        sa.column("actor", sa.String),
        sa.column("event", sa.String),
        sa.column("subject", sa.String),
        sa.column("details", sa.JSON),
        sa.column("sequence", sa.Integer),
        sa.column("previous_hash", sa.String),
        sa.column("hash", sa.String),
    )
    partnerships = sa.table(
        "partnership",
        sa.column("id", sa.Integer),
        sa.column("audit_sequence", sa.Integer),
        sa.column("audit_head", sa.String),
    )
    heads: dict[int, tuple[int, str]] = {}
    rows = bind.execute(
        sa.select(events.c.id, events.c.partnership_id, events.c.at, events.c.actor, events.c.event)
        .add_columns(events.c.subject, events.c.details)
        .order_by(events.c.partnership_id, events.c.at, events.c.id)
    ).all()
    for row in rows:
        sequence, previous = heads.get(row.partnership_id, (0, GENESIS))
        sequence += 1
        at = row.at if row.at.tzinfo else row.at.replace(tzinfo=UTC)
        digest = event_hash(
            previous,
            sequence=sequence,
            at=at,
            actor=row.actor,
            role="",
            event=row.event,
            subject=row.subject,
            details=row.details or {},
        )
        bind.execute(
            events.update()
            .where(events.c.id == row.id)
            .values(sequence=sequence, previous_hash=previous, hash=digest)
        )
        heads[row.partnership_id] = (sequence, digest)
    for partnership_id, (sequence, digest) in heads.items():
        bind.execute(
            partnerships.update()
            .where(partnerships.c.id == partnership_id)
            .values(audit_sequence=sequence, audit_head=digest)
        )


def upgrade() -> None:
    with op.batch_alter_table("membership") as batch:
        batch.add_column(sa.Column("started_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("ended_on", sa.Date(), nullable=True))
    with op.batch_alter_table("partnership") as batch:
        batch.add_column(sa.Column("audit_sequence", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(
            sa.Column("audit_head", sa.String(length=64), nullable=False, server_default=GENESIS)
        )
    with op.batch_alter_table("auditevent") as batch:
        batch.add_column(sa.Column("sequence", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("role", sa.String(), nullable=False, server_default=""))
        batch.add_column(sa.Column("previous_hash", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("hash", sa.String(length=64), nullable=True))
    _chain_recorded_events()
    with op.batch_alter_table("auditevent") as batch:
        batch.alter_column("sequence", existing_type=sa.Integer(), nullable=False)
        batch.alter_column("previous_hash", existing_type=sa.String(length=64), nullable=False)
        batch.alter_column("hash", existing_type=sa.String(length=64), nullable=False)
        batch.create_unique_constraint("uq_auditevent_partnership_sequence", ["partnership_id", "sequence"])


def downgrade() -> None:
    with op.batch_alter_table("auditevent") as batch:
        batch.drop_constraint("uq_auditevent_partnership_sequence", type_="unique")
        for column in ("hash", "previous_hash", "role", "sequence"):
            batch.drop_column(column)
    with op.batch_alter_table("partnership") as batch:
        batch.drop_column("audit_head")
        batch.drop_column("audit_sequence")
    with op.batch_alter_table("membership") as batch:
        batch.drop_column("ended_on")
        batch.drop_column("started_on")
