"""Check-ins: the new value, how it is going, what is in the way; kept as history."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.errors import DomainError, PermissionDenied, Problem
from models.goals.entities import (
    CommentKind,
    Goal,
    GoalCheckin,
    GoalComment,
    GoalHealth,
    GoalKind,
    GoalStatus,
)
from models.goals.permissions import can_check_in, who_checks_in
from models.goals.progress import display_progress, percent_text
from models.goals.service import (
    GoalNotice,
    NoticeKind,
    load_goal,
    own_progress,
    queue_notices,
    record_goal_audit,
)
from models.goals.settings import goal_settings
from models.goals.validation import MAX_TEXT, Number, check_text, parse_choice, parse_number
from models.i18n import N_
from models.people import Person
from models.praise import PositiveSignal, record_signal
from models.workspace import Workspace

SEVERITY = {GoalHealth.ON_TRACK: 0, GoalHealth.AT_RISK: 1, GoalHealth.OFF_TRACK: 2}
_CLOSED_MESSAGES = {
    GoalStatus.CANCELLED: N_("This goal is cancelled; it takes no more check-ins."),
    GoalStatus.COMPLETED: N_("This goal is completed; it takes no more check-ins."),
    GoalStatus.DRAFT: N_("This goal is not approved yet; check in once your manager approves it."),
    GoalStatus.PROPOSED: N_("This goal is not approved yet; check in once your manager approves it."),
}


@dataclass(frozen=True)
class CheckinInput:
    """A check-in as submitted. Problems name: goal, status, value, note, blockers."""

    status: GoalHealth | str | None
    value: Number = None  # a metric goal's new current value
    done: bool = False  # a milestone reached (which completes it)
    complete: bool = False  # close a metric goal as completed with this check-in
    note: str = ""
    blockers: str = ""


@dataclass
class CheckinOutcome:
    goal: Goal
    owner: Person | None
    checkin: GoalCheckin
    notices: list[GoalNotice] = field(default_factory=list)
    signal: PositiveSignal | None = None
    outbox: list[int] = field(default_factory=list)  # the notices' outbox rows, to deliver after the ack

    @property
    def manager_to_alert(self) -> Person | None:
        """The manager to tell at once because this check-in made the goal at risk or off track."""
        return next((n.recipient for n in self.notices if n.kind is NoticeKind.GOAL_TROUBLED), None)


def check_in(
    session: Session, workspace: Workspace, actor: Person, goal_id: int, data: CheckinInput, *, now: datetime
) -> CheckinOutcome:
    goal, owner = load_goal(session, workspace, actor, goal_id, for_update=True)
    if goal.status in _CLOSED_MESSAGES:
        raise DomainError(_CLOSED_MESSAGES[goal.status], field="goal")
    if not can_check_in(actor, goal, owner):
        raise PermissionDenied(who_checks_in(goal), field="goal")
    health, value, note, blockers = _check(goal, data)
    before = goal.snapshot()
    progress_before, value_before, health_before = goal.progress, goal.current, goal.health
    if goal.kind is GoalKind.METRIC:
        goal.current = value
    else:
        goal.done = data.done
    goal.progress = own_progress(goal)
    goal.health, goal.last_checkin_at, goal.updated_at = health, now, now
    completed = data.done if goal.kind is GoalKind.MILESTONE else data.complete
    if completed:
        goal.status, goal.closed_at = GoalStatus.COMPLETED, now
    checkin = GoalCheckin(
        workspace_id=workspace.id,
        goal_id=goal.id,
        author_id=actor.id,
        value_before=value_before,
        value=goal.current,
        done=goal.done,
        progress_before=progress_before,
        progress_after=goal.progress,
        health=health,
        note=note,
        blockers=blockers,
        created_at=now,
    )
    session.add(checkin)
    record_goal_audit(session, goal, actor, "checkin", before, reason=note)
    outcome = CheckinOutcome(goal, owner, checkin)
    manager = _manager_of(session, owner)
    worse = SEVERITY[health] > SEVERITY[health_before or GoalHealth.ON_TRACK]
    if worse and manager is not None and manager.id != actor.id:
        outcome.notices.append(GoalNotice(NoticeKind.GOAL_TROUBLED, manager, goal, actor, note, blockers))
    outcome.signal = _positive_signal(session, goal, owner or actor, progress_before, completed, now)
    outcome.outbox = queue_notices(session, outcome.notices, now=now)
    return outcome


def _check(goal: Goal, data: CheckinInput) -> tuple[GoalHealth, float | None, str, str]:
    problems: list[Problem] = []
    health = parse_choice(GoalHealth, data.status, "status", problems)
    if health is None and not problems:
        problems.append(Problem(N_("Choose on track, at risk or off track."), "status"))
    value = None
    if goal.kind is GoalKind.METRIC:
        before = len(problems)
        value = parse_number(data.value, "value", problems)
        if value is None and len(problems) == before:
            problems.append(Problem(N_("Enter the current value."), "value"))
    note = check_text(data.note, "note", MAX_TEXT, problems)
    blockers = check_text(data.blockers, "blockers", MAX_TEXT, problems)
    if problems or health is None:
        raise DomainError.of(problems)
    return health, value, note, blockers


def _manager_of(session: Session, owner: Person | None) -> Person | None:
    if owner is None or owner.manager_id is None:
        return None
    manager = session.get(Person, owner.manager_id)
    if manager is None or manager.workspace_id != owner.workspace_id or not manager.active:
        return None
    return manager


def _positive_signal(
    session: Session, goal: Goal, person: Person, progress_before: float, completed: bool, now: datetime
) -> PositiveSignal | None:
    """A small win for the recognition nudge: a completed goal, or a step at least the threshold long."""
    if completed:
        return record_signal(
            session,
            workspace_id=goal.workspace_id,
            person_id=person.id,
            kind="goal_completed",
            message=N_("{name} completed {goal}"),
            params={"name": person.name, "goal": goal.title},
            occurred_at=now,
        )
    step = display_progress(goal.progress) - display_progress(progress_before)
    if step < goal_settings(session, goal.workspace_id).progress_threshold:
        return None
    return record_signal(
        session,
        workspace_id=goal.workspace_id,
        person_id=person.id,
        kind="goal_progress",
        message=N_("{name} moved {goal} from {before} to {after} this week"),
        params={
            "name": person.name,
            "goal": goal.title,
            "before": percent_text(progress_before),
            "after": percent_text(goal.progress),
        },
        occurred_at=now,
    )


@dataclass(frozen=True)
class GoalHistory:
    goal: Goal
    owner: Person | None
    checkins: list[tuple[GoalCheckin, Person | None]]  # newest first, with their authors
    comments: list[tuple[GoalComment, Person | None]]  # newest first, with their authors

    @property
    def change_request(self) -> GoalComment | None:
        """What the approver asked to change, while the goal is back with its owner as a draft."""
        if self.goal.status is not GoalStatus.DRAFT:
            return None
        return next((c for c, _ in self.comments if c.kind is CommentKind.CHANGE_REQUEST), None)


def checkin_history(
    session: Session, workspace: Workspace, viewer: Person, goal_id: int, *, limit: int = 50
) -> GoalHistory:
    """A goal with its latest check-ins and comments, for anyone who can see it. Three statements."""
    goal, owner = load_goal(session, workspace, viewer, goal_id)
    checkins = session.execute(
        select(GoalCheckin, Person)
        .outerjoin(Person, Person.id == GoalCheckin.author_id)
        .where(GoalCheckin.workspace_id == workspace.id, GoalCheckin.goal_id == goal.id)
        .order_by(GoalCheckin.created_at.desc(), GoalCheckin.id.desc())
        .limit(limit)
    )
    comments = session.execute(
        select(GoalComment, Person)
        .outerjoin(Person, Person.id == GoalComment.author_id)
        .where(GoalComment.workspace_id == workspace.id, GoalComment.goal_id == goal.id)
        .order_by(GoalComment.created_at.desc(), GoalComment.id.desc())
        .limit(limit)
    )
    return GoalHistory(goal, owner, list(checkins), list(comments))
