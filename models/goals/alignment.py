"""Alignment: which goal may sit under which, checked for level, visibility and loops."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.errors import Problem
from models.goals.entities import FINAL_STATUSES, Goal, GoalLevel
from models.goals.permissions import can_see_goal
from models.i18n import N_, quote_title
from models.people import Person
from models.workspace import Workspace

PARENT_LEVELS = {
    GoalLevel.COMPANY: frozenset[GoalLevel](),
    GoalLevel.TEAM: frozenset({GoalLevel.COMPANY}),
    GoalLevel.INDIVIDUAL: frozenset({GoalLevel.TEAM, GoalLevel.COMPANY}),
}
MAX_ALIGNMENT_DEPTH = 50  # far beyond three levels; only stops a walk through corrupted data


def check_parent(
    session: Session,
    workspace: Workspace,
    viewer: Person,
    level: GoalLevel,
    parent_id: int | None,
    *,
    goal_id: int | None = None,
) -> list[Problem]:
    """Problems with aligning a goal of `level` (the goal `goal_id`, when it exists) under `parent_id`."""
    if parent_id is None:
        return []
    if level is GoalLevel.COMPANY:
        return [Problem(N_("Company goals are at the top and cannot align to another goal."), "parent")]
    row = session.execute(
        select(Goal, Person)
        .outerjoin(Person, Person.id == Goal.owner_id)
        .where(Goal.workspace_id == workspace.id, Goal.id == parent_id)
    ).first()
    if row is None or not can_see_goal(viewer, row[0], row[1]):
        return [Problem(N_("Choose a goal you can see in this workspace."), "parent")]
    parent = row[0]
    if goal_id is not None and _is_ancestor_or_self(session, workspace, goal_id, parent):
        return [
            Problem(
                N_("That would make a loop: {title} is aligned under this goal."),
                "parent",
                {"title": quote_title(parent.title)},
            )
        ]
    if parent.level not in PARENT_LEVELS[level]:
        if level is GoalLevel.TEAM:
            return [Problem(N_("A team goal can only align to a company goal."), "parent")]
        return [Problem(N_("An individual goal can only align to a team or company goal."), "parent")]
    if parent.status in FINAL_STATUSES:
        return [
            Problem(
                N_("{title} is closed; choose a goal that is still open."),
                "parent",
                {"title": quote_title(parent.title)},
            )
        ]
    return []


def _is_ancestor_or_self(session: Session, workspace: Workspace, goal_id: int, start: Goal) -> bool:
    current: Goal | None = start
    for _ in range(MAX_ALIGNMENT_DEPTH):
        if current is None or current.workspace_id != workspace.id:
            return False
        if current.id == goal_id:
            return True
        current = session.get(Goal, current.parent_id) if current.parent_id is not None else None
    return True
