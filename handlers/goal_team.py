"""What `/goal team` shows a manager: their direct reports' goals, those needing attention first.

The attention list is the domain's (`goals_needing_attention`); the rest of the reports' agreed
goals come from one more statement, filtered by the same visibility rule as every goal query, so
the answer costs the same number of statements however many goals the workspace has.
(models.goal_queries has no "all of a manager's reports' goals" query yet; this one belongs there.)
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.goal_queries import AttentionItem, GoalSummary, goals_needing_attention, rolled_up_progress
from models.goals import AGREED_STATUSES, Goal
from models.people import Person
from models.permissions import visible_goals


def team_goals(
    session: Session, manager: Person, *, today: date
) -> tuple[list[AttentionItem], list[GoalSummary]]:
    """(goals needing attention, the reports' other agreed goals). Three statements."""
    attention = goals_needing_attention(session, manager, today=today)
    flagged = {item.goal.id for item in attention}
    progress = rolled_up_progress(session, manager.workspace_id)
    rows = session.execute(
        select(Goal, Person)
        .join(Person, Person.id == Goal.owner_id)
        .where(
            Goal.workspace_id == manager.workspace_id,
            Person.workspace_id == manager.workspace_id,
            Person.manager_id == manager.id,
            Goal.status.in_(AGREED_STATUSES),
            visible_goals(manager),
        )
        .order_by(Goal.status, Person.name, Person.id, Goal.due_date, Goal.id)
    )
    others = [
        GoalSummary(goal, owner, progress.get(goal.id, goal.progress))
        for goal, owner in rows
        if goal.id not in flagged
    ]
    return attention, others
