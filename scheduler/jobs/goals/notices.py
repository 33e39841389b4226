"""The DMs goal operations cause (an approval request, a decision, a comment, an at-risk alert …).

No sweep: the domain operation writes a `goal.notice` row per notice in its own transaction
(`models.goals.service.queue_notices`), the web process sends it right after the ack, and the
scheduler's delivery whatever that process could not. The message is rendered here, at delivery
time, in the reader's language and time zone, from the goal as it is then.
"""

from __future__ import annotations

from handlers.goals.format import local_today
from handlers.goals.notice_views import notice_message
from handlers.kit.message import SlackMessage
from models.goals.entities import Goal, GoalStatus
from models.goals.service import GoalNotice, NoticeKind
from models.messaging import MessageKind
from models.people import Person
from scheduler.jobs.base import Job, RenderContext, Skip


def _person(ctx: RenderContext, person_id: object) -> Person | None:
    person = ctx.session.get(Person, person_id) if isinstance(person_id, int) else None
    return person if person is not None and person.workspace_id == ctx.workspace.id else None


def render_notice(ctx: RenderContext) -> SlackMessage | Skip:
    payload = ctx.row.payload
    goal_id = payload.get("goal_id")
    goal = ctx.session.get(Goal, goal_id) if isinstance(goal_id, int) else None
    if goal is None or goal.workspace_id != ctx.workspace.id:
        return Skip("the goal no longer exists")
    try:
        kind = NoticeKind(str(payload.get("notice")))
    except ValueError:
        return Skip(f"unknown goal notice {payload.get('notice')!r}")
    if kind is NoticeKind.PROPOSAL_TO_APPROVE and goal.status is not GoalStatus.PROPOSED:
        return Skip("the proposal was decided or withdrawn meanwhile")
    actor = _person(ctx, payload.get("actor_id"))
    if actor is None or ctx.recipient is None:
        return Skip("the person who acted no longer exists")
    owner = _person(ctx, goal.owner_id) if goal.owner_id is not None else None
    notice = GoalNotice(kind, ctx.recipient, goal, actor, str(payload.get("comment") or ""))
    message = notice_message(
        ctx.t,
        notice,
        owner=owner,
        today=local_today(ctx.now, ctx.recipient.tz),
        blockers=str(payload.get("blockers") or ""),
    )
    return SlackMessage(text=message.text, blocks=message.blocks)


JOB = Job(name="goal_notices", renderers={MessageKind.GOAL_NOTICE: render_notice})
