"""A reviewing manager's reports in a cycle: where each stands (two statements at any team size)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.people import Person
from models.reviews.entities import (
    NominationStatus,
    PeerNomination,
    ReviewCycle,
    ReviewParticipant,
    SelfAssessment,
    SubmissionStatus,
)

MAX_REPORTS = 40


@dataclass(frozen=True)
class ReportStatus:
    participant_id: int
    mention: str
    self_status: SubmissionStatus | None
    peers_received: int
    peers_asked: int


def team_reviews(session: Session, manager: Person, cycle: ReviewCycle) -> list[ReportStatus]:
    rows = session.execute(
        select(ReviewParticipant.id, Person.slack_user_id, SelfAssessment.status)
        .join(Person, Person.id == ReviewParticipant.person_id)
        .outerjoin(SelfAssessment, SelfAssessment.participant_id == ReviewParticipant.id)
        .where(ReviewParticipant.cycle_id == cycle.id, ReviewParticipant.manager_id == manager.id)
        .order_by(Person.name, ReviewParticipant.id)
        .limit(MAX_REPORTS)
    ).all()
    ids = [row[0] for row in rows]
    counts: dict[tuple[int, NominationStatus], int] = {}
    if ids:
        for participant_id, nomination_status, n in session.execute(
            select(PeerNomination.participant_id, PeerNomination.status, func.count())
            .where(PeerNomination.participant_id.in_(ids))
            .group_by(PeerNomination.participant_id, PeerNomination.status)
        ).all():
            counts[(participant_id, nomination_status)] = int(n)
    reports = []
    for participant_id, user_id, self_status in rows:
        received = counts.get((participant_id, NominationStatus.SUBMITTED), 0)
        asked = received + counts.get((participant_id, NominationStatus.APPROVED), 0)
        reports.append(ReportStatus(participant_id, f"<@{user_id}>", self_status, received, asked))
    return reports
