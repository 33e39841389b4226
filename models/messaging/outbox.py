"""The outbox: every message perfbot sends on its own initiative, written by a job, sent by delivery.

Jobs only decide; they write rows keyed by a dedupe key that is unique per workspace, so
running a job twice, or two schedulers at once, writes each message once. Delivery claims
due rows with a lease and records what Slack answered. A row's life:

    queued --claim_due--> sending --mark_sent--> sent
                                  --defer------> queued (later not_before, reason kept)
                                  --mark_failed-> failed --retry (operator)--> queued
    queued --cancel--> cancelled               sending, lease expired --claim_due--> sending

Every row ends sent, failed with a reason or cancelled with a reason; nothing is dropped.

Messages a request causes (a praise post, a goal's approval request) are written by the domain
operation in the request's own transaction, already leased to the request (`models.messaging.requests`):
the web process delivers them right after its ack, and should it die first, the lease runs out
and delivery's `claim_due` takes them like any other row.
Sent rows are removed after a retention period (`forget_sent_before`).
"""

from __future__ import annotations

import enum
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    JSON,
    Enum,
    ForeignKey,
    Index,
    Select,
    String,
    UniqueConstraint,
    delete,
    literal,
    select,
    true,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, Session, mapped_column

from models.base import Base, UTCDateTime, WorkspaceScoped, utcnow
from models.errors import DomainError, NotFound
from models.i18n import N_


class OutboxStatus(enum.StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"


class MessageKind(enum.StrEnum):
    """What a row is; delivery renders it by kind. `nudge.*` can be muted, `reminder.*` only snoozed."""

    PRAISE_NUDGE = "nudge.praise"
    RECOGNITION_DIGEST = "digest.recognition"
    WELCOME = "welcome"
    GOAL_DUE = "reminder.goal.due"  # to the owner, 7 days and 1 day before the due date
    GOAL_CHECKIN = "reminder.goal.checkin"  # to the owner, when the check-in cadence has passed
    GOAL_APPROVAL = "reminder.goal.approval"  # to the approver, a proposal waiting > 3 days
    # Written by give_praise; delivered right after the ack, or by the scheduler if that failed.
    PRAISE_POST = "praise.post"
    PRAISE_DM = "praise.dm"
    # A goal operation's DM (approval request, decision, comment, at-risk alert to the manager …).
    GOAL_NOTICE = "goal.notice"


NUDGE_PREFIX = "nudge."
REMINDER_PREFIX = "reminder."


def is_nudge(kind: str) -> bool:
    return kind.startswith(NUDGE_PREFIX)


def can_snooze(kind: str) -> bool:
    return kind.startswith((NUDGE_PREFIX, REMINDER_PREFIX))


class OutboxMessage(WorkspaceScoped, Base):
    __tablename__ = "outbox"
    __table_args__ = (
        UniqueConstraint("workspace_id", "dedupe_key"),
        # Delivery's claim reads due rows in this order: an index range scan, never a sort.
        Index("ix_outbox_status_not_before", "status", "not_before", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # A DM to this person, or (person_id empty) a post into channel_id.
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    channel_id: Mapped[str | None] = mapped_column(String(32))
    # Whom the message is about (the report a manager is nudged to praise), if anyone.
    subject_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(64))
    dedupe_key: Mapped[str] = mapped_column(String(255))
    # What rendering needs beyond the rows it can look up; the text is rendered at delivery
    # time, in the reader's language and zone as they are then.
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    not_before: Mapped[datetime] = mapped_column(UTCDateTime())
    working_hours: Mapped[bool] = mapped_column(default=True)
    status: Mapped[OutboxStatus] = mapped_column(
        Enum(OutboxStatus, native_enum=False, length=16, values_callable=lambda s: [m.value for m in s]),
        default=OutboxStatus.QUEUED,
    )
    attempts: Mapped[int] = mapped_column(default=0)
    # Why it is deferred, failed or cancelled, in operator's words (never a secret).
    last_error: Mapped[str | None] = mapped_column(String(500))
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    sent_channel: Mapped[str | None] = mapped_column(String(32))
    sent_ts: Mapped[str | None] = mapped_column(String(32))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


@dataclass(frozen=True)
class NewMessage:
    workspace_id: int
    kind: str
    dedupe_key: str
    not_before: datetime
    person_id: int | None = None
    channel_id: str | None = None
    subject_id: int | None = None
    payload: Mapping[str, Any] = field(default_factory=dict)
    working_hours: bool = True


def outbox_insert(session: Session) -> postgresql.Insert | sqlite.Insert:
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(OutboxMessage)
    return sqlite.insert(OutboxMessage)


def enqueue(session: Session, rows: Iterable[NewMessage], now: datetime) -> int:
    """Write many rows in one INSERT … ON CONFLICT DO NOTHING; how many were new."""
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
            "status": OutboxStatus.QUEUED,
            "attempts": 0,
            "created_at": now,
            "updated_at": now,
        }
        for row in rows
    ]
    if not values:
        return 0
    statement = outbox_insert(session).on_conflict_do_nothing(index_elements=["workspace_id", "dedupe_key"])
    # On the connection (Core), not the ORM session: the ORM's bulk path reports no rowcount.
    result = session.connection().execute(statement.execution_options(preserve_rowcount=True), values)
    return max(result.rowcount, 0)


