"""Small builders for test data; each returns flushed rows."""

from __future__ import annotations

from sqlalchemy.orm import Session

from models.people import Person, Role
from models.workspace import Workspace


def make_workspace(session: Session, team_id: str = "T001", **fields: object) -> Workspace:
    workspace = Workspace(team_id=team_id, **fields)
    session.add(workspace)
    session.flush()
    return workspace


def make_person(
    session: Session,
    workspace: Workspace,
    slack_user_id: str,
    *,
    name: str | None = None,
    role: Role = Role.EMPLOYEE,
    manager: Person | None = None,
    **fields: object,
) -> Person:
    person = Person(
        workspace_id=workspace.id,
        slack_user_id=slack_user_id,
        name=name or slack_user_id.lower(),
        email=fields.pop("email", f"{slack_user_id.lower()}@example.com"),
        role=role,
        manager_id=manager.id if manager else None,
        **fields,
    )
    session.add(person)
    session.flush()
    return person


# --- Goals ---------------------------------------------------------------------------------------

from datetime import date, datetime  # noqa: E402

from models.goals import (  # noqa: E402
    Goal,
    GoalKind,
    GoalLevel,
    GoalStatus,
    GoalVisibility,
    MetricDirection,
    own_progress,
)


def make_goal(
    session: Session,
    workspace: Workspace,
    *,
    title: str = "Grow revenue",
    level: GoalLevel = GoalLevel.INDIVIDUAL,
    owner: Person | None = None,
    parent: Goal | None = None,
    status: GoalStatus = GoalStatus.ACTIVE,
    visibility: GoalVisibility = GoalVisibility.PUBLIC,
    kind: GoalKind = GoalKind.METRIC,
    baseline: float | None = 0.0,
    target: float | None = 100.0,
    current: float | None = None,
    direction: MetricDirection | None = MetricDirection.INCREASE,
    weight: float = 100.0,
    start_date: date = date(2025, 1, 1),
    due_date: date = date(2025, 12, 31),
    department: str | None = None,
    proposed_at: datetime | None = None,
    activated_at: datetime | None = None,
    flush: bool = True,
    **fields: object,
) -> Goal:
    """A goal written straight to the table, bypassing the service's rules (for setting scenes)."""
    milestone = kind is GoalKind.MILESTONE
    goal = Goal(
        workspace_id=workspace.id,
        title=title,
        level=level,
        owner_id=owner.id if owner else None,
        department=department if department is not None else (owner.department if owner else ""),
        created_by_id=owner.id if owner else None,
        parent_id=parent.id if parent else None,
        kind=kind,
        unit="" if milestone else "units",
        direction=None if milestone else direction,
        baseline=None if milestone else baseline,
        target=None if milestone else target,
        current=None if milestone else (baseline if current is None else current),
        weight=weight,
        start_date=start_date,
        due_date=due_date,
        status=status,
        visibility=visibility,
        proposed_at=proposed_at,
        activated_at=activated_at,
        **fields,
    )
    goal.progress = own_progress(goal)
    session.add(goal)
    if flush:
        session.flush()
    return goal
