"""submissions, evidence, the files of approved and published reports, accounts and sign-ins

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01

For the documents and the workspace (issues 9 and 10): a submission keeps what a sub-group handed in
and every deadline it meets points at it; uploaded evidence and the rendered files of reports are
kept in the registry with their hashes; accounts (one per e-mail, across partnerships), every
sign-in attempt, and calendar feeds; an action's monthly update records its status and RAG rating; and an outbox message names a Reply-To.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import registry.types

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NEW_TABLES = ("evidence", "reportfile", "calendarfeed", "signin", "account", "submission")
"""In the order they are dropped: those that point at others first."""


def upgrade() -> None:
    op.create_table(
        "account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sqlmodel.sql.sqltypes.AutoString(length=320), nullable=False),
        sa.Column("password_hash", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("created_at", registry.types.UTCDateTime(), nullable=False),
        sa.Column("disabled_at", registry.types.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_account_email"), "account", ["email"], unique=True)
    op.create_table(
        "signin",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sqlmodel.sql.sqltypes.AutoString(length=320), nullable=False),
        sa.Column("at", registry.types.UTCDateTime(), nullable=False),
        sa.Column("succeeded", sa.Boolean(), nullable=False),
        sa.Column("method", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("detail", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_signin_at"), "signin", ["at"], unique=False)
    op.create_index(op.f("ix_signin_email"), "signin", ["email"], unique=False)
    op.create_table(
        "calendarfeed",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("created_at", registry.types.UTCDateTime(), nullable=False),
        sa.Column("revoked_at", registry.types.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_calendarfeed_account_id"), "calendarfeed", ["account_id"], unique=False)
    op.create_index(op.f("ix_calendarfeed_token_hash"), "calendarfeed", ["token_hash"], unique=True)
    op.create_table(
        "reportfile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("version", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("audience", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("format", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("purpose", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("made_at", registry.types.UTCDateTime(), nullable=False),
        sa.Column("made_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["made_by_id"],
            ["person.id"],
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["report.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint(
            "report_id", "version", "audience", "format", "purpose", name="uq_reportfile_one_each"
        ),
    )
    op.create_index(op.f("ix_reportfile_report_id"), "reportfile", ["report_id"], unique=False)
    op.create_table(
        "submission",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("partnership_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("sub_group_id", sa.Integer(), nullable=True),
        sa.Column("submitted_by_id", sa.Integer(), nullable=False),
        sa.Column("submitted_on", sa.Date(), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["partnership_id"],
            ["partnership.id"],
        ),
        sa.ForeignKeyConstraint(
            ["sub_group_id"],
            ["subgroup.id"],
        ),
        sa.ForeignKeyConstraint(
            ["submitted_by_id"],
            ["person.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_submission_partnership_id"), "submission", ["partnership_id"], unique=False)
    op.create_index(op.f("ix_submission_sub_group_id"), "submission", ["sub_group_id"], unique=False)
    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("partnership_id", sa.Integer(), nullable=False),
        sa.Column("subject", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("action_update_id", sa.Integer(), nullable=True),
        sa.Column("extension_request_id", sa.Integer(), nullable=True),
        sa.Column("deadline_id", sa.Integer(), nullable=True),
        sa.Column("file_name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("media_type", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=False),
        sa.Column("uploaded_at", registry.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_update_id"],
            ["actionupdate.id"],
        ),
        sa.ForeignKeyConstraint(
            ["deadline_id"],
            ["deadline.id"],
        ),
        sa.ForeignKeyConstraint(
            ["extension_request_id"],
            ["extensionrequest.id"],
        ),
        sa.ForeignKeyConstraint(
            ["partnership_id"],
            ["partnership.id"],
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by_id"],
            ["person.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_evidence_action_update_id"), "evidence", ["action_update_id"], unique=False)
    op.create_index(op.f("ix_evidence_deadline_id"), "evidence", ["deadline_id"], unique=False)
    op.create_index(
        op.f("ix_evidence_extension_request_id"), "evidence", ["extension_request_id"], unique=False
    )
    op.create_index(op.f("ix_evidence_partnership_id"), "evidence", ["partnership_id"], unique=False)
    op.create_index(op.f("ix_evidence_subject"), "evidence", ["subject"], unique=False)
    with op.batch_alter_table("deadline") as batch:
        batch.add_column(sa.Column("submission_id", sa.Integer(), nullable=True))
        batch.create_index("ix_deadline_submission_id", ["submission_id"], unique=False)
        batch.create_foreign_key("fk_deadline_submission_id", "submission", ["submission_id"], ["id"])
    with op.batch_alter_table("actionupdate") as batch:
        batch.add_column(sa.Column("status", sa.String(length=20), nullable=False, server_default=""))
        batch.add_column(sa.Column("rag", sa.String(length=10), nullable=False, server_default=""))
    with op.batch_alter_table("notification") as batch:
        batch.add_column(sa.Column("reply_to", sqlmodel.sql.sqltypes.AutoString(length=320), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("notification") as batch:
        batch.drop_column("reply_to")
    with op.batch_alter_table("actionupdate") as batch:
        batch.drop_column("rag")
        batch.drop_column("status")
    with op.batch_alter_table("deadline") as batch:
        batch.drop_constraint("fk_deadline_submission_id", type_="foreignkey")
        batch.drop_index("ix_deadline_submission_id")
        batch.drop_column("submission_id")
    for table in NEW_TABLES:
        op.drop_table(table)
