"""Setting goals: creating and editing them, and what every goal operation shares.

Operations never send messages: they return `GoalOutcome.notices` saying who must be told what,
and write each notice to the outbox in their own transaction (`GoalOutcome.outbox`, the row ids),
which the web process delivers right after its ack and the scheduler if that process died.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from uuid import uuid4

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, joinedload

from models import audit
from models.errors import DomainError, NotFound, PermissionDenied, Problem
from models.goals.alignment import check_parent
from models.goals.entities import FINAL_STATUSES, Goal, GoalKind, GoalLevel, GoalStatus
from models.goals.permissions import can_create_goal, can_edit_goal, can_see_goal, who_edits
from models.goals.progress import metric_progress, milestone_progress
from models.goals.validation import CleanGoal, GoalInput, clean_goal, number_text, parse_choice
from models.i18n import N_
from models.messaging import MessageKind, NewMessage, enqueue_for_request
from models.people import Person, Role
from models.workspace import Workspace


class NoticeKind(enum.StrEnum):
    PROPOSAL_TO_APPROVE = "proposal_to_approve"  # to the approver: Approve / Request changes
    GOAL_APPROVED = "goal_approved"  # to the owner
    CHANGES_REQUESTED = "changes_requested"  # to the owner, with the comment
    GOAL_SET_FOR_YOU = "goal_set_for_you"  # to a report whose manager set a goal; they may comment
    GOAL_CHANGED = "goal_changed"  # to the owner, when someone else edited their goal
    GOAL_CANCELLED = "goal_cancelled"  # to the owner, when someone else cancelled it
    COMMENT_ADDED = "comment_added"  # to the other side of the conversation
    GOAL_TROUBLED = "goal_troubled"  # to the manager: a check-in turned the goal at risk or off track


@dataclass(frozen=True)
class GoalNotice:
    kind: NoticeKind
    recipient: Person
    goal: Goal
    actor: Person
    comment: str = ""
    blockers: str = ""  # a check-in's blockers, shown to the manager it alerts


@dataclass
class GoalOutcome:
    goal: Goal
    owner: Person | None
    notices: list[GoalNotice] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    outbox: list[int] = field(default_factory=list)  # the notices' outbox rows, to deliver after the ack


def queue_notices(session: Session, notices: Sequence[GoalNotice], *, now: datetime) -> list[int]:
    """Write each notice to the outbox as a DM to its recipient, in the operation's transaction.

    The payload names the goal and the actor; the message is rendered at delivery time, in the
    reader's language and time zone. Working hours do not apply: someone is waiting on it."""
    rows = [
        NewMessage(
            workspace_id=notice.goal.workspace_id,
            kind=MessageKind.GOAL_NOTICE,
            # One message per notice: a second comment is a second occasion.
            dedupe_key=f"goal:{notice.goal.id}:{notice.kind.value}:person:{notice.recipient.id}:{uuid4().hex[:12]}",
            not_before=now,
            person_id=notice.recipient.id,
            payload={
                "goal_id": notice.goal.id,
                "notice": notice.kind.value,
                "actor_id": notice.actor.id,
                "comment": notice.comment,
                "blockers": notice.blockers,
            },
            working_hours=False,
        )
        for notice in notices
    ]
    return enqueue_for_request(session, rows, now)


def notify(session: Session, outcome: GoalOutcome, *, now: datetime) -> GoalOutcome:
    """The outcome, with its notices written to the outbox."""
    outcome.outbox = queue_notices(session, outcome.notices, now=now)
    return outcome


def load_goal(
    session: Session, workspace: Workspace, viewer: Person, goal_id: int, *, for_update: bool = False
) -> tuple[Goal, Person | None]:
    """The goal and its owner, if it exists in this workspace and the viewer may see it."""
    query = (
        select(Goal, Person)
        .outerjoin(Person, Person.id == Goal.owner_id)
        .where(Goal.workspace_id == workspace.id, Goal.id == goal_id)
        # Whether the owner's manager is still active decides who approves (permissions).
        .options(joinedload(Person.manager))
    )
    if for_update:
        query = query.with_for_update(of=Goal)
    row = session.execute(query).first()
    if row is None or not can_see_goal(viewer, row[0], row[1]):
        raise NotFound(N_("That goal does not exist or is not visible to you."), field="goal")
    return row[0], row[1]


