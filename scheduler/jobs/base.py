"""What a job is: a sweep that decides what to send (writing outbox rows) and the renderers
that turn its rows into Slack messages at delivery time.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from typing import Any

from sqlalchemy.orm import Session

from handlers.kit.message import SlackMessage
from models.i18n import Translator
from models.messaging import OutboxMessage
from models.people import Person
from models.workspace import Workspace


@dataclass(frozen=True)
class OutboxRow:
    """A claimed row as delivery saw it (detached from any session)."""

    id: int
    workspace_id: int
    person_id: int | None
    channel_id: str | None
    subject_id: int | None
    kind: str
    dedupe_key: str
    payload: Mapping[str, Any]
    working_hours: bool
    attempts: int
    not_before: datetime

    @classmethod
    def of(cls, message: OutboxMessage) -> OutboxRow:
        return cls(
            id=message.id,
            workspace_id=message.workspace_id,
            person_id=message.person_id,
            channel_id=message.channel_id,
            subject_id=message.subject_id,
            kind=message.kind,
            dedupe_key=message.dedupe_key,
            payload=dict(message.payload or {}),
            working_hours=message.working_hours,
            attempts=message.attempts,
            not_before=message.not_before,
        )


@dataclass(frozen=True)
class RenderContext:
    session: Session
    row: OutboxRow
    workspace: Workspace
    recipient: Person | None  # None for a channel message
    t: Translator  # the reader's language (the workspace's for a channel)
    tz: tzinfo  # the reader's zone (the workspace's for a channel)
    tz_name: str
    now: datetime
    # Permalinks of posts sent earlier by the same delivery, by dedupe key (a praise DM links to its post).
    links: Mapping[str, str] = field(default_factory=dict)
    # A posted message's link, asked of Slack (chat.getPermalink) and remembered; None if none.
    permalink: Callable[[str, str], str | None] = field(default=lambda channel, ts: None)


@dataclass(frozen=True)
class Skip:
    """Nothing to send any more (report praised meanwhile, digest empty): cancel the row, with reason."""

    reason: str


Renderer = Callable[[RenderContext], SlackMessage | Skip]
Sweep = Callable[[Session, datetime], int]
# Called with (session, row, channel, ts) in the transaction that marks the row sent, to record
# the message on whatever it is about (the praise a deferred post belongs to). Keep it one short
# statement: it sits in the duplicate window. If it fails, the row is marked sent without it.
OnSent = Callable[[Session, OutboxRow, str, str], None]


@dataclass(frozen=True)
class Job:
    name: str
    # kind -> renderer for every kind of row this job writes.
    renderers: Mapping[str, Renderer]
    # None for messages queued by events rather than by a sweep (the welcome DM).
    sweep: Sweep | None = None
    # How often the clock runs the sweep; sweeps are idempotent, so more often is only more work.
    every: timedelta = field(default=timedelta(hours=1))
    # kind -> what to record once a row of that kind is sent (optional).
    on_sent: Mapping[str, OnSent] = field(default_factory=dict)
    # Kinds whose permalink delivery looks up once sent, for `RenderContext.links` (optional).
    linked: frozenset[str] = frozenset()
    # kind -> for how long after a row is queued the sweep may meet the same occasion (and dedupe
    # key) again; None: for as long as the occasion lasts. Housekeeping keeps a sent row at least
    # that long (None: for good), so removing it never lets its occasion be queued twice.
    requeues_within: Mapping[str, timedelta | None] = field(default_factory=dict)
