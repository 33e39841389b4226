"""appeals: the appeal, its trail, and the workspace's appeal settings

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30 12:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STATES = (
    "submitted",
    "under_review",
    "waiting_for_statement",
    "waiting_for_employee",
    "decided",
    "withdrawn",
    "reopened",
)
ACTIONS = (
    "file",
    "assign",
    "ask_statement",
    "answer_statement",
    "ask_employee",
    "answer_employee",
    "decide",
    "withdraw",
    "reopen",
)


def _state(name: str = "appealstate") -> sa.Enum:
    return sa.Enum(*STATES, name=name, native_enum=False, length=32)


def upgrade() -> None:
    with op.batch_alter_table("workspace") as batch:
        batch.add_column(
            sa.Column("appeal_settings", sa.JSON(), server_default=sa.text("'{}'"), nullable=False)
        )
    op.create_table(
        "appeal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("appellant_id", sa.Integer(), nullable=False),
        sa.Column("part", sa.String(length=40), nullable=False),
        sa.Column("original_rating", sa.Integer(), nullable=False),
        sa.Column("levels", sa.Integer(), nullable=False),
        sa.Column("scale_lowest", sa.Integer(), nullable=False),
        sa.Column("state", _state(), nullable=False),
        sa.Column("assignee_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("outcome_sought", sa.Text(), nullable=False),
        sa.Column(
            "outcome",
            sa.Enum("upheld", "adjusted", "rejected", name="outcome", native_enum=False, length=16),
            nullable=True,
        ),
        sa.Column("new_rating", sa.Integer(), nullable=True),
        sa.Column("explanation", sa.Text(), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("working_days_to_decision", sa.Integer(), nullable=True),
        sa.Column("share_reason", sa.Boolean(), nullable=False),
        sa.Column("request_due", sa.Date(), nullable=True),
        sa.Column("filed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["appellant_id"], ["person.id"], name=op.f("fk_appeal_appellant_id_person"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["assignee_id"], ["person.id"], name=op.f("fk_appeal_assignee_id_person"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["cycle_id"],
            ["review_cycle.id"],
            name=op.f("fk_appeal_cycle_id_review_cycle"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"], ["person.id"], name=op.f("fk_appeal_decided_by_id_person"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["review_participant.id"],
            name=op.f("fk_appeal_participant_id_review_participant"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_appeal_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appeal")),
    )
    with op.batch_alter_table("appeal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_appeal_appellant_id"), ["appellant_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_appeal_assignee_id"), ["assignee_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_appeal_cycle_id"), ["cycle_id"], unique=False)
        batch_op.create_index("ix_appeal_participant_id_part", ["participant_id", "part"], unique=False)
        batch_op.create_index(batch_op.f("ix_appeal_state"), ["state"], unique=False)
        batch_op.create_index(batch_op.f("ix_appeal_workspace_id"), ["workspace_id"], unique=False)
    op.create_table(
        "appeal_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("appeal_id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.Enum(*ACTIONS, name="action", native_enum=False, length=32), nullable=False),
        sa.Column("from_state", _state(), nullable=True),
        sa.Column("to_state", _state(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["person.id"], name=op.f("fk_appeal_entry_actor_id_person"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["appeal_id"], ["appeal.id"], name=op.f("fk_appeal_entry_appeal_id_appeal"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_appeal_entry_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appeal_entry")),
    )
    with op.batch_alter_table("appeal_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_appeal_entry_appeal_id"), ["appeal_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_appeal_entry_workspace_id"), ["workspace_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("appeal_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_appeal_entry_workspace_id"))
        batch_op.drop_index(batch_op.f("ix_appeal_entry_appeal_id"))
    op.drop_table("appeal_entry")
    with op.batch_alter_table("appeal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_appeal_workspace_id"))
        batch_op.drop_index(batch_op.f("ix_appeal_state"))
        batch_op.drop_index("ix_appeal_participant_id_part")
        batch_op.drop_index(batch_op.f("ix_appeal_cycle_id"))
        batch_op.drop_index(batch_op.f("ix_appeal_assignee_id"))
        batch_op.drop_index(batch_op.f("ix_appeal_appellant_id"))
    op.drop_table("appeal")
    with op.batch_alter_table("workspace") as batch:
        batch.drop_column("appeal_settings")