def approvers(session: Session, workspace: Workspace, owner: Person) -> list[Person]:
    """Who decides on the owner's proposals: their manager, or HR admins when they have no active
    one (the same rule as `models.goals.permissions.can_approve_goal`)."""
    if owner.manager_id is not None:
        manager = session.get(Person, owner.manager_id)
        if manager is not None and manager.workspace_id == workspace.id and manager.active:
            return [manager]
    return list(
        session.scalars(
            select(Person)
            .where(
                Person.workspace_id == workspace.id,
                Person.role == Role.HR_ADMIN,
                Person.active.is_(True),
                Person.id != owner.id,
            )
            .order_by(Person.id)
        )
    )


def weight_warning(session: Session, goal: Goal, owner: Person | None) -> list[Problem]:
    """A warning when the owner's active individual goals (with this one) do not weigh 100 in all."""
    if goal.level is not GoalLevel.INDIVIDUAL or owner is None or goal.status is GoalStatus.DRAFT:
        return []
    total, count = session.execute(
        select(func.coalesce(func.sum(Goal.weight), 0.0), func.count(Goal.id)).where(
            Goal.workspace_id == goal.workspace_id,
            Goal.owner_id == owner.id,
            Goal.level == GoalLevel.INDIVIDUAL,
            Goal.status != GoalStatus.CANCELLED,
            or_(Goal.status == GoalStatus.ACTIVE, Goal.id == goal.id),
        )
    ).one()
    if count == 0 or math.isclose(float(total), 100.0, abs_tol=1e-6):
        return []
    return [
        Problem(
            N_("{name}'s active goal weights add up to {total}, not 100."),
            "weight",
            {"name": owner.name, "total": number_text(float(total))},
        )
    ]


def apply_values(goal: Goal, values: CleanGoal) -> None:
    # Until the first check-in the measure stands where it started, wherever the baseline moves.
    if values.kind is not goal.kind or goal.last_checkin_at is None:
        goal.current = values.baseline
        goal.done = False
    goal.title, goal.description, goal.kind = values.title, values.description, values.kind
    goal.unit, goal.direction = values.unit, values.direction
    goal.baseline, goal.target = values.baseline, values.target
    goal.weight, goal.visibility = values.weight, values.visibility
    goal.start_date, goal.due_date = values.start_date, values.due_date
    goal.progress = own_progress(goal)


def own_progress(goal: Goal) -> float:
    if goal.kind is GoalKind.MILESTONE:
        return milestone_progress(goal.done)
    if goal.baseline is None or goal.target is None or goal.direction is None:
        return 0.0
    current = goal.baseline if goal.current is None else goal.current
    return metric_progress(goal.baseline, goal.target, current, goal.direction)


def record_goal_audit(
    session: Session,
    goal: Goal,
    actor: Person,
    action: str,
    before: dict[str, object] | None,
    reason: str = "",
) -> None:
    audit.record(
        session,
        workspace_id=goal.workspace_id,
        actor_id=actor.id,
        action=f"goal.{action}",
        entity_type="goal",
        entity_id=goal.id,
        before=before,
        after=goal.snapshot(),
        reason=reason or None,
    )


def _owner_for_new_goal(
    session: Session, workspace: Workspace, actor: Person, level: GoalLevel, data: GoalInput
) -> tuple[Person | None, str]:
    if level is GoalLevel.COMPANY:
        return None, ""
    if level is GoalLevel.TEAM:
        department = (data.department if data.department is not None else actor.department).strip()
        if not department:
            raise DomainError(N_("Choose the department this team goal belongs to."), field="department")
        if not can_create_goal(actor, level, department=department):
            raise PermissionDenied(
                N_("Only HR admins and the managers of {department} can set its team goals."),
                field="department",
                department=department,
            )
        return actor, department
    owner = actor if data.owner_id in (None, actor.id) else session.get(Person, data.owner_id)
    if owner is None or owner.workspace_id != workspace.id or not owner.active:
        raise DomainError(N_("That person is not an active member of this workspace."), field="owner")
    if not can_create_goal(actor, level, owner=owner):
        raise PermissionDenied(
            N_("You can set goals only for yourself and your direct reports."), field="owner"
        )
    return owner, ""


