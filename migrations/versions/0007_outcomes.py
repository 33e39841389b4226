"""review cycles, part 2: outcomes per participant (bonus tier, promotion, training, transfer)

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 12:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "review_outcome",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("tier_override", sa.String(length=40), nullable=True),
        sa.Column("override_reason", sa.Text(), nullable=True),
        sa.Column("promotion", sa.Boolean(), nullable=False),
        sa.Column("training", sa.Boolean(), nullable=False),
        sa.Column("training_label", sa.String(length=80), nullable=False),
        sa.Column("transfer", sa.Boolean(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cycle_id"],
            ["review_cycle.id"],
            name=op.f("fk_review_outcome_cycle_id_review_cycle"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["review_participant.id"],
            name=op.f("fk_review_outcome_participant_id_review_participant"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["person.id"],
            name=op.f("fk_review_outcome_recorded_by_id_person"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_review_outcome_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_outcome")),
        sa.UniqueConstraint("participant_id", name=op.f("uq_review_outcome_participant_id")),
    )
    with op.batch_alter_table("review_outcome", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_review_outcome_cycle_id"), ["cycle_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_review_outcome_workspace_id"), ["workspace_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("review_outcome", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_outcome_workspace_id"))
        batch_op.drop_index(batch_op.f("ix_review_outcome_cycle_id"))
    op.drop_table("review_outcome")
