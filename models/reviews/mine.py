"""What one person owes in the running cycles and what is owed to them: for `/review` and App Home.

Peers owed to someone are counts, never names. Six statements per running cycle, whatever the
headcount (tests/reviews/test_statement_counts.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.people import Person
from models.reviews.cycles import running_cycles
from models.reviews.entities import (
    DeadlineExtension,
    NominationStatus,
    PeerNomination,
    ReviewCycle,
    ReviewParticipant,
    SelfAssessment,
    Stage,
    SubmissionStatus,
)


@dataclass(frozen=True)
class PeerRequest:
    nomination_id: int
    reviewee: str  # the reviewee's mention: a peer knows whom they review
    due: date


@dataclass(frozen=True)
class ApprovalWaiting:
    participant_id: int
    employee: str  # mention
    nominated: int


@dataclass
class MyCycle:
    cycle: ReviewCycle
    participant: ReviewParticipant | None = None
    self_status: SubmissionStatus | None = None
    deadlines: dict[Stage, date] = field(default_factory=dict)  # mine, with any extension
    nominated: int = 0  # peers nominated or approved for me, still to answer or answered
    peers_asked: int = 0  # approved: the request went out
    peers_received: int = 0
    peer_requests: list[PeerRequest] = field(default_factory=list)
    approvals: list[ApprovalWaiting] = field(default_factory=list)

    @property
    def self_done(self) -> bool:
        return self.self_status is SubmissionStatus.SUBMITTED

    @property
    def nominations_done(self) -> bool:
        return self.participant is not None and self.participant.nominated_at is not None

    def due(self, stage: Stage) -> date:
        return self.deadlines.get(stage, self.cycle.due(stage))


def my_cycles(session: Session, person: Person) -> list[MyCycle]:
    return [my_cycle(session, person, cycle) for cycle in running_cycles(session, person.workspace_id)]


def my_cycle(session: Session, person: Person, cycle: ReviewCycle) -> MyCycle:
    mine = MyCycle(cycle=cycle)
    found = session.execute(
        select(ReviewParticipant, SelfAssessment.status)
        .outerjoin(SelfAssessment, SelfAssessment.participant_id == ReviewParticipant.id)
        .where(ReviewParticipant.cycle_id == cycle.id, ReviewParticipant.person_id == person.id)
    ).first()
    if found is not None:
        mine.participant, mine.self_status = found[0], found[1]
        mine.deadlines = {
            stage: max(due, cycle.due(stage))
            for stage, due in session.execute(
                select(DeadlineExtension.stage, DeadlineExtension.due).where(
                    DeadlineExtension.participant_id == found[0].id
                )
            ).all()
        }
        counts: dict[NominationStatus, int] = {
            status: int(n)
            for status, n in session.execute(
                select(PeerNomination.status, func.count())
                .where(PeerNomination.participant_id == found[0].id)
                .group_by(PeerNomination.status)
            ).all()
        }
        mine.peers_received = counts.get(NominationStatus.SUBMITTED, 0)
        mine.peers_asked = counts.get(NominationStatus.APPROVED, 0) + mine.peers_received
        mine.nominated = mine.peers_asked + counts.get(NominationStatus.NOMINATED, 0)
    reviewee = Person.__table__.alias("reviewee")
    ext = DeadlineExtension.__table__.alias("ext")
    mine.peer_requests = [
        PeerRequest(nomination_id, f"<@{user_id}>", max(due or cycle.peer_due, cycle.peer_due))
        for nomination_id, user_id, due in session.execute(
            select(PeerNomination.id, reviewee.c.slack_user_id, ext.c.due)
            .join(ReviewParticipant, ReviewParticipant.id == PeerNomination.participant_id)
            .join(reviewee, reviewee.c.id == ReviewParticipant.person_id)
            .outerjoin(
                ext,
                (ext.c.participant_id == ReviewParticipant.id) & (ext.c.stage == Stage.PEER_REVIEWS.value),
            )
            .where(
                PeerNomination.cycle_id == cycle.id,
                PeerNomination.reviewer_id == person.id,
                PeerNomination.status == NominationStatus.APPROVED,
            )
            .order_by(PeerNomination.id)
        ).all()
    ]
    mine.approvals = [
        ApprovalWaiting(participant_id, f"<@{user_id}>", int(count))
        for participant_id, user_id, count in session.execute(
            select(ReviewParticipant.id, Person.slack_user_id, func.count(PeerNomination.id))
            .join(Person, Person.id == ReviewParticipant.person_id)
            .join(PeerNomination, PeerNomination.participant_id == ReviewParticipant.id)
            .where(
                ReviewParticipant.cycle_id == cycle.id,
                ReviewParticipant.manager_id == person.id,
                PeerNomination.status == NominationStatus.NOMINATED,
            )
            .group_by(ReviewParticipant.id, Person.slack_user_id)
            .order_by(ReviewParticipant.id)
        ).all()
    ]
    return mine