def forget_sent_before(
    session: Session,
    cutoff: datetime,
    *,
    batch: int = 1000,
    kinds: Collection[str] | None = None,
    except_kinds: Collection[str] = (),
) -> int:
    """Delete up to `batch` rows sent before `cutoff` (of `kinds`, or of any kind but `except_kinds`),
    oldest first; how many went.

    A sent row's dedupe key is what keeps a job from queueing its occasion twice: the caller
    removes a row only once its job can no longer meet that occasion (`Job.requeues_within`)."""
    due = (OutboxMessage.status == OutboxStatus.SENT) & (OutboxMessage.sent_at < cutoff)
    if kinds is not None:
        due = due & OutboxMessage.kind.in_(list(kinds))
    if except_kinds:
        due = due & OutboxMessage.kind.not_in(list(except_kinds))
    oldest = select(OutboxMessage.id).where(due).order_by(OutboxMessage.id).limit(batch)
    result = session.execute(
        delete(OutboxMessage)
        .where(OutboxMessage.id.in_(oldest.scalar_subquery()))
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def enqueue_select(session: Session, rows: Select[Any], now: datetime) -> int:
    """INSERT … SELECT … ON CONFLICT DO NOTHING: a sweep's rows built by the database, however many.

    `rows` selects columns labelled with outbox column names (workspace_id, kind, dedupe_key,
    not_before, payload …); status, attempts and timestamps are added here.
    """
    table = OutboxMessage.__table__
    full = rows.add_columns(
        literal(OutboxStatus.QUEUED.value, table.c.status.type).label("status"),
        literal(0).label("attempts"),
        literal(now, UTCDateTime()).label("created_at"),
        literal(now, UTCDateTime()).label("updated_at"),
    ).where(true())  # SQLite needs a WHERE before ON CONFLICT to parse INSERT … SELECT … ON CONFLICT
    names = [str(column.key) for column in full.selected_columns]
    statement = outbox_insert(session).from_select(names, full)
    statement = statement.on_conflict_do_nothing(index_elements=["workspace_id", "dedupe_key"])
    result = session.connection().execute(statement.execution_options(preserve_rowcount=True))
    return max(result.rowcount, 0)


def claim_due(
    session: Session,
    now: datetime,
    worker_id: str,
    limit: int,
    lease: timedelta,
    *,
    skip_workspaces: Collection[int] = (),
) -> list[OutboxMessage]:
    """Lease up to `limit` due rows to this worker, oldest first; rows whose lease expired are due again.

    PostgreSQL: rows are picked FOR UPDATE SKIP LOCKED, so concurrent workers never take the
    same row. SQLite: an UPDATE … WHERE id IN (due rows), atomic because SQLite has one writer.
    The caller commits right away, which publishes the lease. `skip_workspaces` are ones the
    caller cannot send into now (Slack said 429): their rows stay queued, untouched.
    """
    # A worker that died mid-batch left rows `sending`: queue them again, still due. Done as its
    # own statement so the claim below is one index range scan in due order, whatever the backlog.
    session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.status == OutboxStatus.SENDING, OutboxMessage.lease_until < now)
        .values(status=OutboxStatus.QUEUED, lease_until=None, claimed_by=None, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    due = (OutboxMessage.status == OutboxStatus.QUEUED) & (OutboxMessage.not_before <= now)
    if skip_workspaces:
        due = due & OutboxMessage.workspace_id.not_in(list(skip_workspaces))
    pick = (
        select(OutboxMessage.id).where(due).order_by(OutboxMessage.not_before, OutboxMessage.id).limit(limit)
    )
    if session.get_bind().dialect.name == "postgresql":
        ids: Sequence[int] | Any = session.scalars(pick.with_for_update(skip_locked=True)).all()
        if not ids:
            return []
    else:
        ids = pick.scalar_subquery()
    claim = (
        update(OutboxMessage)
        # By id only: the ids are due (and, on PostgreSQL, locked by us); repeating the condition
        # here makes SQLite scan every due row instead of looking the few ids up.
        .where(OutboxMessage.id.in_(ids))
        .values(status=OutboxStatus.SENDING, lease_until=now + lease, claimed_by=worker_id, updated_at=now)
        .returning(OutboxMessage)
        .execution_options(synchronize_session=False, populate_existing=True)
    )
    rows = list(session.scalars(claim))
    return sorted(rows, key=lambda row: (row.not_before, row.id))


def next_due_at(session: Session) -> datetime | None:
    """When the earliest queued row comes due (an index lookup), or None if nothing is queued."""
    return session.scalar(
        select(OutboxMessage.not_before)
        .where(OutboxMessage.status == OutboxStatus.QUEUED)
        .order_by(OutboxMessage.not_before)
        .limit(1)
    )


def _set(session: Session, message_id: int, now: datetime, *, attempted: bool = False, **values: Any) -> None:
    statement = update(OutboxMessage).where(OutboxMessage.id == message_id).values(updated_at=now, **values)
    if attempted:
        statement = statement.values(attempts=OutboxMessage.attempts + 1)
    session.execute(statement.execution_options(synchronize_session=False))


def mark_sent(session: Session, message_id: int, *, channel: str, ts: str, now: datetime) -> None:
    _set(
        session,
        message_id,
        now,
        attempted=True,
        status=OutboxStatus.SENT,
        sent_channel=channel,
        sent_ts=ts,
        sent_at=now,
        lease_until=None,
        last_error=None,
    )


def defer(
    session: Session, message_id: int, until: datetime, reason: str, now: datetime, *, attempted: bool = False
) -> None:
    """Back to the queue until `until`; `attempted` when Slack was asked and the answer counts as a try."""
    _set(
        session,
        message_id,
        now,
        attempted=attempted,
        status=OutboxStatus.QUEUED,
        not_before=until,
        lease_until=None,
        last_error=reason[:500],
    )


def mark_failed(
    session: Session, message_id: int, reason: str, now: datetime, *, attempted: bool = False
) -> None:
    _set(
        session,
        message_id,
        now,
        attempted=attempted,
        status=OutboxStatus.FAILED,
        lease_until=None,
        last_error=reason[:500],
    )


def cancel(session: Session, message_id: int, reason: str, now: datetime) -> None:
    _set(session, message_id, now, status=OutboxStatus.CANCELLED, lease_until=None, last_error=reason[:500])


def release(session: Session, message_ids: Iterable[int], now: datetime) -> None:
    """Hand claimed rows back untouched (a worker stopping before it got to them)."""
    ids = list(message_ids)
    if ids:
        session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(ids), OutboxMessage.status == OutboxStatus.SENDING)
            .values(status=OutboxStatus.QUEUED, lease_until=None, claimed_by=None, updated_at=now)
            .execution_options(synchronize_session=False)
        )


