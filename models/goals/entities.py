"""Goals at three levels (company, team, individual), their check-ins, comments and settings.

Numbers (baseline, target, current, weight, progress) are stored as double precision floats:
progress is a ratio computed in float arithmetic anyway, and inputs are checked to be finite
before they reach a column, so both databases hold exactly what Python computed.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Date, Double, Enum, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime, WorkspaceScoped, utcnow

DEFAULT_PROGRESS_THRESHOLD = 10.0  # percentage points between two check-ins that count as a small win
DEFAULT_CHECKIN_CADENCE_DAYS = 7
PROPOSAL_WAIT_DAYS = 3  # a proposal waiting longer for its approver earns them a reminder


def _enum(kind: type[enum.StrEnum], length: int = 16) -> Enum:
    return Enum(
        kind, native_enum=False, length=length, values_callable=lambda members: [m.value for m in members]
    )


class GoalLevel(enum.StrEnum):
    COMPANY = "company"
    TEAM = "team"
    INDIVIDUAL = "individual"


class GoalStatus(enum.StrEnum):
    DRAFT = "draft"
    PROPOSED = "proposed"
    ACTIVE = "active"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


FINAL_STATUSES = frozenset({GoalStatus.COMPLETED, GoalStatus.CANCELLED})
# Drafts and proposals are not agreed yet: they neither count in roll-ups nor show to the whole company.
AGREED_STATUSES = frozenset({GoalStatus.ACTIVE, GoalStatus.COMPLETED})


class GoalVisibility(enum.StrEnum):
    PUBLIC = "public"
    PRIVATE = "private"


class GoalKind(enum.StrEnum):
    METRIC = "metric"
    MILESTONE = "milestone"


class MetricDirection(enum.StrEnum):
    INCREASE = "increase"
    DECREASE = "decrease"


class GoalHealth(enum.StrEnum):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"


TROUBLED = frozenset({GoalHealth.AT_RISK, GoalHealth.OFF_TRACK})


class CommentKind(enum.StrEnum):
    COMMENT = "comment"
    CHANGE_REQUEST = "change_request"
    APPROVAL = "approval"
    CANCELLATION = "cancellation"


class Goal(WorkspaceScoped, Base):
    __tablename__ = "goal"
    __table_args__ = (
        Index("ix_goal_workspace_owner_status", "workspace_id", "owner_id", "status"),
        Index("ix_goal_workspace_status_due", "workspace_id", "status", "due_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    level: Mapped[GoalLevel] = mapped_column(_enum(GoalLevel))
    # Individual goals: the employee. Team goals: the manager (or HR admin) who set it for `department`.
    # Company goals belong to the organisation and have none.
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"), index=True)
    department: Mapped[str] = mapped_column(String(200), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("goal.id", ondelete="SET NULL"), index=True)

    kind: Mapped[GoalKind] = mapped_column(_enum(GoalKind), default=GoalKind.METRIC)
    unit: Mapped[str] = mapped_column(String(32), default="")
    direction: Mapped[MetricDirection | None] = mapped_column(_enum(MetricDirection))
    baseline: Mapped[float | None] = mapped_column(Double())
    target: Mapped[float | None] = mapped_column(Double())
    current: Mapped[float | None] = mapped_column(Double())
    done: Mapped[bool] = mapped_column(default=False)
    # Own progress in percent, unclipped (120 means the target was beaten by a fifth).
    progress: Mapped[float] = mapped_column(Double(), default=0.0)

    weight: Mapped[float] = mapped_column(Double(), default=100.0)
    start_date: Mapped[date] = mapped_column(Date)
    due_date: Mapped[date] = mapped_column(Date)
    status: Mapped[GoalStatus] = mapped_column(_enum(GoalStatus), default=GoalStatus.DRAFT)
    visibility: Mapped[GoalVisibility] = mapped_column(_enum(GoalVisibility), default=GoalVisibility.PUBLIC)
    health: Mapped[GoalHealth | None] = mapped_column(_enum(GoalHealth))

    proposed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    activated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_checkin_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    @property
    def is_milestone(self) -> bool:
        return self.kind is GoalKind.MILESTONE

    def snapshot(self) -> dict[str, object]:
        """The fields an audit entry keeps, as JSON-friendly values."""
        return {
            "title": self.title,
            "level": self.level.value,
            "owner_id": self.owner_id,
            "department": self.department,
            "parent_id": self.parent_id,
            "kind": self.kind.value,
            "unit": self.unit,
            "direction": self.direction.value if self.direction else None,
            "baseline": self.baseline,
            "target": self.target,
            "current": self.current,
            "done": self.done,
            "weight": self.weight,
            "start_date": self.start_date.isoformat(),
            "due_date": self.due_date.isoformat(),
            "status": self.status.value,
            "visibility": self.visibility.value,
            "health": self.health.value if self.health else None,
        }


class GoalCheckin(WorkspaceScoped, Base):
    """One update on a goal; never changed afterwards, so the history reads as it happened."""

    __tablename__ = "goal_checkin"

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goal.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    value_before: Mapped[float | None] = mapped_column(Double())
    value: Mapped[float | None] = mapped_column(Double())
    done: Mapped[bool] = mapped_column(default=False)
    progress_before: Mapped[float] = mapped_column(Double())
    progress_after: Mapped[float] = mapped_column(Double())
    health: Mapped[GoalHealth] = mapped_column(_enum(GoalHealth))
    note: Mapped[str] = mapped_column(Text, default="")
    blockers: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)


class GoalComment(WorkspaceScoped, Base):
    """A remark on a goal: a report's comment, a manager's change request, an approval note."""

    __tablename__ = "goal_comment"

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goal.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    kind: Mapped[CommentKind] = mapped_column(_enum(CommentKind, 32), default=CommentKind.COMMENT)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class GoalSettings(WorkspaceScoped, Base):
    """Per-workspace goal settings; a workspace without a row uses the defaults."""

    __tablename__ = "goal_settings"
    __table_args__ = (UniqueConstraint("workspace_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    progress_threshold: Mapped[float] = mapped_column(Double(), default=DEFAULT_PROGRESS_THRESHOLD)
    checkin_cadence_days: Mapped[int] = mapped_column(default=DEFAULT_CHECKIN_CADENCE_DAYS)
