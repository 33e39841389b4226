"""A clock that can be moved forward: the one clock the sandbox hands the app and the scheduler."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime, timedelta

from models.base import utcnow


class ShiftableClock:
    """Real time plus an offset that only grows; call it like `utcnow`."""

    def __init__(self, source: Callable[[], datetime] = utcnow) -> None:
        self._source = source
        self._offset = timedelta(0)
        self._lock = threading.Lock()

    def __call__(self) -> datetime:
        with self._lock:
            return self._source() + self._offset

    @property
    def offset(self) -> timedelta:
        with self._lock:
            return self._offset

    def advance(self, by: timedelta) -> datetime:
        if by < timedelta(0):
            raise ValueError("the clock only moves forward")
        with self._lock:
            self._offset += by
            return self._source() + self._offset

    def advance_to(self, when: datetime) -> datetime:
        """Move to `when` if it is ahead; a time already past leaves the clock where it is."""
        with self._lock:
            now = self._source() + self._offset
            if when > now:
                self._offset += when - now
            return max(when, now)
