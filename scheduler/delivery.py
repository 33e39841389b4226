"""Delivery: take due outbox rows, send them within Slack's limits and the recipient's working
hours, and record every outcome.

The guarantee is at-least-once with a window of one message: `chat.postMessage` has no
idempotency key, so a process that dies after Slack answered and before the row is marked
sent will send that one message again once its lease expires. To keep that window small the
row is marked sent in its own short transaction immediately after Slack's answer, before
anything else happens. Nothing here sleeps: a 429 or a busy budget defers the row.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from models.db import SessionFactory, unit_of_work
from models.i18n import translator
from models.messaging import (
    MUTED_REASON,
    Delivered,
    OutboxStatus,
    cancel,
    claim_due,
    defer,
    is_nudge,
    mark_failed,
    mark_sent,
    next_due_at,
    release,
    take_request_rows,
)
from models.people import Person
from models.workspace import Workspace, next_working_time
from models.zones import zone
from scheduler.jobs import linked_kinds as all_linked_kinds
from scheduler.jobs import renderers as all_renderers
from scheduler.jobs import sent_hooks as all_sent_hooks
from scheduler.jobs.base import OnSent, OutboxRow, RenderContext, Renderer, Skip
from scheduler.limits import OPEN, POST, RateLimiter
from scheduler.policy import DeliveryPolicy as DeliveryPolicy
from scheduler.sender import Outcome, Sender, SlackAnswer
from scheduler.stats import DeliveryStats as DeliveryStats

log = logging.getLogger(__name__)


class _SentNotRecorded(Exception):
    """Slack accepted the message but the database did not take the news."""


@dataclass
class _Context:
    workspaces: dict[int, Workspace]
    people: dict[int, Person]


def worker_name() -> str:
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


class Delivery:
    def __init__(
        self,
        session_factory: SessionFactory,
        sender: Sender,
        *,
        policy: DeliveryPolicy | None = None,
        limiter: RateLimiter | None = None,
        renderers: Mapping[str, Renderer] | None = None,
        on_sent: Mapping[str, OnSent] | None = None,
        linked: Collection[str] | None = None,
        worker_id: str | None = None,
        elapsed: Callable[[], float] | None = None,
        direct_dms: bool = False,
    ) -> None:
        self.session_factory = session_factory
        self.sender = sender
        self.policy = policy or DeliveryPolicy()
        self.limiter = limiter or RateLimiter()
        self.renderers = dict(renderers if renderers is not None else all_renderers())
        self.on_sent = dict(on_sent if on_sent is not None else all_sent_hooks())
        # Kinds whose permalink is looked up once sent: later rows of the pass link to them.
        self.linked = frozenset(linked if linked is not None else all_linked_kinds())
        self.worker_id = worker_id or worker_name()
        # Real seconds since an arbitrary start (time.monotonic in a process). Limits are kept on
        # the time of each call, not of the pass; without it, time stands still within a pass.
        self.elapsed = elapsed
        self.stopping = threading.Event()
        # DM channels opened by this process, so two rows to one person in one pass open it once.
        self._dm_channels: dict[int, str] = {}
        # Post a DM to the person's user id (Slack opens the app's DM) rather than open it first:
        # the request path, where a conversations.open per person would only add a call.
        self.direct_dms = direct_dms
        self._links: dict[str, str] = {}  # dedupe key of a post sent by this Delivery -> permalink
        self._permalinks: dict[tuple[str, str], str | None] = {}  # (channel, ts) -> what Slack said
        self._report: dict[int, Delivered] | None = None  # outcomes, when deliver_rows asks for them

    def drain(
        self,
        now: datetime,
        *,
        clock: Callable[[], datetime] | None = None,
        sleep: Callable[[float], object] | None = None,
        max_seconds: float | None = None,
        linger: float = 0.0,
    ) -> DeliveryStats:
        """Pass after pass until nothing is due. With a clock and sleep it paces itself to the budget,
        and waits up to `linger` seconds for rows coming due (held back by a rate limit, say)."""
        total = DeliveryStats()
        started = clock() if clock else now
        while not self.stopping.is_set():
            at = clock() if clock else now
            if max_seconds is not None and (at - started).total_seconds() >= max_seconds:
                break
            stats = self.deliver_due(at)
            total += stats
            if stats.claimed == 0:
                if clock is None or sleep is None:
                    break
                wait = self._next_due_in(at)
                if wait is None or wait > linger:
                    break
                sleep(wait)
                continue
            if clock is not None and sleep is not None:
                wait = self.limiter.next_token_in(clock())
                if wait > 0:
                    sleep(wait)
        return total

    def _next_due_in(self, at: datetime) -> float | None:
        with self.session_factory() as session:
            due = next_due_at(session)
        return None if due is None else max((due - at).total_seconds(), 0.001)

    def deliver_due(self, now: datetime) -> DeliveryStats:
        """One pass: lease a batch of due rows and settle each one."""
        origin = self.elapsed() if self.elapsed else 0.0

        def clock() -> datetime:
            """`now` moved on by the real time this pass has taken (limits are kept on call times)."""
            return now + timedelta(seconds=self.elapsed() - origin) if self.elapsed else now

        limit = self.policy.batch_size
        spare = self.limiter.spare(now)
        if spare is not None:  # claim no more than the budget lets go now
            limit = max(1, min(limit, spare))
        # Workspaces Slack told to wait are left alone until Retry-After has passed, rather than
        # claimed only to be deferred row by row.
        paused = self.limiter.paused_workspaces(POST, now)
        with unit_of_work(self.session_factory) as session:
            claimed = claim_due(
                session, now, self.worker_id, limit, self.policy.lease, skip_workspaces=paused
            )
            rows = [OutboxRow.of(message) for message in claimed]
        return self._deliver_all(rows, now, clock)

    def deliver_rows(self, ids: Sequence[int], now: datetime) -> list[Delivered]:
        """Right after a request's ack: send the rows it wrote (still leased to it) at once, in order,
        and say what became of each. A row whose lease ran out is the scheduler's: left alone."""
        origin = self.elapsed() if self.elapsed else 0.0

        def clock() -> datetime:
            return now + timedelta(seconds=self.elapsed() - origin) if self.elapsed else now

        with unit_of_work(self.session_factory) as session:
            rows = [OutboxRow.of(message) for message in take_request_rows(session, ids, self.worker_id, now)]
        self._report = {}
        self._deliver_all(rows, now, clock)
        taken_over = "its lease ran out; the scheduler's delivery sends it"
        return [
            self._report.get(row_id) or Delivered(row_id, "", OutboxStatus.SENDING, reason=taken_over)
            for row_id in ids
        ]

    def _deliver_all(
        self, rows: list[OutboxRow], now: datetime, clock: Callable[[], datetime]
    ) -> DeliveryStats:
        stats = DeliveryStats(claimed=len(rows))
        if not rows:
            return stats
        with self.session_factory() as reader:
            context = _load_context(reader, rows)
            for index, row in enumerate(rows):
                if self.stopping.is_set():
                    with unit_of_work(self.session_factory) as session:
                        release(session, [r.id for r in rows[index:]], now)
                    break
                try:
                    outcome = self._deliver(reader, context, row, clock)
                except _SentNotRecorded:
                    outcome = "sent"  # it went out; the row stays leased and may go again
                except Exception as error:  # a bug in a renderer must not stall the queue
                    log.exception("delivering outbox row %s (%s) failed", row.id, row.kind)
                    reader.rollback()
                    reason = f"internal error: {type(error).__name__}"
                    outcome = self._settle(row, "failed", reason, clock())
                stats.count(row.id, outcome)
        return stats

    def _deliver(
        self, reader: Session, context: _Context, row: OutboxRow, clock: Callable[[], datetime]
    ) -> str:
        at = clock()
        workspace = context.workspaces[row.workspace_id]
        recipient = context.people.get(row.person_id) if row.person_id is not None else None
        if row.person_id is not None:
            if recipient is None:
                return self._settle(row, "cancelled", "the recipient no longer exists", at)
            if not recipient.active:
                return self._settle(row, "failed", "the recipient is deactivated", at)
            if is_nudge(row.kind) and recipient.mute_nudges:
                return self._settle(row, "cancelled", MUTED_REASON, at)
            cached = self._dm_channels.get(recipient.id, recipient.dm_channel_id)
            channel = recipient.slack_user_id if self.direct_dms else cached or None
            tz_name = recipient.tz or workspace.timezone
        elif row.channel_id:
            channel, tz_name = row.channel_id, workspace.timezone
        else:
            return self._settle(row, "failed", "the message has neither a recipient nor a channel", at)
        tz = zone(tz_name, workspace.timezone)
        if row.working_hours:
            opens = next_working_time(at, tz, workspace.working_hours)
            if opens > at:
                return self._settle(
                    row, "deferred", "waiting for the recipient's working hours", at, until=opens
                )
        delay = self.limiter.post_delay(workspace.id, workspace.send_budget_per_minute, channel, at)
        if channel is None and (paused := self.limiter.paused_until(workspace.id, OPEN, at)) is not None:
            delay = max(delay, (paused - at).total_seconds())
        if delay > 0:
            until = at + timedelta(seconds=delay)
            return self._settle(row, "deferred", "waiting for the Slack rate limit", at, until=until)
        renderer = self.renderers.get(row.kind)
        if renderer is None:
            return self._settle(row, "failed", f"no renderer for kind {row.kind!r}", at)
        t = translator(recipient.locale if recipient else None, workspace.default_locale)
        rendered = renderer(
            RenderContext(reader, row, workspace, recipient, t, tz, str(tz), at, self._links, self._permalink)
        )
        if isinstance(rendered, Skip):
            return self._settle(row, "cancelled", rendered.reason, at)
        # Hand the reader's connection back before waiting on Slack: many deliveries at once (the
        # requests' after-ack work, each with its own reader) would otherwise hold the pool's every
        # connection through Slack's answers, and new requests could not get one to ack. Nothing
        # is expired (expire_on_commit=False); the next row's reads take a connection again.
        reader.commit()
        if channel is None:
            assert recipient is not None
            answer = self.sender.open_dm(recipient.slack_user_id)
            if not answer.ok or not answer.channel:
                return self._failure(row, workspace.id, OPEN, answer, clock())
            channel = self._remember_dm(recipient.id, answer.channel)
        answer = self.sender.post_message(channel, rendered.text, rendered.blocks_json())
        # Limits count from the answer: the next post into this channel starts a full second after
        # this one ended, however long each took on the wire. Whatever Slack answered, it counted.
        answered = clock()
        if answer.ok:
            # First thing after Slack's answer, in its own transaction: this is the duplicate window.
            sent_to = answer.channel or channel
            self._record_sent(row, sent_to, answer.ts or "", answered)
            self.limiter.record_post(workspace.id, workspace.send_budget_per_minute, channel, answered)
            self._sent(row, sent_to, answer.ts or "")
            return "sent"
        self.limiter.record_post(workspace.id, workspace.send_budget_per_minute, channel, answered)
        if recipient is not None and answer.error == "channel_not_found" and not self.direct_dms:
            # A stale cached DM channel: forget it so the next try opens a fresh one.
            self._forget_dm(recipient.id)
            answer = SlackAnswer(Outcome.TRANSIENT, error="the cached DM channel is gone")
        return self._failure(row, workspace.id, POST, answer, answered)

    def _sent(self, row: OutboxRow, channel: str, ts: str) -> None:
        """After the row is recorded: its permalink for later rows (if its kind links), and its outcome."""
        link = None
        if row.kind in self.linked and ts:
            link = self._permalink(channel, ts)
            if link:
                self._links[row.dedupe_key] = link
        if self._report is not None:
            self._report[row.id] = Delivered(
                row.id, row.kind, OutboxStatus.SENT, row.person_id, channel, ts, link
            )

    def _permalink(self, channel: str, ts: str) -> str | None:
        if (channel, ts) not in self._permalinks:
            self._permalinks[(channel, ts)] = self.sender.permalink(channel, ts)
        return self._permalinks[(channel, ts)]

    def _record_sent(self, row: OutboxRow, channel: str, ts: str, at: datetime) -> None:
        """Mark sent, trying twice: if the database is away, the row's lease runs out and the
        message goes again (the documented duplicate). Never mark failed what Slack accepted.

        The kind's `on_sent` hook runs in the same transaction, on the first try only: a hook
        that fails must not keep the row from being marked sent, or the message would go again."""
        hook = self.on_sent.get(row.kind)
        for attempt in (1, 2):
            try:
                with unit_of_work(self.session_factory) as session:
                    mark_sent(session, row.id, channel=channel, ts=ts, now=at)
                    if hook is not None and attempt == 1:
                        hook(session, row, channel, ts)
                return
            except Exception:
                if attempt == 2:
                    log.exception("Slack accepted outbox row %s but it could not be marked sent", row.id)
                    raise _SentNotRecorded(row.id) from None
                if hook is not None:
                    log.exception(
                        "outbox row %s (%s): recording it as sent failed; once more without its on_sent hook",
                        row.id,
                        row.kind,
                    )

    def _failure(
        self, row: OutboxRow, workspace_id: int, method: str, answer: SlackAnswer, at: datetime
    ) -> str:
        if answer.outcome is Outcome.RATE_LIMITED:
            until = at + timedelta(seconds=answer.retry_after)
            self.limiter.pause(workspace_id, method, until)
            reason = f"{method} rate limited: Retry-After {answer.retry_after:g} s"
            return self._settle(row, "deferred", reason, at, until=until, error=answer.error)
        error = answer.error or "no channel in the answer"
        if answer.outcome is Outcome.PERMANENT or answer.outcome is Outcome.OK:  # OK without a channel
            return self._settle(row, "failed", f"{method}: {error}", at, attempted=True, error=error)
        attempts = row.attempts + 1
        if attempts >= self.policy.max_attempts:
            reason = f"{method}: {answer.error} (gave up after {attempts} attempts)"
            return self._settle(row, "failed", reason, at, attempted=True, error=error)
        reason = f"{method}: {answer.error} (attempt {attempts} of {self.policy.max_attempts})"
        until = at + self.policy.backoff(attempts)
        return self._settle(row, "deferred", reason, at, until=until, attempted=True, error=error)

    def _settle(
        self,
        row: OutboxRow,
        outcome: str,
        reason: str,
        at: datetime,
        *,
        until: datetime | None = None,
        attempted: bool = False,
        error: str = "",
    ) -> str:
        with unit_of_work(self.session_factory) as session:
            if outcome == "deferred":
                defer(session, row.id, until or at, reason, at, attempted=attempted)
            elif outcome == "failed":
                mark_failed(session, row.id, reason, at, attempted=attempted)
            else:
                cancel(session, row.id, reason, at)
        if outcome == "failed":
            log.warning("outbox row %s (%s) failed: %s", row.id, row.kind, reason)
        if self._report is not None:
            status = _STATUS[outcome]
            self._report[row.id] = Delivered(
                row.id, row.kind, status, row.person_id, error=error or reason, reason=reason
            )
        return outcome

    def _remember_dm(self, person_id: int, channel: str) -> str:
        self._dm_channels[person_id] = channel
        with unit_of_work(self.session_factory) as session:
            session.execute(update(Person).where(Person.id == person_id).values(dm_channel_id=channel))
        return channel

    def _forget_dm(self, person_id: int) -> None:
        self._dm_channels[person_id] = ""  # known to be stale, whatever the loaded person row says
        with unit_of_work(self.session_factory) as session:
            session.execute(update(Person).where(Person.id == person_id).values(dm_channel_id=None))


_STATUS = {
    "deferred": OutboxStatus.QUEUED,
    "failed": OutboxStatus.FAILED,
    "cancelled": OutboxStatus.CANCELLED,
}


def _load_context(session: Session, rows: list[OutboxRow]) -> _Context:
    """The batch's workspaces and recipients in two queries, whatever the batch holds."""
    workspace_ids = {row.workspace_id for row in rows}
    person_ids = {row.person_id for row in rows if row.person_id is not None}
    workspaces = {w.id: w for w in session.scalars(select(Workspace).where(Workspace.id.in_(workspace_ids)))}
    people = (
        {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(person_ids)))}
        if person_ids
        else {}
    )
    return _Context(workspaces=workspaces, people=people)
