"""reminders outbox, working hours, goals and check-ins

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 08:04:27.462575
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "goal_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("progress_threshold", sa.Double(), nullable=False),
        sa.Column("checkin_cadence_days", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_goal_settings_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goal_settings")),
        sa.UniqueConstraint("workspace_id", name=op.f("uq_goal_settings_workspace_id")),
    )
    with op.batch_alter_table("goal_settings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_goal_settings_workspace_id"), ["workspace_id"], unique=False)

    op.create_table(
        "goal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column(
            "level",
            sa.Enum("company", "team", "individual", name="goallevel", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("department", sa.String(length=200), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column(
            "kind",
            sa.Enum("metric", "milestone", name="goalkind", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("unit", sa.String(length=32), nullable=False),
        sa.Column(
            "direction",
            sa.Enum("increase", "decrease", name="metricdirection", native_enum=False, length=16),
            nullable=True,
        ),
        sa.Column("baseline", sa.Double(), nullable=True),
        sa.Column("target", sa.Double(), nullable=True),
        sa.Column("current", sa.Double(), nullable=True),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("progress", sa.Double(), nullable=False),
        sa.Column("weight", sa.Double(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "proposed",
                "active",
                "completed",
                "cancelled",
                name="goalstatus",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column(
            "visibility",
            sa.Enum("public", "private", name="goalvisibility", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column(
            "health",
            sa.Enum("on_track", "at_risk", "off_track", name="goalhealth", native_enum=False, length=16),
            nullable=True,
        ),
        sa.Column("proposed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("approved_by_id", sa.Integer(), nullable=True),
        sa.Column("activated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_checkin_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["approved_by_id"], ["person.id"], name=op.f("fk_goal_approved_by_id_person"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["person.id"], name=op.f("fk_goal_created_by_id_person"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["person.id"], name=op.f("fk_goal_owner_id_person"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["goal.id"], name=op.f("fk_goal_parent_id_goal"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_goal_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goal")),
    )
    with op.batch_alter_table("goal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_goal_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_goal_parent_id"), ["parent_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_goal_workspace_id"), ["workspace_id"], unique=False)
        batch_op.create_index(
            "ix_goal_workspace_owner_status", ["workspace_id", "owner_id", "status"], unique=False
        )
        batch_op.create_index(
            "ix_goal_workspace_status_due", ["workspace_id", "status", "due_date"], unique=False
        )

    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("channel_id", sa.String(length=32), nullable=True),
        sa.Column("subject_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("dedupe_key", sa.String(length=255), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("not_before", sa.DateTime(timezone=True), nullable=False),
        sa.Column("working_hours", sa.Boolean(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "queued",
                "sending",
                "sent",
                "failed",
                "cancelled",
                name="outboxstatus",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(length=500), nullable=True),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("claimed_by", sa.String(length=64), nullable=True),
        sa.Column("sent_channel", sa.String(length=32), nullable=True),
        sa.Column("sent_ts", sa.String(length=32), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_outbox_person_id_person"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["subject_id"], ["person.id"], name=op.f("fk_outbox_subject_id_person"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_outbox_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
        sa.UniqueConstraint("workspace_id", "dedupe_key", name=op.f("uq_outbox_workspace_id_dedupe_key")),
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outbox_person_id"), ["person_id"], unique=False)
        batch_op.create_index("ix_outbox_status_not_before", ["status", "not_before", "id"], unique=False)
        batch_op.create_index(batch_op.f("ix_outbox_workspace_id"), ["workspace_id"], unique=False)

    op.create_table(
        "positive_signal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("message", sa.String(length=300), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_positive_signal_person_id_person"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_positive_signal_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_positive_signal")),
    )
    with op.batch_alter_table("positive_signal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_positive_signal_occurred_at"), ["occurred_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_positive_signal_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_positive_signal_workspace_id"), ["workspace_id"], unique=False)

    op.create_table(
        "goal_checkin",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("value_before", sa.Double(), nullable=True),
        sa.Column("value", sa.Double(), nullable=True),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("progress_before", sa.Double(), nullable=False),
        sa.Column("progress_after", sa.Double(), nullable=False),
        sa.Column(
            "health",
            sa.Enum("on_track", "at_risk", "off_track", name="goalhealth", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("blockers", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"], ["person.id"], name=op.f("fk_goal_checkin_author_id_person"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["goal_id"], ["goal.id"], name=op.f("fk_goal_checkin_goal_id_goal"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_goal_checkin_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goal_checkin")),
    )
    with op.batch_alter_table("goal_checkin", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_goal_checkin_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_goal_checkin_goal_id"), ["goal_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_goal_checkin_workspace_id"), ["workspace_id"], unique=False)

    op.create_table(
        "goal_comment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "comment",
                "change_request",
                "approval",
                "cancellation",
                name="commentkind",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"], ["person.id"], name=op.f("fk_goal_comment_author_id_person"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["goal_id"], ["goal.id"], name=op.f("fk_goal_comment_goal_id_goal"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_goal_comment_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goal_comment")),
    )
    with op.batch_alter_table("goal_comment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_goal_comment_goal_id"), ["goal_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_goal_comment_workspace_id"), ["workspace_id"], unique=False)

    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(sa.Column("dm_channel_id", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("mute_nudges", sa.Boolean(), server_default=sa.false(), nullable=False))

    with op.batch_alter_table("workspace", schema=None) as batch_op:
        batch_op.add_column(sa.Column("timezone", sa.String(length=64), server_default="UTC", nullable=False))
        batch_op.add_column(sa.Column("work_day_start", sa.Time(), server_default="09:00:00", nullable=False))
        batch_op.add_column(sa.Column("work_day_end", sa.Time(), server_default="18:00:00", nullable=False))
        batch_op.add_column(
            sa.Column("work_days", sa.JSON(), server_default=sa.text("'[0, 1, 2, 3, 4]'"), nullable=False)
        )
        batch_op.add_column(sa.Column("nudge_after_days", sa.Integer(), server_default="21", nullable=False))
        batch_op.add_column(
            sa.Column("send_budget_per_minute", sa.Integer(), server_default="300", nullable=False)
        )
        batch_op.add_column(sa.Column("digest_weekday", sa.Integer(), server_default="4", nullable=False))
        batch_op.add_column(sa.Column("digest_hour", sa.Integer(), server_default="15", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("workspace", schema=None) as batch_op:
        batch_op.drop_column("digest_hour")
        batch_op.drop_column("digest_weekday")
        batch_op.drop_column("send_budget_per_minute")
        batch_op.drop_column("nudge_after_days")
        batch_op.drop_column("work_days")
        batch_op.drop_column("work_day_end")
        batch_op.drop_column("work_day_start")
        batch_op.drop_column("timezone")

    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_column("mute_nudges")
        batch_op.drop_column("dm_channel_id")

    with op.batch_alter_table("goal_comment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_goal_comment_workspace_id"))
        batch_op.drop_index(batch_op.f("ix_goal_comment_goal_id"))

    op.drop_table("goal_comment")
    with op.batch_alter_table("goal_checkin", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_goal_checkin_workspace_id"))
        batch_op.drop_index(batch_op.f("ix_goal_checkin_goal_id"))
        batch_op.drop_index(batch_op.f("ix_goal_checkin_created_at"))

    op.drop_table("goal_checkin")
    with op.batch_alter_table("positive_signal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_positive_signal_workspace_id"))
        batch_op.drop_index(batch_op.f("ix_positive_signal_person_id"))
        batch_op.drop_index(batch_op.f("ix_positive_signal_occurred_at"))

    op.drop_table("positive_signal")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_workspace_id"))
        batch_op.drop_index("ix_outbox_status_not_before")
        batch_op.drop_index(batch_op.f("ix_outbox_person_id"))

    op.drop_table("outbox")
    with op.batch_alter_table("goal", schema=None) as batch_op:
        batch_op.drop_index("ix_goal_workspace_status_due")
        batch_op.drop_index("ix_goal_workspace_owner_status")
        batch_op.drop_index(batch_op.f("ix_goal_workspace_id"))
        batch_op.drop_index(batch_op.f("ix_goal_parent_id"))
        batch_op.drop_index(batch_op.f("ix_goal_owner_id"))

    op.drop_table("goal")
    with op.batch_alter_table("goal_settings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_goal_settings_workspace_id"))

    op.drop_table("goal_settings")
