"""Who may give praise."""

from __future__ import annotations

from models.people import Person, same_workspace
from models.workspace import Workspace


def can_give_praise(actor: Person, workspace: Workspace) -> bool:
    return same_workspace(actor, workspace) and actor.active
