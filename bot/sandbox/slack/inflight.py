"""Calls kept on the wire: what a Slack call looks like while it is in flight.

`FakeSlack.wire.hold("chat.postMessage", 30)` keeps the next such call in flight for 30 s before
Slack takes it. A caller that hangs up meanwhile (its process killed) never reached Slack: the call
is not answered or recorded, only counted in `dropped`. The crash tests kill `perfbot serve` with
a post in flight this way.
"""

from __future__ import annotations

import threading
from collections import deque

from bot.sandbox.slack.transport import Incoming


def _method(incoming: Incoming) -> str:
    return incoming.path.removeprefix("/api/")


class Wire:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._holds: dict[str, deque[float]] = {}
        self._arrived: list[str] = []  # methods of held calls that arrived
        self._dropped: list[str] = []  # methods of held calls whose caller hung up first

    def hold(self, method: str, seconds: float, times: int = 1) -> None:
        """The next `times` calls of `method` stay in flight for `seconds` before Slack takes them."""
        with self._lock:
            self._holds.setdefault(method, deque()).extend([seconds] * times)

    def in_flight(self, method: str) -> int:
        """How many held calls of `method` have arrived (taken by Slack since, or dropped)."""
        with self._lock:
            return self._arrived.count(method)

    def dropped(self, method: str) -> int:
        with self._lock:
            return self._dropped.count(method)

    def hold_for(self, incoming: Incoming) -> float:
        """Seconds to keep this call in flight (0: answer at once)."""
        with self._lock:
            held = self._holds.get(_method(incoming))
            if not held:
                return 0.0
            self._arrived.append(_method(incoming))
            return held.popleft()

    def drop(self, incoming: Incoming) -> None:
        with self._lock:
            self._dropped.append(_method(incoming))
