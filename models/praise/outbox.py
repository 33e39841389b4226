"""A praise's channel post and DMs, written to the outbox with the praise itself.

The web process delivers them right after the ack; whatever it could not (Slack said 429, a 5xx,
a timeout, or the process died) the scheduler's delivery sends later, so nothing the giver wrote
is lost. The praise id travels in the payload (the outbox's subject_id names a person), so the
rows render from the praise as it is at delivery time.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlalchemy.orm import Session

from models.messaging import MessageKind, NewMessage, enqueue_for_request
from models.praise.entities import Praise


def post_key(praise_id: int) -> str:
    return f"praise:{praise_id}:post"


def dm_key(praise_id: int, person_id: int) -> str:
    return f"praise:{praise_id}:dm:{person_id}"


def queue_praise_messages(
    session: Session, praise: Praise, channel_id: str | None, *, now: datetime
) -> list[int]:
    """The post into `channel_id` (if any) and a DM to each person praised, in the transaction that
    stores the praise; ids in that order. Working hours do not apply: someone just gave it."""
    rows = []
    if channel_id:
        rows.append(
            NewMessage(
                workspace_id=praise.workspace_id,
                kind=MessageKind.PRAISE_POST,
                dedupe_key=post_key(praise.id),
                not_before=now,
                channel_id=channel_id,
                payload={"praise_id": praise.id},
                working_hours=False,
            )
        )
    rows += [
        NewMessage(
            workspace_id=praise.workspace_id,
            kind=MessageKind.PRAISE_DM,
            dedupe_key=dm_key(praise.id, person.id),
            not_before=now,
            person_id=person.id,
            payload={"praise_id": praise.id},
            working_hours=False,
        )
        for person in praise.recipients
    ]
    return enqueue_for_request(session, rows, now)


def record_praise_post(
    session: Session, workspace_id: int, praise_id: int, channel_id: str, message_ts: str
) -> None:
    """The post went out: remember where, unless a post is recorded already."""
    session.execute(
        update(Praise)
        .where(Praise.workspace_id == workspace_id, Praise.id == praise_id, Praise.message_ts.is_(None))
        .values(channel_id=channel_id, message_ts=message_ts)
        .execution_options(synchronize_session=False)
    )
