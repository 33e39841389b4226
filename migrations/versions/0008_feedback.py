"""the feedback conversation: its log, the employee's comments, development actions

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30 12:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete=ondelete
    )


def upgrade() -> None:
    op.create_table(
        "feedback_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("strengths", sa.Text(), nullable=False),
        sa.Column("improve", sa.Text(), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        _fk("feedback_log", "author_id", "person", "SET NULL"),
        _fk("feedback_log", "cycle_id", "review_cycle", "CASCADE"),
        _fk("feedback_log", "participant_id", "review_participant", "CASCADE"),
        _fk("feedback_log", "workspace_id", "workspace", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback_log")),
        sa.UniqueConstraint("participant_id", name=op.f("uq_feedback_log_participant_id")),
    )
    with op.batch_alter_table("feedback_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feedback_log_cycle_id"), ["cycle_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_feedback_log_workspace_id"), ["workspace_id"], unique=False)

    op.create_table(
        "feedback_comment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("log_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        _fk("feedback_comment", "author_id", "person", "SET NULL"),
        _fk("feedback_comment", "log_id", "feedback_log", "CASCADE"),
        _fk("feedback_comment", "workspace_id", "workspace", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback_comment")),
    )
    with op.batch_alter_table("feedback_comment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feedback_comment_log_id"), ["log_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_feedback_comment_workspace_id"), ["workspace_id"], unique=False)

    op.create_table(
        "development_action",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("log_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "training", "mentoring", "stretch", "other", name="actionkind", native_enum=False, length=16
            ),
            nullable=False,
        ),
        sa.Column("description", sa.String(length=300), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("done_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        _fk("development_action", "done_by_id", "person", "SET NULL"),
        _fk("development_action", "log_id", "feedback_log", "CASCADE"),
        _fk("development_action", "owner_id", "person", "SET NULL"),
        _fk("development_action", "participant_id", "review_participant", "CASCADE"),
        _fk("development_action", "workspace_id", "workspace", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_development_action")),
    )
    with op.batch_alter_table("development_action", schema=None) as batch_op:
        batch_op.create_index("ix_development_action_due_on_done_at", ["due_on", "done_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_development_action_log_id"), ["log_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_development_action_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_development_action_workspace_id"), ["workspace_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("development_action", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_development_action_workspace_id"))
        batch_op.drop_index(batch_op.f("ix_development_action_owner_id"))
        batch_op.drop_index(batch_op.f("ix_development_action_log_id"))
        batch_op.drop_index("ix_development_action_due_on_done_at")
    op.drop_table("development_action")
    with op.batch_alter_table("feedback_comment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feedback_comment_workspace_id"))
        batch_op.drop_index(batch_op.f("ix_feedback_comment_log_id"))
    op.drop_table("feedback_comment")
    with op.batch_alter_table("feedback_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feedback_log_workspace_id"))
        batch_op.drop_index(batch_op.f("ix_feedback_log_cycle_id"))
    op.drop_table("feedback_log")
