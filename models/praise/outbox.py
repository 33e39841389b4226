"""Praise posts and DMs that Slack could not take right after the ack (HTTP 429, a 5xx, a timeout)
are handed to the outbox, and delivery sends them later; nothing the giver wrote is lost.

Handlers call these rather than the scheduler. The praise id travels in the payload (the outbox's
subject_id names a person), so the rows render from the praise as it is at delivery time.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlalchemy.orm import Session

from models.messaging import MessageKind, NewMessage, enqueue
from models.praise.entities import Praise


def post_key(praise_id: int) -> str:
    return f"praise:{praise_id}:post"


def dm_key(praise_id: int, person_id: int) -> str:
    return f"praise:{praise_id}:dm:{person_id}"


def defer_praise_post(
    session: Session, praise: Praise, channel_id: str, not_before: datetime, *, now: datetime
) -> int:
    """Queue the praise's channel post for `not_before` (working hours do not apply); 1 if new."""
    row = NewMessage(
        workspace_id=praise.workspace_id,
        kind=MessageKind.PRAISE_POST,
        dedupe_key=post_key(praise.id),
        not_before=not_before,
        channel_id=channel_id,
        payload={"praise_id": praise.id},
        working_hours=False,
    )
    return enqueue(session, [row], now)


def defer_praise_dm(
    session: Session,
    praise: Praise,
    person_id: int,
    not_before: datetime,
    *,
    now: datetime,
    permalink: str | None = None,
) -> int:
    """Queue the DM telling recipient `person_id` about the praise (with the post's link if known)."""
    payload: dict[str, object] = {"praise_id": praise.id}
    if permalink:
        payload["permalink"] = permalink
    row = NewMessage(
        workspace_id=praise.workspace_id,
        kind=MessageKind.PRAISE_DM,
        dedupe_key=dm_key(praise.id, person_id),
        not_before=not_before,
        person_id=person_id,
        payload=payload,
        working_hours=False,
    )
    return enqueue(session, [row], now)


def record_praise_post(
    session: Session, workspace_id: int, praise_id: int, channel_id: str, message_ts: str
) -> None:
    """The deferred post went out: remember where, unless a post is recorded already."""
    session.execute(
        update(Praise)
        .where(Praise.workspace_id == workspace_id, Praise.id == praise_id, Praise.message_ts.is_(None))
        .values(channel_id=channel_id, message_ts=message_ts)
        .execution_options(synchronize_session=False)
    )
