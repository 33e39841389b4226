"""Pacing for one delivery process: Slack's limits, kept before Slack has to enforce them.

- a token bucket per workspace for the send budget (messages per minute, all channels);
- at most one message per second into one channel (chat.postMessage's per-channel limit);
- after a 429, a pause of that Slack method in that workspace until Retry-After has passed.

Nothing here sleeps: it answers how long to wait and delivery defers the row by that much.
Times are the aware datetimes delivery passes in, so tests drive it without a clock. The state
is per process; with several delivery workers give each a share of the budget, and the 429
handling still keeps everyone safe.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

CHANNEL_INTERVAL = timedelta(seconds=1)
POST = "chat.postMessage"
OPEN = "conversations.open"
_PRUNE_AT = 10_000


@dataclass
class _Bucket:
    rate: float  # tokens per second
    capacity: float
    tokens: float
    updated: datetime

    def refill(self, at: datetime) -> None:
        if at > self.updated:
            self.tokens = min(self.capacity, self.tokens + (at - self.updated).total_seconds() * self.rate)
            self.updated = at


class RateLimiter:
    def __init__(self, *, burst_seconds: float = 1.0, channel_interval: timedelta = CHANNEL_INTERVAL) -> None:
        # A burst of about one second's budget: a steady pace close to the budget, not a spike then silence.
        self.burst_seconds = burst_seconds
        self.channel_interval = channel_interval
        self._buckets: dict[int, _Bucket] = {}
        self._channel_free: dict[str, datetime] = {}
        self._paused: dict[tuple[int, str], datetime] = {}

    def _bucket(self, workspace_id: int, budget_per_minute: int, at: datetime) -> _Bucket:
        rate = max(budget_per_minute, 1) / 60.0
        capacity = max(1.0, rate * self.burst_seconds)
        bucket = self._buckets.get(workspace_id)
        if bucket is None or bucket.rate != rate:  # new, or HR changed the budget
            tokens = capacity if bucket is None else min(bucket.tokens, capacity)
            bucket = _Bucket(rate=rate, capacity=capacity, tokens=tokens, updated=at)
            self._buckets[workspace_id] = bucket
        bucket.refill(at)
        return bucket

    def paused_until(self, workspace_id: int, method: str, at: datetime) -> datetime | None:
        until = self._paused.get((workspace_id, method))
        return until if until is not None and until > at else None

    def pause(self, workspace_id: int, method: str, until: datetime) -> None:
        current = self._paused.get((workspace_id, method))
        if current is None or until > current:
            self._paused[(workspace_id, method)] = until

    def paused_workspaces(self, method: str, at: datetime) -> list[int]:
        return [
            workspace
            for (workspace, paused), until in self._paused.items()
            if paused == method and until > at
        ]

    def post_delay(
        self, workspace_id: int, budget_per_minute: int, channel: str | None, at: datetime
    ) -> float:
        """Seconds until a message may go into `channel` in this workspace (0: now)."""
        waits = [0.0]
        bucket = self._bucket(workspace_id, budget_per_minute, at)
        if bucket.tokens < 1.0:
            waits.append((1.0 - bucket.tokens) / bucket.rate)
        if channel is not None and (free := self._channel_free.get(channel)) is not None and free > at:
            waits.append((free - at).total_seconds())
        if (paused := self.paused_until(workspace_id, POST, at)) is not None:
            waits.append((paused - at).total_seconds())
        return max(waits)

    def record_post(self, workspace_id: int, budget_per_minute: int, channel: str, at: datetime) -> None:
        self._bucket(workspace_id, budget_per_minute, at).tokens -= 1.0
        self._channel_free[channel] = at + self.channel_interval
        if len(self._channel_free) > _PRUNE_AT:
            self._channel_free = {key: free for key, free in self._channel_free.items() if free > at}

    def spare(self, at: datetime) -> int | None:
        """Messages that could go right now in the roomiest workspace seen so far; None before the first."""
        if not self._buckets:
            return None
        best = 0.0
        for bucket in self._buckets.values():
            bucket.refill(at)
            best = max(best, bucket.tokens)
        return int(best)

    def next_token_in(self, at: datetime) -> float:
        """Seconds until some workspace has a whole token again (0 if one has)."""
        waits = []
        for bucket in self._buckets.values():
            bucket.refill(at)
            waits.append(0.0 if bucket.tokens >= 1.0 else (1.0 - bucket.tokens) / bucket.rate)
        return min(waits, default=0.0)


class Unpaced(RateLimiter):
    """No pacing: for the delivery right after a request's ack, which sends a handful of messages
    someone is waiting for, each tried once at once as before the outbox. Slack's own 429 still
    defers that message (by its Retry-After) to the scheduler's delivery, which paces."""

    def post_delay(
        self, workspace_id: int, budget_per_minute: int, channel: str | None, at: datetime
    ) -> float:
        return 0.0

    def record_post(self, workspace_id: int, budget_per_minute: int, channel: str, at: datetime) -> None:
        pass

    def pause(self, workspace_id: int, method: str, until: datetime) -> None:
        pass
