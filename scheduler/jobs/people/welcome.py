"""Welcome DM for someone new to the workspace (`team_join`) or newly imported.

No sweep: the rows are queued by `models.messaging.reminders.enqueue_welcome(s)` where people arrive,
so handlers and the org import need not import the scheduler.
"""

from __future__ import annotations

from handlers.kit.message import SlackMessage
from handlers.reminders import welcome
from models.messaging import MessageKind
from scheduler.jobs.base import Job, RenderContext, Skip

KIND = MessageKind.WELCOME


def render(ctx: RenderContext) -> SlackMessage | Skip:
    if ctx.recipient is None:
        return Skip("a welcome needs a person")
    return welcome(ctx.t, name=ctx.recipient.name)


JOB = Job(name="welcome", renderers={KIND: render})
