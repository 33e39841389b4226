"""Rendering the DMs the feedback conversation queues: the log to the employee, and the manager told of
a comment or an acknowledgement. Each renderer reads the log again at delivery time."""

from __future__ import annotations

from collections.abc import Callable

from handlers.feedback import acknowledged_message, commented_message, logged_message
from handlers.kit.message import SlackMessage
from models.feedback import (
    FeedbackAction,
    FeedbackComment,
    FeedbackLog,
    FeedbackMessage,
    LogView,
    can,
    log_view,
)
from models.people import Person
from scheduler.jobs.base import Job, RenderContext, Skip


def mentioner(ctx: RenderContext) -> Callable[[int | None], str]:
    def mention(person_id: int | None) -> str:
        person = ctx.session.get(Person, person_id) if person_id is not None else None
        return person.mention if person is not None else "?"

    return mention


def _log(ctx: RenderContext) -> LogView | Skip:
    log_id = ctx.row.payload.get("log_id")
    log = ctx.session.get(FeedbackLog, log_id) if isinstance(log_id, int) else None
    view = log_view(ctx.session, log) if log is not None and log.workspace_id == ctx.workspace.id else None
    if view is None:
        return Skip("the feedback log no longer exists")
    if ctx.recipient is None or not can(ctx.recipient, FeedbackAction.READ_LOG, view.cycle, view.participant):
        return Skip("the recipient may no longer read this log")
    return view


def render_logged(ctx: RenderContext) -> SlackMessage | Skip:
    view = _log(ctx)
    if isinstance(view, Skip):
        return view
    changed = bool(ctx.row.payload.get("changed"))
    return logged_message(ctx.t, view, mentioner(ctx), changed=changed)


def render_commented(ctx: RenderContext) -> SlackMessage | Skip:
    view = _log(ctx)
    if isinstance(view, Skip):
        return view
    comment = ctx.session.get(FeedbackComment, ctx.row.payload.get("comment_id"))
    if comment is None or comment.log_id != view.log.id:
        return Skip("the comment no longer exists")
    return commented_message(ctx.t, mentioner(ctx)(view.participant.person_id), comment.text)


def render_acknowledged(ctx: RenderContext) -> SlackMessage | Skip:
    view = _log(ctx)
    if isinstance(view, Skip):
        return view
    return acknowledged_message(ctx.t, mentioner(ctx)(view.participant.person_id))


JOB = Job(
    name="feedback_messages",
    renderers={
        FeedbackMessage.LOGGED: render_logged,
        FeedbackMessage.COMMENTED: render_commented,
        FeedbackMessage.ACKNOWLEDGED: render_acknowledged,
    },
)
