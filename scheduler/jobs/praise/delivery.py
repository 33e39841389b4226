"""A praise's channel post and DMs: written by `give_praise`, sent right after the ack, or later
by the scheduler when Slack refused for now (429, 5xx, timeout) or the web process died first.

No sweep. The post renders in the workspace's language and the DM in the recipient's, from the
praise as it is at delivery time; when the post goes out, its channel and ts are recorded on the
praise (`on_sent`, in the transaction that marks the row sent) and its permalink is looked up, so
a DM delivered after it links to it.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from handlers.kit.message import SlackMessage
from handlers.praise.views import praise_dm, praise_post
from models.messaging import MessageKind
from models.praise.entities import Praise, PraiseRecipient
from models.praise.outbox import post_key, record_praise_post
from scheduler.jobs.base import Job, OutboxRow, RenderContext, Skip


def _praise(ctx: RenderContext) -> Praise | None:
    praise_id = ctx.row.payload.get("praise_id")
    if not isinstance(praise_id, int):
        return None
    # A post and its DMs are delivered together: load the praise (and its people) once per pass.
    cache: dict[int, Praise | None] = ctx.session.info.setdefault("praise_by_id", {})
    if praise_id not in cache:
        cache[praise_id] = ctx.session.scalar(
            select(Praise)
            .where(Praise.workspace_id == ctx.workspace.id, Praise.id == praise_id)
            .options(
                joinedload(Praise.giver),
                selectinload(Praise.recipient_links).joinedload(PraiseRecipient.person),
            )
        )
    return cache[praise_id]


def render_post(ctx: RenderContext) -> SlackMessage | Skip:
    praise = _praise(ctx)
    if praise is None:
        return Skip("the praise no longer exists")
    if praise.message_ts:
        return Skip("the praise is posted already")
    return praise_post(ctx.t, praise)


def render_dm(ctx: RenderContext) -> SlackMessage | Skip:
    praise = _praise(ctx)
    if praise is None:
        return Skip("the praise no longer exists")
    if ctx.recipient is None or all(person.id != ctx.recipient.id for person in praise.recipients):
        return Skip("the recipient is not among the praised")
    permalink = ctx.row.payload.get("permalink") or ctx.links.get(post_key(praise.id))
    if not permalink and praise.channel_id and praise.message_ts:  # posted by an earlier delivery
        permalink = ctx.permalink(praise.channel_id, praise.message_ts)
    return praise_dm(ctx.t, praise, permalink if isinstance(permalink, str) else None)


def post_sent(session: Session, row: OutboxRow, channel: str, ts: str) -> None:
    praise_id = row.payload.get("praise_id")
    if isinstance(praise_id, int) and ts:
        record_praise_post(session, row.workspace_id, praise_id, channel, ts)


JOB = Job(
    name="praise_delivery",
    renderers={MessageKind.PRAISE_POST: render_post, MessageKind.PRAISE_DM: render_dm},
    on_sent={MessageKind.PRAISE_POST: post_sent},
    linked=frozenset({MessageKind.PRAISE_POST}),
)
