"""Finding a workspace on first contact."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models.workspace.entities import Workspace


def get_or_create_workspace(session: Session, team_id: str, enterprise_id: str | None = None) -> Workspace:
    workspace = session.scalar(select(Workspace).where(Workspace.team_id == team_id))
    if workspace is not None:
        return workspace
    try:
        with session.begin_nested():
            workspace = Workspace(team_id=team_id, enterprise_id=enterprise_id)
            session.add(workspace)
    except IntegrityError:  # created concurrently by another request
        workspace = session.scalars(select(Workspace).where(Workspace.team_id == team_id)).one()
    return workspace


def find_workspace(session: Session, team_id: str) -> Workspace | None:
    return session.scalar(select(Workspace).where(Workspace.team_id == team_id))