_NOT_RETRIED = {
    OutboxStatus.QUEUED: N_(
        "Message {id} is still waiting to be sent; only failed messages can be sent again."
    ),
    OutboxStatus.SENDING: N_("Message {id} is being sent right now; only failed messages can be sent again."),
    OutboxStatus.SENT: N_("Message {id} was sent already; only failed messages can be sent again."),
    OutboxStatus.CANCELLED: N_("Message {id} was cancelled; only failed messages can be sent again."),
}


def retry(session: Session, message_id: int, now: datetime) -> OutboxMessage:
    """Queue a failed row again from scratch (`perfbot outbox retry ID`), due now."""
    message = session.get(OutboxMessage, message_id, populate_existing=True)
    if message is None:
        raise NotFound(N_("There is no message {id} in the queue."), id=message_id)
    if message.status is not OutboxStatus.FAILED:
        raise DomainError(_NOT_RETRIED[message.status], id=message_id)
    message.status = OutboxStatus.QUEUED
    message.not_before = now
    message.attempts = 0
    message.lease_until = None
    message.last_error = None
    message.updated_at = now
    return message


def unsent(session: Session, limit: int = 200) -> list[OutboxMessage]:
    """What an operator wants to see: queued (and deferred), in flight and failed rows, oldest first."""
    return list(
        session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.status.in_([OutboxStatus.QUEUED, OutboxStatus.SENDING, OutboxStatus.FAILED]))
            .order_by(OutboxMessage.status, OutboxMessage.not_before, OutboxMessage.id)
            .limit(limit)
        )
    )
