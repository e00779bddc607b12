"""delivery outcomes, digests, channels and attachments; indexes for the set-based daily sweep

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01

For the cycles at scale (issue 11): an outbox message records when it may next be tried, the
server's own reply, the board and the kind of request it carries (for digests), the digest that
carried it, and its attachments; a person chooses immediate messages or a daily digest, and a
channel (an Apprise tag); an agency has a shared mailbox. Indexes serve the daily sweep and the
deadline board as single indexed queries.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import registry.types

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # --- report files: "accessibility statement" is 23 characters, which release 0005's varchar(20)
    # refused on PostgreSQL (SQLite does not enforce the length), so publishing failed there ---
    with op.batch_alter_table("reportfile") as batch:
        batch.alter_column(
            "format",
            existing_type=sqlmodel.sql.sqltypes.AutoString(length=20),
            type_=sqlmodel.sql.sqltypes.AutoString(length=40),
            existing_nullable=False,
        )
    # --- outbox, people and agencies ---
    with op.batch_alter_table("notification") as batch:
        batch.add_column(sa.Column("next_attempt_at", registry.types.UTCDateTime(), nullable=True))
        batch.add_column(sa.Column("server_reply", sa.Text(), nullable=True))
        batch.add_column(sa.Column("board_key", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True))
        batch.add_column(sa.Column("ask", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True))
        batch.add_column(sa.Column("digest_id", sa.Integer(), nullable=True))
        batch.create_index("ix_notification_digest_id", ["digest_id"], unique=False)
    op.create_table(
        "notificationattachment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("notification_id", sa.Integer(), nullable=False),
        sa.Column("filename", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("media_type", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["notification_id"], ["notification.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_notificationattachment_notification_id"),
        "notificationattachment",
        ["notification_id"],
        unique=False,
    )
    with op.batch_alter_table("person") as batch:
        batch.add_column(
            sa.Column(
                "notify_by",
                sqlmodel.sql.sqltypes.AutoString(length=20),
                nullable=False,
                server_default="immediate",
            )
        )
        batch.add_column(sa.Column("channel", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True))
    with op.batch_alter_table("agency") as batch:
        batch.add_column(sa.Column("mailbox", sqlmodel.sql.sqltypes.AutoString(length=320), nullable=True))
    # --- partnership facts ---
    op.create_table(
        "statutoryaddressee",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("partnership_id", sa.Integer(), nullable=False),
        sa.Column(
            "recipient",
            sa.Enum(
                "the council's chief executive",
                "the leader of the council",
                "the local policing body",
                "Local Healthwatch",
                "the chair of the Health and Wellbeing Board",
                "the Child Safeguarding Practice Review Panel",
                "the What Works body (Foundations)",
                name="recipient",
                native_enum=False,
                length=60,
            ),
            nullable=False,
        ),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("address", sqlmodel.sql.sqltypes.AutoString(length=320), nullable=False),
        sa.ForeignKeyConstraint(["partnership_id"], ["partnership.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint(
            "partnership_id", "recipient", name="uq_statutoryaddressee_partnership_recipient"
        ),
    )
    op.create_index(
        op.f("ix_statutoryaddressee_partnership_id"), "statutoryaddressee", ["partnership_id"], unique=False
    )
    # --- deadlines: indexes for the set-based sweep ---
    op.create_index(
        "ix_deadline_partnership_state_due_on",
        "deadline",
        ["partnership_id", "state", "due_on"],
        unique=False,
    )


def downgrade() -> None:
    # --- partnership facts ---
    op.drop_index(op.f("ix_statutoryaddressee_partnership_id"), table_name="statutoryaddressee")
    op.drop_table("statutoryaddressee")
    # --- deadlines ---
    op.drop_index("ix_deadline_partnership_state_due_on", table_name="deadline")
    # --- outbox, people and agencies ---
    with op.batch_alter_table("agency") as batch:
        batch.drop_column("mailbox")
    with op.batch_alter_table("person") as batch:
        batch.drop_column("channel")
        batch.drop_column("notify_by")
    op.drop_index(op.f("ix_notificationattachment_notification_id"), table_name="notificationattachment")
    op.drop_table("notificationattachment")
    with op.batch_alter_table("notification") as batch:
        batch.drop_index("ix_notification_digest_id")
        batch.drop_column("digest_id")
        batch.drop_column("ask")
        batch.drop_column("board_key")
        batch.drop_column("server_reply")
        batch.drop_column("next_attempt_at")
    # --- report files ---
    with op.batch_alter_table("reportfile") as batch:
        batch.alter_column(
            "format",
            existing_type=sqlmodel.sql.sqltypes.AutoString(length=40),
            type_=sqlmodel.sql.sqltypes.AutoString(length=20),
            existing_nullable=False,
        )
