"""The anonymous peer aggregate: what the reviewing manager (and, after release, the reviewee) sees.

Ratings only as means over at least the cycle's minimum number of reviews; below it, nothing but
the reason. Free text without names, in each review's random `shuffle_key` order, which follows
neither submission order nor the writers. Only HR, and only where the cycle allows it, sees names.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.people import Person
from models.reviews.entities import PeerNomination, PeerReview, ReviewCycle, ReviewParticipant
from models.reviews.permissions import ReviewAction, can, require
from models.reviews.self_assessment import definition_of


@dataclass(frozen=True)
class QuestionMean:
    key: str
    text: str
    mean: float
    count: int


@dataclass(frozen=True)
class QuestionAnswers:
    key: str
    text: str
    answers: list[str]


@dataclass(frozen=True)
class PeerAggregate:
    received: int
    needed: int
    means: list[QuestionMean] = field(default_factory=list)
    answers: list[QuestionAnswers] = field(default_factory=list)
    # HR only, where the cycle's hr_sees_peer_names allows: the reviewers, in no particular tie to the text.
    reviewer_names: list[str] | None = None

    @property
    def withheld(self) -> bool:
        return self.received < self.needed


def peer_aggregate(
    session: Session, viewer: Person, cycle: ReviewCycle, participant: ReviewParticipant
) -> PeerAggregate:
    require(viewer, ReviewAction.READ_PEER_AGGREGATE, cycle, participant)
    definition = definition_of(cycle)
    reviews = list(
        session.scalars(
            select(PeerReview)
            .where(PeerReview.participant_id == participant.id)
            .order_by(PeerReview.shuffle_key, PeerReview.id)
        )
    )
    needed = definition.peers.min
    if len(reviews) < needed:
        return PeerAggregate(received=len(reviews), needed=needed)
    means = []
    answers = []
    for question in definition.peer_questions:
        if question.kind == "rating":
            values = [r.ratings[question.key] for r in reviews if question.key in r.ratings]
            if values:
                means.append(
                    QuestionMean(question.key, question.text, sum(values) / len(values), len(values))
                )
        else:
            texts = [r.answers[question.key] for r in reviews if r.answers.get(question.key)]
            answers.append(QuestionAnswers(question.key, question.text, texts))
    names = None
    if can(viewer, ReviewAction.READ_PEER_NAMES, cycle, participant):
        names = sorted(
            session.scalars(
                select(Person.name)
                .join(PeerNomination, PeerNomination.reviewer_id == Person.id)
                .join(PeerReview, PeerReview.nomination_id == PeerNomination.id)
                .where(PeerReview.participant_id == participant.id)
            )
        )
    return PeerAggregate(
        received=len(reviews), needed=needed, means=means, answers=answers, reviewer_names=names
    )
