"""Who may see, set, change and check in on goals, decided here and tested as a matrix."""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, false, or_, select

from models.goals.entities import FINAL_STATUSES, Goal, GoalLevel, GoalStatus, GoalVisibility
from models.i18n import N_
from models.people import Person, Role

# --- Goals -------------------------------------------------------------------------------------
# Circles around a goal: its owner, the owner's direct manager, the managers of a team goal's
# department, and HR admins. Private goals, drafts and proposals are seen only by that circle.
# `owner` is the goal's owner (None for company goals); callers load it with the goal.
_UNAGREED = (GoalStatus.DRAFT, GoalStatus.PROPOSED)


def _acting(actor: Person, workspace_id: int) -> bool:
    return actor.active and actor.workspace_id == workspace_id


def _owns(actor: Person, goal: Goal) -> bool:
    return goal.owner_id is not None and goal.owner_id == actor.id


def _manages_owner(actor: Person, owner: Person | None) -> bool:
    return owner is not None and owner.manager_id == actor.id


def _manages_department(actor: Person, department: str) -> bool:
    return actor.role is Role.MANAGER and bool(department) and actor.department == department


def _in_circle(actor: Person, goal: Goal, owner: Person | None) -> bool:
    if actor.is_hr_admin or _owns(actor, goal) or _manages_owner(actor, owner):
        return True
    return goal.level is GoalLevel.TEAM and _manages_department(actor, goal.department)


def can_see_goal(viewer: Person, goal: Goal, owner: Person | None) -> bool:
    if not _acting(viewer, goal.workspace_id):
        return False
    if _in_circle(viewer, goal, owner):
        return True
    return goal.visibility is GoalVisibility.PUBLIC and goal.status not in _UNAGREED


def visible_goals(viewer: Person) -> ColumnElement[bool]:
    """`can_see_goal` as a WHERE clause, for queries that filter (and limit) in the database."""
    if not viewer.active:
        return false()
    in_workspace = Goal.workspace_id == viewer.workspace_id
    if viewer.is_hr_admin:
        return in_workspace
    reports = select(Person.id).where(
        Person.workspace_id == viewer.workspace_id, Person.manager_id == viewer.id
    )
    circle = [Goal.owner_id == viewer.id, Goal.owner_id.in_(reports)]
    if viewer.role is Role.MANAGER and viewer.department:
        circle.append(and_(Goal.level == GoalLevel.TEAM, Goal.department == viewer.department))
    public = and_(Goal.visibility == GoalVisibility.PUBLIC, Goal.status.not_in(_UNAGREED))
    return and_(in_workspace, or_(public, *circle))


def can_create_goal(
    actor: Person, level: GoalLevel, *, owner: Person | None = None, department: str = ""
) -> bool:
    """Company goals: HR. Team goals: HR, or a manager for their own department.
    Individual goals: the person themself (as a proposal) or their direct manager."""
    if not actor.active:
        return False
    if level is GoalLevel.COMPANY:
        return actor.is_hr_admin
    if level is GoalLevel.TEAM:
        return actor.is_hr_admin or _manages_department(actor, department)
    if owner is None or not _acting(owner, actor.workspace_id):
        return False
    return owner.id == actor.id or owner.manager_id == actor.id


def can_edit_goal(actor: Person, goal: Goal, owner: Person | None) -> bool:
    """Owners shape their own goal until it is agreed; afterwards only those who set or agreed it."""
    if not _acting(actor, goal.workspace_id) or goal.status in FINAL_STATUSES:
        return False
    if goal.level is GoalLevel.COMPANY:
        return actor.is_hr_admin
    if goal.level is GoalLevel.TEAM:
        return actor.is_hr_admin or _owns(actor, goal) or _manages_department(actor, goal.department)
    if _manages_owner(actor, owner):
        return True
    return _owns(actor, goal) and goal.status in _UNAGREED


def can_propose_goal(actor: Person, goal: Goal) -> bool:
    return _acting(actor, goal.workspace_id) and goal.level is GoalLevel.INDIVIDUAL and _owns(actor, goal)


def can_approve_goal(actor: Person, goal: Goal, owner: Person | None) -> bool:
    """The owner's manager decides; HR stands in for people without an active one (none was
    imported, or theirs has left). Nobody approves their own. `owner.manager` must be loaded."""
    if not _acting(actor, goal.workspace_id) or goal.level is not GoalLevel.INDIVIDUAL or _owns(actor, goal):
        return False
    if _manages_owner(actor, owner):
        return True
    return actor.is_hr_admin and owner is not None and without_active_manager(owner)


def without_active_manager(owner: Person) -> bool:
    """Nobody to decide on the owner's proposals but HR: no manager, or a deactivated one."""
    return owner.manager_id is None or owner.manager is None or not owner.manager.active


def can_cancel_goal(actor: Person, goal: Goal, owner: Person | None) -> bool:
    """Like editing, and HR may also cancel individual goals (someone left, a goal lost its point)."""
    if can_edit_goal(actor, goal, owner):
        return True
    return _acting(actor, goal.workspace_id) and actor.is_hr_admin and goal.status not in FINAL_STATUSES


def can_check_in(actor: Person, goal: Goal, owner: Person | None) -> bool:
    """Who reports progress; whether the goal is still open is the check-in's own rule."""
    if not _acting(actor, goal.workspace_id):
        return False
    if goal.level is GoalLevel.COMPANY:
        return actor.is_hr_admin
    if goal.level is GoalLevel.TEAM:
        return actor.is_hr_admin or _owns(actor, goal) or _manages_department(actor, goal.department)
    return _owns(actor, goal) or _manages_owner(actor, owner)


def can_comment_on_goal(actor: Person, goal: Goal, owner: Person | None) -> bool:
    return _acting(actor, goal.workspace_id) and _in_circle(actor, goal, owner)


# Refusals that say who may act instead, so the reader knows whom to ask.
_WHO_CHECKS_IN = {
    GoalLevel.COMPANY: N_("Only HR admins check in on company goals; ask one of them."),
    GoalLevel.TEAM: N_(
        "Only the goal's owner, the managers of its department and HR admins can check in on a team goal."
    ),
    GoalLevel.INDIVIDUAL: N_("Only the goal's owner and their manager can check in on it; ask them to."),
}
_WHO_EDITS = {
    GoalLevel.COMPANY: N_("Only HR admins can change company goals; ask one of them."),
    GoalLevel.TEAM: N_(
        "Only the goal's owner, the managers of its department and HR admins can change a team goal."
    ),
    GoalLevel.INDIVIDUAL: N_("Only the goal's owner and their manager can change it; ask them to."),
}
_WHO_CANCELS = {
    GoalLevel.COMPANY: N_("Only HR admins can cancel company goals; ask one of them."),
    GoalLevel.TEAM: N_(
        "Only the goal's owner, the managers of its department and HR admins can cancel a team goal."
    ),
    GoalLevel.INDIVIDUAL: N_(
        "Only the goal's owner (before approval), their manager and HR admins can cancel it; ask one of them."
    ),
}


def who_checks_in(goal: Goal) -> str:
    return _WHO_CHECKS_IN[goal.level]


def who_edits(goal: Goal) -> str:
    return _WHO_EDITS[goal.level]


def who_cancels(goal: Goal) -> str:
    return _WHO_CANCELS[goal.level]
