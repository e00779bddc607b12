"""partnerships as tenants: everything a partnership owns carries it, and keys are unique within it

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01

Adds ``partnership_id`` to the tables that lacked it, filled from the row each belongs to (a deadline
from its board, an action from its plan, a person from their agency or roles, a notification from its
recipient), and replaces each registry-wide unique key with one per partnership. Every row is kept.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# SQLite's unique constraints from 0001/0002 have no names; batch mode names them by this convention.
NAMING = {"uq": "uq_%(table_name)s_%(column_0_N_name)s"}

FIRST_PARTNERSHIP = "(SELECT MIN(id) FROM partnership)"
VIA_BOARD = "(SELECT board.partnership_id FROM board WHERE board.id = {table}.board_id)"
NEW_COLUMN_FROM = {  # in this order: a notification's recipient is filled before the notification
    "person": (
        "COALESCE("
        "(SELECT agency.partnership_id FROM agency WHERE agency.id = person.agency_id), "
        "(SELECT MIN(board.partnership_id) FROM membership JOIN board ON board.id = membership.board_id "
        "WHERE membership.person_id = person.id), "
        "(SELECT MIN(subgroup.partnership_id) FROM membership JOIN subgroup ON subgroup.id = membership.sub_group_id "
        "WHERE membership.person_id = person.id), "
        f"{FIRST_PARTNERSHIP})"
    ),
    "action": (
        "(SELECT plan.partnership_id FROM recommendation JOIN plan ON plan.id = recommendation.plan_id "
        "WHERE recommendation.id = action.recommendation_id)"
    ),
    "deadline": VIA_BOARD.format(table="deadline"),
    "resolution": VIA_BOARD.format(table="resolution"),
    "enquiry": VIA_BOARD.format(table="enquiry"),
    "casereview": VIA_BOARD.format(table="casereview"),
    "report": VIA_BOARD.format(table="report"),
    "notification": (
        "COALESCE((SELECT person.partnership_id FROM person WHERE person.id = notification.recipient_id), "
        f"{FIRST_PARTNERSHIP})"
    ),
    "auditevent": FIRST_PARTNERSHIP,
}
KEYS = {  # table: the key that was unique in the whole registry, now unique within a partnership
    "board": ["key"],
    "agency": ["key"],
    "person": ["key"],
    "subgroup": ["key"],
    "plan": ["key"],
    "action": ["reference"],
    "deadline": ["duty", "subject", "period"],
    "notification": ["key"],
    "resolution": ["key"],
    "enquiry": ["reference"],
    "casereview": ["reference"],
    "report": ["key"],
    "statistic": ["key"],
}


def _old_unique_name(table: str, columns: list[str]) -> str:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        return f"uq_{table}_{'_'.join(columns)}"
    found = [
        u["name"] for u in sa.inspect(bind).get_unique_constraints(table) if u["column_names"] == columns
    ]
    if not found:
        raise RuntimeError(f"table {table}: no unique constraint on {columns} to replace")
    return found[0]


def _fill(table: str, expression: str) -> None:
    op.execute(f"UPDATE {table} SET partnership_id = {expression} WHERE partnership_id IS NULL")
    orphans = (
        op.get_bind().execute(sa.text(f"SELECT COUNT(*) FROM {table} WHERE partnership_id IS NULL")).scalar()
    )
    if orphans:
        raise RuntimeError(
            f"table {table}: {orphans} row(s) belong to no partnership (none is loaded); "
            "load the partnership file, then upgrade again"
        )


def upgrade() -> None:
    for table, expression in NEW_COLUMN_FROM.items():
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("partnership_id", sa.Integer(), nullable=True))
        _fill(table, expression)
    for table in sorted(set(NEW_COLUMN_FROM) | set(KEYS)):
        columns = KEYS.get(table)
        old = _old_unique_name(table, columns) if columns else None
        with op.batch_alter_table(table, naming_convention=NAMING) as batch:
            if table in NEW_COLUMN_FROM:
                batch.alter_column("partnership_id", existing_type=sa.Integer(), nullable=False)
                batch.create_foreign_key(
                    f"fk_{table}_partnership_id", "partnership", ["partnership_id"], ["id"]
                )
                batch.create_index(f"ix_{table}_partnership_id", ["partnership_id"], unique=False)
            if columns:
                batch.drop_constraint(old, type_="unique")
                batch.create_unique_constraint(
                    f"uq_{table}_partnership_{'_'.join(columns)}", ["partnership_id", *columns]
                )


def downgrade() -> None:
    for table in sorted(set(NEW_COLUMN_FROM) | set(KEYS)):
        columns = KEYS.get(table)
        with op.batch_alter_table(table, naming_convention=NAMING) as batch:
            if columns:
                batch.drop_constraint(f"uq_{table}_partnership_{'_'.join(columns)}", type_="unique")
                batch.create_unique_constraint(f"uq_{table}_{'_'.join(columns)}", columns)
            if table in NEW_COLUMN_FROM:
                batch.drop_index(f"ix_{table}_partnership_id")
                batch.drop_constraint(f"fk_{table}_partnership_id", type_="foreignkey")
                batch.drop_column("partnership_id")
