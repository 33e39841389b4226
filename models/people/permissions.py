"""Who may act on people and the workspace: HR admins, and those who may appoint them."""

from __future__ import annotations

from models.errors import PermissionDenied
from models.i18n import N_
from models.people.entities import Person
from models.workspace import Workspace


def same_workspace(actor: Person, workspace: Workspace) -> bool:
    return actor.workspace_id == workspace.id


def can_change_workspace_settings(actor: Person, workspace: Workspace) -> bool:
    return same_workspace(actor, workspace) and actor.active and actor.is_hr_admin


def can_grant_hr_admin(actor: Person, workspace: Workspace, *, is_slack_admin: bool) -> bool:
    """HR admins may appoint others; so may the Slack workspace's owners and admins, who install the app."""
    return same_workspace(actor, workspace) and actor.active and (actor.is_hr_admin or is_slack_admin)


def require_settings_access(actor: Person, workspace: Workspace) -> None:
    if not can_change_workspace_settings(actor, workspace):
        raise PermissionDenied(N_("Only HR admins can change the workspace settings."))


def require_grant_access(actor: Person, workspace: Workspace, *, is_slack_admin: bool) -> None:
    if not can_grant_hr_admin(actor, workspace, is_slack_admin=is_slack_admin):
        raise PermissionDenied(
            N_("Only HR admins and Slack workspace owners or admins can grant the HR admin role.")
        )
