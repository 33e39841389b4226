"""Review cycles: the cycle and its settings version, the participants frozen at launch, self-assessments,
peer nominations and peer reviews, and per-person deadline extensions.

The manager review, calibration, release and appeals (later stages) attach to `ReviewParticipant`:
each participant row is the unit a result, a calibration change or an appeal belongs to.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, Enum, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime, WorkspaceScoped, utcnow


def _enum(kind: type[enum.StrEnum]) -> Enum:
    return Enum(
        kind, native_enum=False, length=16, values_callable=lambda members: [m.value for m in members]
    )


class CycleStatus(enum.StrEnum):
    DRAFT = "draft"  # being prepared: editable, nobody told
    LAUNCHED = "launched"  # running: participants frozen; only deadlines move (audited)
    RELEASED = "released"  # results out (part 2); the appeal window runs from here
    CLOSED = "closed"


class Stage(enum.StrEnum):
    SELF_ASSESSMENT = "self_assessment"
    PEER_NOMINATION = "peer_nomination"
    PEER_REVIEWS = "peer_reviews"
    MANAGER_REVIEW = "manager_review"
    CALIBRATION = "calibration"
    RELEASE = "release"


class SubmissionStatus(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"


class NominationStatus(enum.StrEnum):
    NOMINATED = "nominated"  # waiting for the reviewing manager
    APPROVED = "approved"  # the peer was asked and owes a review
    SUBMITTED = "submitted"  # the peer answered
    DECLINED = "declined"  # the peer declined, with a reason
    REMOVED = "removed"  # the manager (or the employee, before approval) took them off


# Nominations that still count against the cycle's maximum.
LIVE_NOMINATIONS = (NominationStatus.NOMINATED, NominationStatus.APPROVED, NominationStatus.SUBMITTED)


class ReviewCycle(WorkspaceScoped, Base):
    __tablename__ = "review_cycle"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    status: Mapped[CycleStatus] = mapped_column(_enum(CycleStatus), default=CycleStatus.DRAFT)
    # The whole definition (models.reviews.definition.CycleDefinition) as validated, and its version:
    # every edit of a draft or deadline change bumps it, and submissions record the version they met.
    settings: Mapped[dict[str, Any]] = mapped_column(JSON)
    settings_version: Mapped[int] = mapped_column(default=1)
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    # Stage deadlines as columns too, so reminder sweeps and status counts compare them in SQL.
    self_due: Mapped[date] = mapped_column(Date)
    nomination_due: Mapped[date] = mapped_column(Date)
    peer_due: Mapped[date] = mapped_column(Date)
    manager_due: Mapped[date] = mapped_column(Date)
    calibration_due: Mapped[date] = mapped_column(Date)
    release_due: Mapped[date] = mapped_column(Date)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    launched_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    launched_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    def due(self, stage: Stage) -> date:
        return {
            Stage.SELF_ASSESSMENT: self.self_due,
            Stage.PEER_NOMINATION: self.nomination_due,
            Stage.PEER_REVIEWS: self.peer_due,
            Stage.MANAGER_REVIEW: self.manager_due,
            Stage.CALIBRATION: self.calibration_due,
            Stage.RELEASE: self.release_due,
        }[stage]


STAGE_COLUMNS = {
    Stage.SELF_ASSESSMENT: "self_due",
    Stage.PEER_NOMINATION: "nomination_due",
    Stage.PEER_REVIEWS: "peer_due",
    Stage.MANAGER_REVIEW: "manager_due",
    Stage.CALIBRATION: "calibration_due",
    Stage.RELEASE: "release_due",
}


class ReviewParticipant(WorkspaceScoped, Base):
    """Someone reviewed in a cycle, with their reviewing manager and department as they were at launch."""

    __tablename__ = "review_participant"
    __table_args__ = (UniqueConstraint("cycle_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("review_cycle.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    # Frozen at launch: a later org change does not move a review; HR reassigns (audited).
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"), index=True)
    department: Mapped[str] = mapped_column(String(200), default="")
    # When the employee sent their peer nominations to the manager, and when the manager approved them.
    nominated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    nominations_approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # When HR released this person's result (the whole cycle, or their department): from then on the
    # employee sees it, and the appeal window runs (see models.reviews.release).
    released_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    released_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class DeadlineExtension(WorkspaceScoped, Base):
    """One participant's later deadline for one stage (HR's, audited); the latest grant stands."""

    __tablename__ = "review_deadline_extension"
    __table_args__ = (UniqueConstraint("participant_id", "stage"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("review_cycle.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("review_participant.id", ondelete="CASCADE"))
    stage: Mapped[Stage] = mapped_column(_enum(Stage))
    due: Mapped[date] = mapped_column(Date)
    granted_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class SelfAssessment(WorkspaceScoped, Base):
    __tablename__ = "self_assessment"
    __table_args__ = (UniqueConstraint("participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("review_cycle.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("review_participant.id", ondelete="CASCADE"))
    status: Mapped[SubmissionStatus] = mapped_column(_enum(SubmissionStatus), default=SubmissionStatus.DRAFT)
    ratings: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)  # criterion key -> rating
    comments: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)  # criterion key -> comment
    accomplishments: Mapped[str] = mapped_column(Text, default="")
    settings_version: Mapped[int] = mapped_column(default=1)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class PeerNomination(WorkspaceScoped, Base):
    """A peer asked (or to be asked) to review a participant. Who the reviewer is lives only here."""

    __tablename__ = "peer_nomination"
    __table_args__ = (
        UniqueConstraint("participant_id", "reviewer_id"),
        Index("ix_peer_nomination_reviewer_status", "reviewer_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("review_cycle.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("review_participant.id", ondelete="CASCADE"), index=True
    )
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    status: Mapped[NominationStatus] = mapped_column(
        _enum(NominationStatus), default=NominationStatus.NOMINATED
    )
    nominated_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    decline_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class PeerReview(WorkspaceScoped, Base):
    """A peer's answers. It names its nomination only; views show it aggregated, never with its writer."""

    __tablename__ = "peer_review"
    __table_args__ = (UniqueConstraint("nomination_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("review_cycle.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("review_participant.id", ondelete="CASCADE"), index=True
    )
    nomination_id: Mapped[int] = mapped_column(ForeignKey("peer_nomination.id", ondelete="CASCADE"))
    ratings: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)  # question key -> rating
    answers: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)  # question key -> free text
    # A random number drawn at submission: free text is shown in this order, which follows neither
    # the order of submission nor the writers' names.
    shuffle_key: Mapped[int] = mapped_column(default=0)
    settings_version: Mapped[int] = mapped_column(default=1)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class RecommendedOutcome(enum.StrEnum):
    """What the reviewing manager recommends; HR records the outcome itself later."""

    NONE = "none"
    PROMOTION = "promotion"
    TRAINING = "training"
    TRANSFER = "transfer"
    DEVELOPMENT_PLAN = "development_plan"


class ManagerReview(WorkspaceScoped, Base):
    """The reviewing manager's ratings, comments and summary for one participant, and, once submitted,
    the result: the final score and rating with the formula, every input and the settings version."""

    __tablename__ = "manager_review"
    __table_args__ = (UniqueConstraint("participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("review_cycle.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("review_participant.id", ondelete="CASCADE"))
    # Who wrote it last: the reviewing manager, or HR standing in.
    author_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    status: Mapped[SubmissionStatus] = mapped_column(_enum(SubmissionStatus), default=SubmissionStatus.DRAFT)
    ratings: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)  # criterion key -> rating
    comments: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)  # criterion key -> comment
    summary: Mapped[str] = mapped_column(Text, default="")
    recommended_outcome: Mapped[RecommendedOutcome] = mapped_column(
        _enum(RecommendedOutcome), default=RecommendedOutcome.NONE
    )
    # Set on submission: ScoreResult.to_record() (formula and inputs), and the final rating on the
    # cycle's scale as a column, so calibration counts it in SQL.
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    final_rating: Mapped[int | None] = mapped_column()
    settings_version: Mapped[int] = mapped_column(default=1)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
