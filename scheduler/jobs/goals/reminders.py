"""Goal reminders: a goal due in 7 days and in 1 day (to its owner), a check-in prompt when nobody
checked in on an active goal for the workspace's cadence (to its owner), and a proposal waiting
more than 3 days (to whoever may approve it).

All three are `reminder.*`: they wait for the recipient's working hours and can be snoozed, never
muted. The sweep writes them with one INSERT … SELECT per reminder and workspace
(`goal_reminder_queries`), keyed by their occasion; each renderer looks at the goal again at
delivery time and skips what became moot (goal closed, checked in, decided, proposed anew).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from handlers.goals.format import day_text
from handlers.goals.reminder_views import approval_reminder, checkin_prompt, due_reminder
from handlers.kit.message import SlackMessage
from handlers.kit.timefmt import local_datetime
from models.goals.entities import DEFAULT_CHECKIN_CADENCE_DAYS, Goal, GoalSettings, GoalStatus
from models.goals.permissions import can_approve_goal
from models.goals.settings import MAX_CADENCE_DAYS
from models.messaging import MessageKind, enqueue_select
from models.people import Person
from models.workspace import Workspace
from scheduler.jobs.base import Job, RenderContext, Skip
from scheduler.jobs.goals.reminder_queries import DUE_REMINDER_DAYS, approval_rows, checkin_rows, due_rows


def sweep(session: Session, now: datetime) -> int:
    """One statement for the workspaces and their cadence, then five per workspace, however many goals."""
    cadence = func.coalesce(GoalSettings.checkin_cadence_days, DEFAULT_CHECKIN_CADENCE_DAYS)
    workspaces = session.execute(
        select(Workspace.id, cadence)
        .outerjoin(GoalSettings, GoalSettings.workspace_id == Workspace.id)
        .order_by(Workspace.id)
    ).all()
    queued = 0
    for workspace_id, days in workspaces:
        for before in DUE_REMINDER_DAYS:
            queued += enqueue_select(session, due_rows(workspace_id, before, now), now)
        queued += enqueue_select(session, checkin_rows(workspace_id, max(int(days), 1), now), now)
        for by_hr in (False, True):
            queued += enqueue_select(session, approval_rows(workspace_id, now, by_hr=by_hr), now)
    return queued


def _goal(ctx: RenderContext) -> Goal | Skip:
    goal_id = ctx.row.payload.get("goal_id")
    goal = ctx.session.get(Goal, goal_id) if isinstance(goal_id, int) else None
    if goal is None or goal.workspace_id != ctx.workspace.id:
        return Skip("the goal no longer exists")
    return goal


def _own_active_goal(ctx: RenderContext) -> Goal | Skip:
    """The row's goal, if it is still active and still the recipient's."""
    goal = _goal(ctx)
    if isinstance(goal, Skip):
        return goal
    if goal.status is not GoalStatus.ACTIVE:
        return Skip(f"the goal is {goal.status.value}")
    if ctx.recipient is None or goal.owner_id != ctx.recipient.id:
        return Skip("the recipient no longer owns the goal")
    return goal


def render_due(ctx: RenderContext) -> SlackMessage | Skip:
    goal = _own_active_goal(ctx)
    if isinstance(goal, Skip):
        return goal
    if ctx.row.payload.get("due") != goal.due_date.isoformat():
        return Skip("the goal's due date changed")
    # "Tomorrow" where the reader is: the row was keyed on the UTC date, the reader may be a day off.
    days_left = (goal.due_date - ctx.now.astimezone(ctx.tz).date()).days
    if days_left < 0:
        return Skip("the due date has passed")
    return due_reminder(
        ctx.t, message_id=ctx.row.id, goal=goal, days_left=days_left, due=day_text(ctx.t, goal.due_date)
    )


def render_checkin(ctx: RenderContext) -> SlackMessage | Skip:
    goal = _own_active_goal(ctx)
    if isinstance(goal, Skip):
        return goal
    days = int(ctx.row.payload.get("days") or DEFAULT_CHECKIN_CADENCE_DAYS)
    last = goal.last_checkin_at
    if last is not None and last > ctx.now - timedelta(days=days):
        return Skip("the goal was checked in on meanwhile")
    return checkin_prompt(
        ctx.t,
        message_id=ctx.row.id,
        goal=goal,
        days=days,
        last_checkin=local_datetime(ctx.t, last, ctx.tz_name) if last is not None else None,
    )


def render_approval(ctx: RenderContext) -> SlackMessage | Skip:
    goal = _goal(ctx)
    if isinstance(goal, Skip):
        return goal
    proposed = goal.proposed_at
    if goal.status is not GoalStatus.PROPOSED or proposed is None:
        return Skip("the proposal was decided meanwhile")
    if int(proposed.timestamp()) != ctx.row.payload.get("proposed"):
        return Skip("the goal was proposed again since; that proposal has its own reminder")
    owner = (
        ctx.session.get(Person, goal.owner_id, options=[joinedload(Person.manager)])
        if goal.owner_id is not None
        else None
    )
    if ctx.recipient is None or not can_approve_goal(ctx.recipient, goal, owner):
        return Skip("the recipient can no longer approve this goal")
    return approval_reminder(
        ctx.t,
        message_id=ctx.row.id,
        goal=goal,
        owner=owner,
        waited_days=max((ctx.now - proposed).days, 1),
        proposed=local_datetime(ctx.t, proposed, ctx.tz_name),
        today=ctx.now.astimezone(ctx.tz).date(),
    )


JOB = Job(
    name="goal_reminders",
    sweep=sweep,
    renderers={
        MessageKind.GOAL_DUE: render_due,
        MessageKind.GOAL_CHECKIN: render_checkin,
        MessageKind.GOAL_APPROVAL: render_approval,
    },
    every=timedelta(hours=1),
    # A due date's reminder within its 7 days; a check-in prompt within one cadence period; an
    # approval reminder for as long as the proposal waits.
    requeues_within={
        MessageKind.GOAL_DUE: timedelta(days=8),
        MessageKind.GOAL_CHECKIN: timedelta(days=MAX_CADENCE_DAYS + 1),
        MessageKind.GOAL_APPROVAL: None,
    },
)
