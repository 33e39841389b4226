"""The messages a request causes: written in the request's transaction, delivered after its ack.

A domain operation (give_praise, propose_goal, check_in …) writes its messages with
`enqueue_for_request`, in the transaction that makes the change, already leased to the request.
After the ack the web process takes them over (`take_request_rows`) and sends them at once. If
the process dies first, nothing is lost: the lease runs out after `REQUEST_LEASE` and the
scheduler's delivery (`claim_due`) sends them like any other row.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlalchemy.orm import Session

from models.messaging.outbox import NewMessage, OutboxMessage, OutboxStatus, outbox_insert

# How long the request that wrote a row has to deliver it before the scheduler takes over: far
# longer than a post takes, short enough that a message a dead process left behind is soon sent.
REQUEST_LEASE = timedelta(minutes=2)
# `claimed_by` of a row its request has not yet picked up.
REQUEST_CLAIM = "request"


@dataclass(frozen=True)
class Delivered:
    """What became of one row delivered right after the ack, for telling the person who acted.

    `status` is SENT, QUEUED (Slack refused for now: it follows from the outbox), FAILED,
    CANCELLED, or SENDING when this process did not get to it (its lease had run out)."""

    id: int
    kind: str
    status: OutboxStatus
    person_id: int | None = None
    channel: str | None = None  # where it went, once sent
    ts: str | None = None
    permalink: str | None = None  # a channel post's link, once sent
    error: str = ""  # Slack's error code, or a few words on what went wrong
    reason: str = ""  # the row's reason, in operator's words


# How handlers ask for their rows to be delivered now (the composition root wires it).
DeliverRows = Callable[[Sequence[int]], list[Delivered]]


def enqueue_for_request(session: Session, rows: Sequence[NewMessage], now: datetime) -> list[int]:
    """Write the messages a request causes, leased to that request for `REQUEST_LEASE`; their ids
    in the order given (one INSERT … RETURNING). A dedupe key already written yields no id."""
    if not rows:
        return []
    values = [
        {
            "workspace_id": row.workspace_id,
            "person_id": row.person_id,
            "channel_id": row.channel_id,
            "subject_id": row.subject_id,
            "kind": row.kind,
            "dedupe_key": row.dedupe_key,
            "payload": dict(row.payload),
            "not_before": row.not_before,
            "working_hours": row.working_hours,
            "status": OutboxStatus.SENDING,
            "attempts": 0,
            "claimed_by": REQUEST_CLAIM,
            "lease_until": now + REQUEST_LEASE,
            "created_at": now,
            "updated_at": now,
        }
        for row in rows
    ]
    statement = (
        outbox_insert(session)
        .values(values)
        .on_conflict_do_nothing(index_elements=["workspace_id", "dedupe_key"])
        .returning(OutboxMessage.id, OutboxMessage.dedupe_key)
    )
    ids = {key: row_id for row_id, key in session.connection().execute(statement)}
    return [ids[row.dedupe_key] for row in rows if row.dedupe_key in ids]


def take_request_rows(
    session: Session, ids: Collection[int], worker_id: str, now: datetime
) -> list[OutboxMessage]:
    """The rows a request wrote, taken over by the worker delivering them after the ack, in id order.

    Only rows still leased to their request are taken: one whose lease ran out belongs to the
    scheduler's delivery now, and is left alone (one conditional UPDATE, so never both)."""
    if not ids:
        return []
    take = (
        update(OutboxMessage)
        .where(
            OutboxMessage.id.in_(list(ids)),
            OutboxMessage.status == OutboxStatus.SENDING,
            OutboxMessage.claimed_by == REQUEST_CLAIM,
            OutboxMessage.lease_until > now,
        )
        .values(claimed_by=worker_id, lease_until=now + REQUEST_LEASE, updated_at=now)
        .returning(OutboxMessage)
        .execution_options(synchronize_session=False, populate_existing=True)
    )
    return sorted(session.scalars(take), key=lambda row: row.id)
