"""Acks first: work after an ack waits while requests in this process still wait for theirs.

A worker serves many requests on threads that share one interpreter lock. Under a burst, the
messages an earlier request posts after its ack (Block Kit, HTTP, a commit: several times the
CPU of the ack itself) would compete with later requests that have not been acknowledged yet,
and Slack gives those 3 seconds. The HTTP entry counts the requests in flight; work after an
ack starts once none is, or after `MAX_WAIT` at the latest, so a steady stream of requests
only delays it, never starves it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

MAX_WAIT = 1.0  # seconds work after an ack may be held back for requests still waiting


class AckGate:
    def __init__(self) -> None:
        self._waiting = 0
        self._idle = threading.Condition()

    @property
    def waiting(self) -> int:
        return self._waiting

    @contextmanager
    def request(self) -> Iterator[None]:
        """Around one request, from its arrival until its response (the ack) is returned."""
        with self._idle:
            self._waiting += 1
        try:
            yield
        finally:
            with self._idle:
                self._waiting -= 1
                if self._waiting == 0:
                    self._idle.notify_all()

    def wait_for_acks(self, timeout: float = MAX_WAIT) -> bool:
        """Block until no request is waiting for its ack (True) or `timeout` has passed (False)."""
        with self._idle:
            return self._idle.wait_for(lambda: self._waiting == 0, timeout)


# One per process: the HTTP entry and the listeners' after-ack work share it.
ACKS = AckGate()
