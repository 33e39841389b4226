"""Weekly recognition digest, posted to the workspace's recognition channel: who was recognised
this week and for which values. Deliberately not a leaderboard: no counts, no ranking.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from handlers.kit.message import SlackMessage
from handlers.kit.timefmt import local_date
from handlers.reminders import DigestEntry, recognition_digest
from models.messaging import MessageKind, NewMessage, enqueue
from models.people import Person
from models.praise.entities import Praise, PraiseRecipient
from models.workspace import Workspace
from models.zones import zone
from scheduler.jobs.base import Job, RenderContext, Skip
from scheduler.jobs.praise.nudge import week_label

KIND = MessageKind.RECOGNITION_DIGEST
PERIOD = timedelta(days=7)
# A digest whose moment passed more than this long ago (the scheduler was down) is skipped:
# last week's praise posted on a Wednesday would read as news.
GRACE = timedelta(days=1)


def digest_moment(now: datetime, tz: tzinfo, weekday: int, hour: int) -> datetime:
    """The latest `weekday` at `hour`:00 on the workspace's clock that is not after `now` (UTC)."""
    local = now.astimezone(tz)
    day = (local - timedelta(days=(local.weekday() - weekday) % 7)).date()

    def at_hour(on: date) -> datetime:
        return datetime(on.year, on.month, on.day, hour % 24, tzinfo=tz).astimezone(UTC)

    moment = at_hour(day)
    return moment if moment <= now else at_hour(day - timedelta(days=7))


def sweep(session: Session, now: datetime) -> int:
    rows = []
    for workspace in session.scalars(select(Workspace).where(Workspace.recognition_channel_id.is_not(None))):
        channel = workspace.recognition_channel_id
        moment = digest_moment(now, zone(workspace.timezone), workspace.digest_weekday, workspace.digest_hour)
        if channel is None or now - moment > GRACE:
            continue
        rows.append(
            NewMessage(
                workspace_id=workspace.id,
                channel_id=channel,
                kind=KIND,
                dedupe_key=f"digest:recognition:{channel}:{week_label(moment)}",
                payload={"since": (moment - PERIOD).isoformat(), "until": moment.isoformat()},
                not_before=moment,
            )
        )
    return enqueue(session, rows, now)


def render(ctx: RenderContext) -> SlackMessage | Skip:
    since = datetime.fromisoformat(str(ctx.row.payload["since"]))
    until = datetime.fromisoformat(str(ctx.row.payload["until"]))
    entries = digest_entries(ctx.session, ctx.workspace, since, until)
    if not entries:
        return Skip("nobody was recognised in the period")
    period = f"{local_date(ctx.t, since, ctx.tz_name)} – {local_date(ctx.t, until, ctx.tz_name)}"
    return recognition_digest(ctx.t, entries=entries, period=period)


def digest_entries(
    session: Session, workspace: Workspace, since: datetime, until: datetime
) -> list[DigestEntry]:
    """Each recognised person once, with the values and givers of their praise in [since, until), by name."""
    recipient = aliased(Person, name="recipient")
    giver = aliased(Person, name="giver")
    rows = session.execute(
        select(recipient.slack_user_id, recipient.name, Praise.values, giver.slack_user_id)
        .join(PraiseRecipient, PraiseRecipient.praise_id == Praise.id)
        .join(recipient, recipient.id == PraiseRecipient.person_id)
        .join(giver, giver.id == Praise.giver_id)
        .where(
            Praise.workspace_id == workspace.id,
            Praise.created_at >= since,
            Praise.created_at < until,
            recipient.active.is_(True),
        )
        .order_by(Praise.created_at, Praise.id)
    ).all()
    order = {value: index for index, value in enumerate(workspace.company_values)}
    people: dict[str, tuple[str, dict[str, None], dict[str, None]]] = {}
    for user_id, name, values, giver_id in rows:
        _, seen_values, givers = people.setdefault(user_id, (name or user_id, {}, {}))
        seen_values.update(dict.fromkeys(values or []))
        givers[giver_id] = None
    ranked = sorted(people.items(), key=lambda item: item[1][0].casefold())
    return [
        DigestEntry(
            user_id=user_id,
            values=sorted(values, key=lambda value: order.get(value, len(order))),
            giver_ids=list(givers),
        )
        for user_id, (_, values, givers) in ranked
    ]


JOB = Job(
    name="recognition_digest",
    sweep=sweep,
    renderers={KIND: render},
    every=timedelta(minutes=15),
    requeues_within={KIND: timedelta(days=8)},  # one digest per channel per ISO week
)
