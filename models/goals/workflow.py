"""Agreeing on a goal: propose, approve or request changes, cancel, and the comments in between."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from models.errors import DomainError, PermissionDenied, Problem
from models.goals.entities import CommentKind, Goal, GoalComment, GoalLevel, GoalStatus
from models.goals.permissions import (
    can_approve_goal,
    can_cancel_goal,
    can_comment_on_goal,
    can_propose_goal,
    who_cancels,
)
from models.goals.service import (
    GoalNotice,
    GoalOutcome,
    NoticeKind,
    approvers,
    load_goal,
    notify,
    record_goal_audit,
    update_goal,
    weight_warning,
)
from models.goals.validation import MAX_TEXT, GoalInput, check_text
from models.i18n import N_
from models.people import Person
from models.workspace import Workspace


def propose_goal(
    session: Session, workspace: Workspace, actor: Person, goal_id: int, *, now: datetime
) -> GoalOutcome:
    """Send a draft (new, or revised after a change request) to the approver; twice is once."""
    goal, owner = load_goal(session, workspace, actor, goal_id, for_update=True)
    if not can_propose_goal(actor, goal):
        raise PermissionDenied(N_("Only the goal's owner can propose it."), field="goal")
    if goal.status is GoalStatus.PROPOSED:
        return GoalOutcome(goal, owner)
    if goal.status is not GoalStatus.DRAFT:
        raise DomainError(
            N_("Only a draft can be proposed; this goal is already approved or closed."),
            field="goal",
        )
    before = goal.snapshot()
    goal.status, goal.proposed_at, goal.updated_at = GoalStatus.PROPOSED, now, now
    record_goal_audit(session, goal, actor, "propose", before)
    outcome = GoalOutcome(goal, owner, warnings=weight_warning(session, goal, owner))
    outcome.notices += [
        GoalNotice(NoticeKind.PROPOSAL_TO_APPROVE, approver, goal, actor)
        for approver in approvers(session, workspace, actor)
    ]
    return notify(session, outcome, now=now)


def approve_goal(
    session: Session, workspace: Workspace, actor: Person, goal_id: int, *, now: datetime, comment: str = ""
) -> GoalOutcome:
    """Make a proposal active. Approving an already approved goal changes nothing (a double click)."""
    goal, owner = load_goal(session, workspace, actor, goal_id, for_update=True)
    require_decider(actor, goal, owner)
    if goal.status is GoalStatus.ACTIVE and goal.approved_by_id is not None:
        return GoalOutcome(goal, owner)
    require_proposed(goal)
    note = _comment_text(comment, missing=None)
    before = goal.snapshot()
    goal.status, goal.approved_by_id = GoalStatus.ACTIVE, actor.id
    goal.activated_at = goal.updated_at = now
    _add_comment(session, goal, actor, CommentKind.APPROVAL, note, now)
    record_goal_audit(session, goal, actor, "approve", before, reason=note)
    outcome = GoalOutcome(goal, owner, warnings=weight_warning(session, goal, owner))
    if owner is not None:
        outcome.notices.append(GoalNotice(NoticeKind.GOAL_APPROVED, owner, goal, actor, note))
    return notify(session, outcome, now=now)


def request_changes(
    session: Session, workspace: Workspace, actor: Person, goal_id: int, comment: str, *, now: datetime
) -> GoalOutcome:
    """Send a proposal back to its owner as a draft, with the comment saying what to change."""
    goal, owner = load_goal(session, workspace, actor, goal_id, for_update=True)
    require_decider(actor, goal, owner)
    require_proposed(goal)
    note = _comment_text(comment, missing=N_("Say what should change, so the goal can be revised."))
    before = goal.snapshot()
    goal.status, goal.proposed_at, goal.updated_at = GoalStatus.DRAFT, None, now
    _add_comment(session, goal, actor, CommentKind.CHANGE_REQUEST, note, now)
    record_goal_audit(session, goal, actor, "request_changes", before, reason=note)
    outcome = GoalOutcome(goal, owner)
    if owner is not None:
        outcome.notices.append(GoalNotice(NoticeKind.CHANGES_REQUESTED, owner, goal, actor, note))
    return notify(session, outcome, now=now)


def revise_goal(
    session: Session, workspace: Workspace, actor: Person, goal_id: int, data: GoalInput, *, now: datetime
) -> GoalOutcome:
    """Save an edit; a draft its owner revised (after "request changes") goes back for approval."""
    outcome = update_goal(session, workspace, actor, goal_id, data, now=now)
    if outcome.goal.status is GoalStatus.DRAFT and can_propose_goal(actor, outcome.goal):
        proposed = propose_goal(session, workspace, actor, outcome.goal.id, now=now)
        outcome.notices += proposed.notices
        outcome.outbox += proposed.outbox  # written by propose_goal, in this same transaction
        outcome.warnings = proposed.warnings
    return outcome


def cancel_goal(
    session: Session, workspace: Workspace, actor: Person, goal_id: int, *, now: datetime, reason: str = ""
) -> GoalOutcome:
    """Close a goal without completing it; its aligned goals stay, and combined progress stops counting it."""
    goal, owner = load_goal(session, workspace, actor, goal_id, for_update=True)
    if goal.status is GoalStatus.CANCELLED:
        return GoalOutcome(goal, owner)  # a second submission of the same cancellation changes nothing
    require_cancellable(actor, goal, owner)
    note = _comment_text(reason, missing=None)
    before = goal.snapshot()
    goal.status, goal.closed_at, goal.updated_at = GoalStatus.CANCELLED, now, now
    _add_comment(session, goal, actor, CommentKind.CANCELLATION, note, now)
    record_goal_audit(session, goal, actor, "cancel", before, reason=note)
    outcome = GoalOutcome(goal, owner, warnings=weight_warning(session, goal, owner))
    if owner is not None and owner.id != actor.id:
        outcome.notices.append(GoalNotice(NoticeKind.GOAL_CANCELLED, owner, goal, actor, note))
    return notify(session, outcome, now=now)


def comment_on_goal(
    session: Session, workspace: Workspace, actor: Person, goal_id: int, body: str, *, now: datetime
) -> GoalOutcome:
    """A remark from the owner, their manager or HR; the other side is told."""
    goal, owner = load_goal(session, workspace, actor, goal_id)
    require_commenter(actor, goal, owner)
    note = _comment_text(body, missing=N_("Write a comment."))
    _add_comment(session, goal, actor, CommentKind.COMMENT, note, now)
    outcome = GoalOutcome(goal, owner)
    recipients: list[Person] = []
    if owner is not None and owner.id != actor.id:
        recipients.append(owner)
    elif owner is not None and goal.level is GoalLevel.INDIVIDUAL:
        recipients += [person for person in approvers(session, workspace, owner) if person.id != actor.id]
    outcome.notices += [
        GoalNotice(NoticeKind.COMMENT_ADDED, person, goal, actor, note) for person in recipients
    ]
    return notify(session, outcome, now=now)


def require_cancellable(actor: Person, goal: Goal, owner: Person | None) -> None:
    """Before offering to cancel, and when cancelling: refused for a closed goal or someone not allowed."""
    if goal.status is GoalStatus.CANCELLED:
        raise DomainError(N_("This goal is already cancelled."), field="goal")
    if goal.status is GoalStatus.COMPLETED:
        raise DomainError(N_("A completed goal cannot be cancelled."), field="goal")
    if not can_cancel_goal(actor, goal, owner):
        raise PermissionDenied(who_cancels(goal), field="goal")


def require_commenter(actor: Person, goal: Goal, owner: Person | None) -> None:
    if not can_comment_on_goal(actor, goal, owner):
        raise PermissionDenied(
            N_("Only the owner, their manager and HR can comment on this goal."), field="goal"
        )


def require_decider(actor: Person, goal: Goal, owner: Person | None) -> None:
    if not can_approve_goal(actor, goal, owner):
        raise PermissionDenied(
            N_("Only the owner's manager can approve this goal or request changes; ask them."), field="goal"
        )


def require_proposed(goal: Goal) -> None:
    if goal.status is not GoalStatus.PROPOSED:
        raise DomainError(N_("This goal is not waiting for approval."), field="goal")


def _comment_text(text: str, *, missing: str | None) -> str:
    """The cleaned text; `missing` is the message when it is required and blank."""
    problems: list[Problem] = []
    note = check_text(text, "comment", MAX_TEXT, problems)
    if missing is not None and not note:
        problems.append(Problem(missing, "comment"))
    if problems:
        raise DomainError.of(problems)
    return note


def _add_comment(
    session: Session, goal: Goal, actor: Person, kind: CommentKind, body: str, now: datetime
) -> None:
    if body:
        session.add(
            GoalComment(
                workspace_id=goal.workspace_id,
                goal_id=goal.id,
                author_id=actor.id,
                kind=kind,
                body=body,
                created_at=now,
            )
        )
