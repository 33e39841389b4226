"""Delivery right after a request's ack: the fast path for the messages a request caused.

A domain operation writes those messages to the outbox in the request's transaction, leased to
the request. After the ack the listener hands their ids to `RequestDelivery.deliver_rows` (wired
into `handlers.deps.Deps` by the composition root), which sends them at once through the same
`Delivery` the scheduler uses: the same renderers, sender, error classifier and retry policy.
What Slack refuses for now goes back to the queue with its backoff or Retry-After, and anything
this process never gets to (it died) is sent by the scheduler once the lease runs out.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from datetime import datetime

from models.base import utcnow
from models.db import SessionFactory
from models.messaging import Delivered, OutboxStatus
from scheduler.delivery import Delivery
from scheduler.jobs import linked_kinds, renderers, sent_hooks
from scheduler.limits import Unpaced
from scheduler.policy import DeliveryPolicy
from scheduler.sender import Sender

log = logging.getLogger(__name__)


class RequestDelivery:
    def __init__(
        self,
        session_factory: SessionFactory,
        sender: Sender,
        *,
        clock: Callable[[], datetime] = utcnow,
        policy: DeliveryPolicy | None = None,
    ) -> None:
        self.session_factory = session_factory
        self.sender = sender
        self.clock = clock
        self.policy = policy or DeliveryPolicy()
        self.renderers = renderers()
        self.on_sent = sent_hooks()
        self.linked = linked_kinds()

    def deliver_rows(self, ids: Sequence[int]) -> list[Delivered]:
        """Send these rows now, in order; what became of each. Safe from many threads at once."""
        if not ids:
            return []
        # A Delivery per request: it keeps per-pass state (links, outcomes) that is the request's own.
        delivery = Delivery(
            self.session_factory,
            self.sender,
            policy=self.policy,
            limiter=Unpaced(),
            renderers=self.renderers,
            on_sent=self.on_sent,
            linked=self.linked,
            elapsed=time.monotonic,
            direct_dms=True,
        )
        try:
            return delivery.deliver_rows(ids, self.clock())
        except Exception:  # the rows stay leased to the request; the scheduler sends them after it
            log.exception("delivering outbox rows %s after the ack failed", list(ids))
            reason = "not delivered after the ack; the scheduler's delivery sends it"
            return [Delivered(row_id, "", OutboxStatus.SENDING, reason=reason) for row_id in ids]
