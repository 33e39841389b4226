"""A released result as its reader sees it: the final rating and its label, the manager's rating per
criterion, the goal achievement, the anonymous peer aggregate (only where the cycle's minimum of peer
reviews was met), the formula with its numbers and its steps in words, and the appeal window's last
day in the reader's zone.

The employee reads it only once it is released (permissions.READ_RESULT); the reviewing manager and
HR read it always. Nothing here is built for someone who may not see it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from models.people import Person
from models.reviews.aggregate import PeerAggregate, peer_aggregate
from models.reviews.definition import CycleDefinition
from models.reviews.entities import ReviewCycle, ReviewParticipant, SubmissionStatus
from models.reviews.explain import Explanation, explain
from models.reviews.manager_review import manager_review_of
from models.reviews.permissions import RELEASED, ReviewAction, require
from models.reviews.release import appeal_window_last_day
from models.reviews.scoring import ScoreInputs, ScoreResult, compute_score, fmt
from models.reviews.self_assessment import definition_of


@dataclass(frozen=True)
class CriterionResult:
    name: str
    rating: int | None
    label: str


@dataclass(frozen=True)
class ResultView:
    cycle: ReviewCycle
    participant: ReviewParticipant
    definition: CycleDefinition
    final_rating: int
    final_label: str
    criteria: list[CriterionResult]
    goal_achievement: str | None  # percent as the formula shows it, "80"; None: no goal data
    peers: PeerAggregate
    formula: str
    steps: tuple[Explanation, ...]
    last_day: date | None  # of the appeal window, in the reader's zone; None before release


def label_of(definition: CycleDefinition, rating: int | None) -> str:
    if rating is None or rating not in definition.scale.ratings:
        return ""
    return definition.scale.levels[definition.scale.ratings.index(rating)].label


def stored_score(record: dict[str, object]) -> ScoreResult:
    """The stored result, recomputed from its inputs, with any override (calibration) kept."""
    inputs = record["inputs"]
    assert isinstance(inputs, dict)
    override = record.get("rating_override")
    return replace(
        compute_score(ScoreInputs.from_record(inputs)),
        rating_override=override if isinstance(override, int) else None,
    )


def result_for(
    session: Session, reader: Person, cycle: ReviewCycle, participant: ReviewParticipant, tz: str | None
) -> ResultView | None:
    """The result for whoever may read it (refused otherwise); None while there is no submitted one."""
    require(reader, ReviewAction.READ_RESULT, cycle, participant)
    review = manager_review_of(session, participant)
    if review is None or review.status is not SubmissionStatus.SUBMITTED or review.result is None:
        return None
    definition = definition_of(cycle)
    score = stored_score(review.result)
    final = review.final_rating if review.final_rating is not None else score.final_rating
    achievement = score.inputs.goal_achievement
    return ResultView(
        cycle=cycle,
        participant=participant,
        definition=definition,
        final_rating=final,
        final_label=label_of(definition, final),
        criteria=[
            CriterionResult(c.name, r := review.ratings.get(c.key), label_of(definition, r))
            for c in definition.criteria
        ],
        goal_achievement=None if achievement is None else fmt(achievement),
        peers=peer_aggregate(session, reader, cycle, participant),
        formula=score.formula,
        steps=explain(score),
        last_day=appeal_window_last_day(cycle, participant, tz),
    )


def my_released(
    session: Session, person: Person, limit: int = 3
) -> list[tuple[ReviewCycle, ReviewParticipant]]:
    """This person's released results (their own), newest cycle first: one statement."""
    rows = session.execute(
        select(ReviewCycle, ReviewParticipant)
        .join(ReviewParticipant, ReviewParticipant.cycle_id == ReviewCycle.id)
        .where(
            ReviewParticipant.person_id == person.id,
            ReviewParticipant.workspace_id == person.workspace_id,
            or_(ReviewParticipant.released_at.is_not(None), ReviewCycle.status.in_(RELEASED)),
        )
        .order_by(ReviewCycle.id.desc())
        .limit(limit)
    ).all()
    return [(cycle, participant) for cycle, participant in rows]