def create_goal(
    session: Session,
    workspace: Workspace,
    actor: Person,
    data: GoalInput,
    *,
    now: datetime,
    propose: bool = True,
) -> GoalOutcome:
    """Company and team goals, and goals a manager sets for a report, are active at once;
    a person's own goal is proposed to their manager (or kept as a draft with `propose=False`)."""
    level = parse_choice(GoalLevel, data.level, "level", [])
    if level is None:
        clean_goal(data, today=now.date())  # reports the level problem with any others
        raise DomainError(N_("Choose the goal's level."), field="level")
    if level is GoalLevel.COMPANY and not can_create_goal(actor, level):
        raise PermissionDenied(N_("Only HR admins can set company goals."), field="level")
    owner, department = _owner_for_new_goal(session, workspace, actor, level, data)
    values = clean_goal(
        data, today=now.date(), problems=check_parent(session, workspace, actor, level, data.parent_id)
    )
    own_proposal = level is GoalLevel.INDIVIDUAL and owner is not None and owner.id == actor.id
    status = GoalStatus.ACTIVE
    if own_proposal:
        status = GoalStatus.PROPOSED if propose else GoalStatus.DRAFT
    goal = Goal(
        workspace_id=workspace.id,
        level=level,
        owner_id=owner.id if owner else None,
        department=department,
        created_by_id=actor.id,
        parent_id=data.parent_id,
        status=status,
        proposed_at=now if status is GoalStatus.PROPOSED else None,
        activated_at=now if status is GoalStatus.ACTIVE else None,
        created_at=now,
        updated_at=now,
    )
    apply_values(goal, values)
    session.add(goal)
    session.flush()
    record_goal_audit(session, goal, actor, "create", None)
    outcome = GoalOutcome(goal, owner, warnings=weight_warning(session, goal, owner))
    if status is GoalStatus.PROPOSED and owner is not None:
        outcome.notices += [
            GoalNotice(NoticeKind.PROPOSAL_TO_APPROVE, approver, goal, actor)
            for approver in approvers(session, workspace, owner)
        ]
    elif level is GoalLevel.INDIVIDUAL and owner is not None and not own_proposal:
        outcome.notices.append(GoalNotice(NoticeKind.GOAL_SET_FOR_YOU, owner, goal, actor))
    return notify(session, outcome, now=now)


def update_goal(
    session: Session, workspace: Workspace, actor: Person, goal_id: int, data: GoalInput, *, now: datetime
) -> GoalOutcome:
    """Change a goal's content; its level, owner and department stay as created."""
    goal, owner = load_goal(session, workspace, actor, goal_id, for_update=True)
    if not can_edit_goal(actor, goal, owner):
        raise PermissionDenied(edit_refusal(actor, goal), field="goal")
    problems: list[Problem] = []
    if parse_choice(GoalLevel, data.level, "level", []) not in (None, goal.level):
        problems.append(Problem(N_("A goal's level cannot change; create a new goal instead."), "level"))
    if data.owner_id is not None and data.owner_id != goal.owner_id:
        problems.append(Problem(N_("A goal's owner cannot change; create a new goal instead."), "owner"))
    if goal.level is GoalLevel.TEAM and data.department not in (None, goal.department):
        problems.append(Problem(N_("A team goal's department cannot change."), "department"))
    problems += check_parent(session, workspace, actor, goal.level, data.parent_id, goal_id=goal.id)
    values = clean_goal(data, today=goal.start_date, problems=problems)
    before = goal.snapshot()
    apply_values(goal, values)
    goal.parent_id = data.parent_id
    goal.updated_at = now
    record_goal_audit(session, goal, actor, "update", before)
    outcome = GoalOutcome(goal, owner, warnings=weight_warning(session, goal, owner))
    if owner is not None and owner.id != actor.id:
        outcome.notices.append(GoalNotice(NoticeKind.GOAL_CHANGED, owner, goal, actor))
    return notify(session, outcome, now=now)


def edit_refusal(actor: Person, goal: Goal) -> str:
    """Why `actor` may not edit `goal`, in the words every way in (button or submission) uses."""
    if goal.status in FINAL_STATUSES:
        return N_("This goal is closed and can no longer be edited.")
    if goal.owner_id == actor.id:
        return N_("This goal is approved; ask your manager to change it, or check in to report progress.")
    return who_edits(goal)
