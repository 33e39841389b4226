"""The manager reviews a person owes, for App Home: their reports in running cycles whose review can be
written (the stage is open, or the self-assessment and the peer aggregate are in). One statement."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from models.people import Person
from models.reviews.entities import (
    CycleStatus,
    ManagerReview,
    PeerReview,
    ReviewCycle,
    ReviewParticipant,
    SelfAssessment,
    SubmissionStatus,
)

MAX_SHOWN = 20


@dataclass(frozen=True)
class ManagerReviewDue:
    participant_id: int
    cycle_name: str
    mention: str
    due: date
    status: SubmissionStatus | None  # None: not started


def manager_reviews_due(session: Session, manager: Person, now: datetime) -> list[ManagerReviewDue]:
    today = now.astimezone(UTC).date()
    peers_in = (
        select(func.count(PeerReview.id))
        .where(PeerReview.participant_id == ReviewParticipant.id)
        .scalar_subquery()
    )
    rows = session.execute(
        select(
            ReviewParticipant.id,
            ReviewCycle.name,
            ReviewCycle.manager_due,
            ReviewCycle.settings,
            Person.slack_user_id,
            ManagerReview.status,
            SelfAssessment.status,
            ReviewCycle.peer_due,
            peers_in,
        )
        .join(ReviewCycle, ReviewCycle.id == ReviewParticipant.cycle_id)
        .join(Person, Person.id == ReviewParticipant.person_id)
        .outerjoin(ManagerReview, ManagerReview.participant_id == ReviewParticipant.id)
        .outerjoin(SelfAssessment, SelfAssessment.participant_id == ReviewParticipant.id)
        .where(
            ReviewParticipant.manager_id == manager.id,
            ReviewParticipant.workspace_id == manager.workspace_id,
            ReviewCycle.status == CycleStatus.LAUNCHED,
            ReviewCycle.manager_due >= today,
            or_(ManagerReview.id.is_(None), ManagerReview.status != SubmissionStatus.SUBMITTED),
            or_(ReviewCycle.peer_due < today, SelfAssessment.status == SubmissionStatus.SUBMITTED),
        )
        .order_by(ReviewCycle.manager_due, Person.name, ReviewParticipant.id)
    ).all()
    found = []
    for participant_id, cycle_name, due, settings, user_id, status, _self, peer_due, received in rows:
        needed = int((settings.get("peers") or {}).get("min", 3))
        if peer_due < today or received >= needed:
            found.append(ManagerReviewDue(participant_id, cycle_name, f"<@{user_id}>", due, status))
    return found[:MAX_SHOWN]
