"""The manager review: the reviewing manager (or HR) rates each criterion with a comment, writes a
summary and recommends an outcome; a draft is saved as often as wanted, and submitting computes the
result with the cycle's formula (`scoring.compute_score`) and stores it with every input, the formula
and the settings version, so whoever may see the result can see how it was reached.

The cycle's scale may start at 0; the formula counts levels 1 … N, so ratings are shifted onto it and
the final rating shifted back onto the cycle's scale.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.errors import DomainError, Problem
from models.i18n import N_
from models.people import Person
from models.reviews.definition import CycleDefinition
from models.reviews.entities import (
    ManagerReview,
    RecommendedOutcome,
    ReviewCycle,
    ReviewParticipant,
    Stage,
    SubmissionStatus,
)
from models.reviews.evidence import goal_evidence
from models.reviews.messages import cancel_queued, reminder_prefix
from models.reviews.permissions import ReviewAction, released, require
from models.reviews.scoring import MissingGoalPolicy, ScoreResult, compute_score, fmt, score_inputs
from models.reviews.self_assessment import definition_of, require_open

MAX_COMMENT = 2000
MAX_SUMMARY = 3000


@dataclass(frozen=True)
class ManagerReviewInput:
    ratings: dict[str, int | None] = field(default_factory=dict)
    comments: dict[str, str] = field(default_factory=dict)
    summary: str = ""
    outcome: str = RecommendedOutcome.NONE.value


def manager_review_of(session: Session, participant: ReviewParticipant) -> ManagerReview | None:
    return session.scalar(select(ManagerReview).where(ManagerReview.participant_id == participant.id))


def _problems(definition: CycleDefinition, data: ManagerReviewInput, *, complete: bool) -> list[Problem]:
    problems: list[Problem] = []
    ratings = set(definition.scale.ratings)
    for criterion in definition.criteria:
        rating = data.ratings.get(criterion.key)
        if rating is None and complete:
            problems.append(Problem(N_("Choose a rating."), f"rating:{criterion.key}"))
        elif rating is not None and rating not in ratings:
            problems.append(Problem(N_("Choose one of the scale's ratings."), f"rating:{criterion.key}"))
        if len(data.comments.get(criterion.key, "")) > MAX_COMMENT:
            problems.append(
                Problem(
                    N_("Keep it under {limit} characters."),
                    f"comment:{criterion.key}",
                    {"limit": MAX_COMMENT},
                )
            )
    if complete and not data.summary.strip():
        problems.append(Problem(N_("Write a summary of the review."), "summary"))
    if len(data.summary) > MAX_SUMMARY:
        problems.append(Problem(N_("Keep it under {limit} characters."), "summary", {"limit": MAX_SUMMARY}))
    if data.outcome not in {outcome.value for outcome in RecommendedOutcome}:
        problems.append(Problem(N_("Choose one of the outcomes offered."), "outcome"))
    return problems


def compute_result(
    definition: CycleDefinition, ratings: dict[str, int], goal_achievement: float | None
) -> ScoreResult:
    """The final score of these ratings and this goal achievement under the cycle's definition."""
    lowest = definition.scale.lowest
    return compute_score(
        score_inputs(
            criteria={
                c.key: (r - lowest + 1 if (r := ratings.get(c.key)) is not None else None)
                for c in definition.criteria
            },
            # to cents, as the formula shows it: 75.0 is stored and shown as 75
            goal_achievement=None if goal_achievement is None else fmt(Decimal(str(goal_achievement))),
            goal_weight=definition.weights.goals,
            criteria_weight=definition.weights.criteria,
            missing_goal=MissingGoalPolicy(definition.weights.missing_goals),
            levels=len(definition.scale.levels),
        )
    )


def result_record(cycle: ReviewCycle, definition: CycleDefinition, result: ScoreResult) -> dict[str, Any]:
    """What is stored with the result: the formula and its inputs, the scale offset, the settings version."""
    return {
        **result.to_record(),
        "scale_lowest": definition.scale.lowest,
        "settings_version": cycle.settings_version,
    }


def save_manager_review(
    session: Session,
    actor: Person,
    cycle: ReviewCycle,
    participant: ReviewParticipant,
    data: ManagerReviewInput,
    now: datetime,
    *,
    submit: bool,
) -> ManagerReview:
    """Save a draft, or submit (every criterion rated and a summary): then the result is computed."""
    require(actor, ReviewAction.WRITE_MANAGER_REVIEW, cycle, participant)
    if released(cycle, participant):
        raise DomainError(N_("This result is released: it changes only through an appeal now."))
    require_open(session, cycle, participant, Stage.MANAGER_REVIEW, actor, now)
    definition = definition_of(cycle)
    existing = manager_review_of(session, participant)
    complete = submit or (existing is not None and existing.status is SubmissionStatus.SUBMITTED)
    problems = _problems(definition, data, complete=complete)
    if problems:
        raise DomainError.of(problems)
    review = existing or ManagerReview(
        workspace_id=cycle.workspace_id, cycle_id=cycle.id, participant_id=participant.id
    )
    keys = [criterion.key for criterion in definition.criteria]
    review.ratings = {key: int(r) for key in keys if (r := data.ratings.get(key)) is not None}
    review.comments = {key: text for key in keys if (text := data.comments.get(key, "").strip())}
    review.summary = data.summary.strip()
    review.recommended_outcome = RecommendedOutcome(data.outcome)
    review.author_id = actor.id
    review.settings_version = cycle.settings_version
    review.updated_at = now
    if complete:
        goals = goal_evidence(session, cycle, participant.person_id)
        result = compute_result(definition, review.ratings, goals.achievement)
        review.result = result_record(cycle, definition, result)
        review.final_rating = result.final_rating + definition.scale.lowest - 1
        if review.status is not SubmissionStatus.SUBMITTED:
            review.submitted_at = now
        review.status = SubmissionStatus.SUBMITTED
        cancel_queued(
            session,
            cycle.workspace_id,
            reminder_prefix(cycle.id, Stage.MANAGER_REVIEW.value, participant.id),
            "manager review submitted",
            now,
        )
    if existing is None:
        session.add(review)
    session.flush()
    return review


def read_result(
    session: Session, actor: Person, cycle: ReviewCycle, participant: ReviewParticipant
) -> ManagerReview | None:
    """The manager review and its result, for whoever may see it (see permissions.READ_RESULT)."""
    require(actor, ReviewAction.READ_RESULT, cycle, participant)
    return manager_review_of(session, participant)
