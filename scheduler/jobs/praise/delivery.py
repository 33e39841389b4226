"""Praise posts and DMs Slack refused for now right after the ack (429, 5xx, timeout), sent later.

No sweep: `models.praise.outbox` queues the rows from the praise handler. The post renders in the
workspace's language and the DM in the recipient's, from the praise as it is at delivery time; when
the post goes out, its channel and ts are recorded on the praise (`on_sent`, in the transaction
that marks the row sent).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from handlers.kit.message import SlackMessage
from handlers.praise.views import praise_dm, praise_post
from models.messaging import MessageKind
from models.praise.entities import Praise
from models.praise.outbox import record_praise_post
from models.praise.service import load_praise
from scheduler.jobs.base import Job, OutboxRow, RenderContext, Skip


def _praise(ctx: RenderContext) -> Praise | None:
    praise_id = ctx.row.payload.get("praise_id")
    return load_praise(ctx.session, ctx.workspace, praise_id) if isinstance(praise_id, int) else None


def render_post(ctx: RenderContext) -> SlackMessage | Skip:
    praise = _praise(ctx)
    if praise is None:
        return Skip("the praise no longer exists")
    if praise.message_ts:
        return Skip("the praise is posted already")
    text, blocks = praise_post(ctx.t, praise)
    return SlackMessage(text=text, blocks=blocks)


def render_dm(ctx: RenderContext) -> SlackMessage | Skip:
    praise = _praise(ctx)
    if praise is None:
        return Skip("the praise no longer exists")
    if ctx.recipient is None or all(person.id != ctx.recipient.id for person in praise.recipients):
        return Skip("the recipient is not among the praised")
    permalink = ctx.row.payload.get("permalink")
    text, blocks = praise_dm(ctx.t, praise, permalink if isinstance(permalink, str) else None)
    return SlackMessage(text=text, blocks=blocks)


def post_sent(session: Session, row: OutboxRow, channel: str, ts: str) -> None:
    praise_id = row.payload.get("praise_id")
    if isinstance(praise_id, int) and ts:
        record_praise_post(session, row.workspace_id, praise_id, channel, ts)


JOB = Job(
    name="praise_delivery",
    renderers={MessageKind.PRAISE_POST: render_post, MessageKind.PRAISE_DM: render_dm},
    on_sent={MessageKind.PRAISE_POST: post_sent},
)
