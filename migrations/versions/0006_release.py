"""review cycles, part 2: a result released per participant

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 12:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("review_participant") as batch:
        batch.add_column(sa.Column("released_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("released_by_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_review_participant_released_by_id_person"),
            "person",
            ["released_by_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("review_participant") as batch:
        batch.drop_constraint(op.f("fk_review_participant_released_by_id_person"), type_="foreignkey")
        batch.drop_column("released_by_id")
        batch.drop_column("released_at")
