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
