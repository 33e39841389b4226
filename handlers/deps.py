"""What the composition root hands the listeners when it wires them."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from handlers.kit.acks import ACKS, AckGate
from models.base import utcnow
from models.db import SessionFactory
from models.messaging import Delivered, DeliverRows, OutboxStatus

log = logging.getLogger(__name__)


def _no_home(client: Any, deps: Deps, context: Any) -> None:
    """Until `handlers.register` wires the App Home, a change has no Home to refresh."""


def _left_to_the_scheduler(ids: Sequence[int]) -> list[Delivered]:
    """Until the composition root wires delivery after the ack, the scheduler sends every row."""
    reason = "no delivery after the ack is wired; the scheduler's delivery sends it"
    return [Delivered(row_id, "", OutboxStatus.SENDING, reason=reason) for row_id in ids]


def _default_after_ack() -> Executor:
    return ThreadPoolExecutor(max_workers=8, thread_name_prefix="after-ack")


@dataclass(frozen=True)
class Deps:
    session_factory: SessionFactory
    clock: Callable[[], datetime] = field(default=utcnow)
    # Work that follows an ack (posting messages) runs here, so it never holds one of Bolt's
    # listener threads that the next request needs for its own 3-second ack.
    after_ack: Executor = field(default_factory=_default_after_ack)
    # Publishes a person's App Home again after a change (`handlers.register` wires it).
    publish_home: Callable[[Any, Deps, Any], None] = _no_home
    # Sends the outbox rows a request wrote, right after its ack, and says what became of each
    # (`scheduler.request_delivery`, wired by the composition root). Call it after the ack only.
    deliver_rows: DeliverRows = _left_to_the_scheduler
    # Requests of this process still waiting for their ack go first (see handlers.kit.acks).
    acks: AckGate = ACKS

    def run_after_ack(self, work: Callable[..., Any], *args: Any, **kwargs: Any) -> Future[Any]:
        def logged() -> Any:
            self.acks.wait_for_acks()
            try:
                return work(*args, **kwargs)
            except Exception:
                log.exception("work after the ack failed: %s", getattr(work, "__name__", work))
                raise

        return self.after_ack.submit(logged)
