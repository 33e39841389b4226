"""Shorthands for the goal tests."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.goals import Goal, GoalInput, GoalLevel
from tests.goals.conftest import DUE


def goal_input(**overrides: Any) -> GoalInput:
    fields: dict[str, Any] = {
        "title": "Grow repeat sales",
        "level": GoalLevel.INDIVIDUAL,
        "due_date": DUE,
        "unit": "k€",
        "baseline": "100",
        "target": "130",
        "weight": "100",
    }
    fields.update(overrides)
    return GoalInput(**fields)


def goal_count(session: Session) -> int:
    return session.scalar(select(func.count(Goal.id))) or 0
