"""What HR decides for a participant once the result stands: the bonus tier, a promotion nomination,
training and a transfer (stage 6 of the cycle, "applying results")."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime, WorkspaceScoped, utcnow


class ReviewOutcome(WorkspaceScoped, Base):
    """One participant's outcome. The bonus tier follows the final rating through the cycle's mapping
    (`CycleDefinition.tier_mapping`) unless HR recorded another tier, which then needs a reason."""

    __tablename__ = "review_outcome"
    __table_args__ = (UniqueConstraint("participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("review_cycle.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("review_participant.id", ondelete="CASCADE"))
    # None: the tier the current final rating maps to. Otherwise HR's tier, with its reason.
    tier_override: Mapped[str | None] = mapped_column(String(40))
    override_reason: Mapped[str | None] = mapped_column(Text)
    promotion: Mapped[bool] = mapped_column(default=False)
    training: Mapped[bool] = mapped_column(default=False)
    training_label: Mapped[str] = mapped_column(String(80), default="")
    transfer: Mapped[bool] = mapped_column(default=False)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
