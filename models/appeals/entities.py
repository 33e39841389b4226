"""Appeals as stored: one row per appeal on a result part, and its trail of entries.

The row holds what the pure machine (machine.py) works on: the part, the original rating (on the
cycle's scale, as people see it), the state, the assignee and the latest decision. Everything said
along the way (the filing's reason, HR's questions, the manager's statement, the employee's answers,
each transition with who, when, from, to and why) is an `AppealEntry`, oldest first.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, Enum, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.appeals.states import OPEN_STATES, Action, AppealState, Outcome
from models.base import Base, UTCDateTime, WorkspaceScoped, utcnow


def _enum(kind: type[enum.StrEnum], length: int = 32) -> Enum:
    return Enum(
        kind, native_enum=False, length=length, values_callable=lambda members: [m.value for m in members]
    )


class AppealRow(WorkspaceScoped, Base):
    """One appeal on one part of one released result."""

    __tablename__ = "appeal"
    __table_args__ = (Index("ix_appeal_participant_id_part", "participant_id", "part"),)
    # `messages`: the outbox rows the last service call queued, for delivery right after the ack.
    __allow_unmapped__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("review_cycle.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("review_participant.id", ondelete="CASCADE"))
    appellant_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    part: Mapped[str] = mapped_column(String(40))  # "overall" or a criterion key
    # On the cycle's scale (lowest … lowest + levels - 1), as the result showed it when filed.
    original_rating: Mapped[int]
    levels: Mapped[int]
    scale_lowest: Mapped[int] = mapped_column(default=1)
    state: Mapped[AppealState] = mapped_column(_enum(AppealState), index=True)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"), index=True)
    reason: Mapped[str] = mapped_column(Text)
    # References: "goal:<id>", "checkin:<id>", "link:<url>".
    evidence: Mapped[list[str]] = mapped_column(JSON, default=list)
    outcome_sought: Mapped[str] = mapped_column(Text, default="")
    # The latest decision; after a reopening it stays here (in force) until the next one.
    outcome: Mapped[Outcome | None] = mapped_column(_enum(Outcome, 16))
    new_rating: Mapped[int | None]  # on the cycle's scale, for an adjustment
    explanation: Mapped[str | None] = mapped_column(Text)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Working days from filing to the latest decision, on the workspace's calendar (for the figures).
    working_days_to_decision: Mapped[int | None]
    # The pending statement request or question: whether the reason was shared, and by when.
    share_reason: Mapped[bool] = mapped_column(default=False)
    request_due: Mapped[date | None] = mapped_column(Date)
    filed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    messages: tuple[int, ...] = ()

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


class AppealEntry(WorkspaceScoped, Base):
    """One step of an appeal's record: a transition with its words (reason, question, answer, decision)."""

    __tablename__ = "appeal_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    appeal_id: Mapped[int] = mapped_column(ForeignKey("appeal.id", ondelete="CASCADE"), index=True)
    # None: perfbot itself (the round-robin assignment).
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    action: Mapped[Action] = mapped_column(_enum(Action))
    from_state: Mapped[AppealState | None] = mapped_column(_enum(AppealState))
    to_state: Mapped[AppealState] = mapped_column(_enum(AppealState))
    text: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    due: Mapped[date | None] = mapped_column(Date)  # a statement request's or question's deadline
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
