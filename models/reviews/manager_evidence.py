"""Everything the reviewing manager sees beside their ratings, loaded in a number of statements that does
not depend on the cycle's size: the self-assessment, the peer aggregate (under its anonymity rules),
the goals' achievement in the period and the recognition received in it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from models.people import Person
from models.reviews.aggregate import PeerAggregate, peer_aggregate
from models.reviews.entities import ManagerReview, ReviewCycle, ReviewParticipant, SelfAssessment
from models.reviews.evidence import GoalEvidence, goal_evidence
from models.reviews.manager_review import manager_review_of
from models.reviews.permissions import ReviewAction, require
from models.reviews.recognition import RecognitionEvidence, recognition_evidence
from models.reviews.self_assessment import read_self_assessment


@dataclass(frozen=True)
class ManagerEvidence:
    person: Person
    self_assessment: SelfAssessment | None
    peers: PeerAggregate
    goals: GoalEvidence
    recognition: RecognitionEvidence
    saved: ManagerReview | None


def manager_evidence(
    session: Session, viewer: Person, cycle: ReviewCycle, participant: ReviewParticipant
) -> ManagerEvidence:
    require(viewer, ReviewAction.WRITE_MANAGER_REVIEW, cycle, participant)
    person = session.get(Person, participant.person_id)
    assert person is not None  # the participant row cascades with the person
    return ManagerEvidence(
        person=person,
        self_assessment=read_self_assessment(session, viewer, cycle, participant),
        peers=peer_aggregate(session, viewer, cycle, participant),
        goals=goal_evidence(session, cycle, participant.person_id),
        recognition=recognition_evidence(session, cycle, participant.person_id),
        saved=manager_review_of(session, participant),
    )
