"""The evidence a review shows beside the ratings: the person's agreed goals due in the cycle's period
and their computed achievement (one statement)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.goals import Goal, GoalStatus, display_progress, weighted_mean
from models.reviews.entities import ReviewCycle

MAX_GOALS = 10


@dataclass(frozen=True)
class GoalAchievement:
    title: str
    progress: float  # percent, as displayed (0–100)
    weight: float


@dataclass(frozen=True)
class GoalEvidence:
    goals: list[GoalAchievement]
    achievement: float | None  # weighted mean of the goals' progress; None without goals
    more: int  # goals beyond the ones listed


def goal_evidence(session: Session, cycle: ReviewCycle, person_id: int) -> GoalEvidence:
    goals = list(
        session.scalars(
            select(Goal)
            .where(
                Goal.workspace_id == cycle.workspace_id,
                Goal.owner_id == person_id,
                Goal.status.in_([GoalStatus.ACTIVE, GoalStatus.COMPLETED]),
                Goal.due_date >= cycle.period_start,
                Goal.due_date <= cycle.period_end,
            )
            .order_by(Goal.due_date, Goal.id)
        )
    )
    items = [GoalAchievement(g.title, display_progress(g.progress), g.weight) for g in goals]
    achievement = weighted_mean((item.weight, item.progress) for item in items)
    return GoalEvidence(items[:MAX_GOALS], achievement, max(len(items) - MAX_GOALS, 0))
