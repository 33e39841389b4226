"""review cycles, part 2: the manager review and its stored result

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 09:50:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "manager_review",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column(
            "status",
            sa.Enum("draft", "submitted", name="submissionstatus", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("ratings", sa.JSON(), nullable=False),
        sa.Column("comments", sa.JSON(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column(
            "recommended_outcome",
            sa.Enum(
                "none",
                "promotion",
                "training",
                "transfer",
                "development_plan",
                name="recommendedoutcome",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("result", sa.JSON(), nullable=True),
        sa.Column("final_rating", sa.Integer(), nullable=True),
        sa.Column("settings_version", sa.Integer(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"], ["person.id"], name=op.f("fk_manager_review_author_id_person"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["cycle_id"],
            ["review_cycle.id"],
            name=op.f("fk_manager_review_cycle_id_review_cycle"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["review_participant.id"],
            name=op.f("fk_manager_review_participant_id_review_participant"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_manager_review_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_manager_review")),
        sa.UniqueConstraint("participant_id", name=op.f("uq_manager_review_participant_id")),
    )
    with op.batch_alter_table("manager_review", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_manager_review_cycle_id"), ["cycle_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_manager_review_workspace_id"), ["workspace_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("manager_review", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_manager_review_workspace_id"))
        batch_op.drop_index(batch_op.f("ix_manager_review_cycle_id"))

    op.drop_table("manager_review")
