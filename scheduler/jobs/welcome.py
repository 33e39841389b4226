"""Welcome DM for someone new to the workspace (`team_join`) or newly imported.

No sweep: the rows are queued by `models.reminders.enqueue_welcome(s)` where people arrive,
so handlers and the org import need not import the scheduler.
"""

from __future__ import annotations

from handlers.reminder_views import SlackMessage, welcome
from models.outbox import MessageKind
from scheduler.jobs.base import Job, RenderContext, Skip

KIND = MessageKind.WELCOME


def render(ctx: RenderContext) -> SlackMessage | Skip:
    if ctx.recipient is None:
        return Skip("a welcome needs a person")
    return welcome(ctx.t, name=ctx.recipient.name)


JOB = Job(name="welcome", renderers={KIND: render})
