"""The feedback conversation: the log of the one-to-one a reviewing manager holds once a participant's
result is released, the employee's comments on it, and the development actions agreed in it.

One log per participant. The manager may change it until the employee acknowledges it; from then on
it stands as acknowledged (comments can still be added, actions still marked done).
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Date, Enum, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime, WorkspaceScoped, utcnow


class ActionKind(enum.StrEnum):
    TRAINING = "training"
    MENTORING = "mentoring"
    STRETCH = "stretch"  # a stretch assignment
    OTHER = "other"


class FeedbackLog(WorkspaceScoped, Base):
    __tablename__ = "feedback_log"
    __table_args__ = (UniqueConstraint("participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("review_cycle.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("review_participant.id", ondelete="CASCADE"))
    # Who wrote it last: the reviewing manager (or HR standing in for a participant without one).
    author_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    held_on: Mapped[date] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    strengths: Mapped[str] = mapped_column(Text, default="")  # what was acknowledged
    improve: Mapped[str] = mapped_column(Text, default="")  # where to improve
    # When the employee acknowledged it: they saw it and the conversation took place (not agreement).
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class FeedbackComment(WorkspaceScoped, Base):
    """The employee's comment, joined to the log; as many as they like, in order."""

    __tablename__ = "feedback_comment"

    id: Mapped[int] = mapped_column(primary_key=True)
    log_id: Mapped[int] = mapped_column(ForeignKey("feedback_log.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class DevelopmentAction(WorkspaceScoped, Base):
    """An action agreed in the conversation: who owns it, what kind, what, by when; done or not."""

    __tablename__ = "development_action"
    __table_args__ = (
        # The reminder sweep looks actions up by due date; Home by owner.
        Index("ix_development_action_due_on_done_at", "due_on", "done_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    log_id: Mapped[int] = mapped_column(ForeignKey("feedback_log.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("review_participant.id", ondelete="CASCADE"))
    # The slot (0, 1, 2) in the log's form: editing the log updates the action in its slot.
    position: Mapped[int] = mapped_column(default=0)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"), index=True)
    kind: Mapped[ActionKind] = mapped_column(
        Enum(ActionKind, native_enum=False, length=16, values_callable=lambda s: [m.value for m in s])
    )
    description: Mapped[str] = mapped_column(String(300))
    due_on: Mapped[date] = mapped_column(Date)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
