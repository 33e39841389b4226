"""Only one clock at a time: a PostgreSQL advisory lock, or a file lock next to an SQLite database.

The lock keeps the clock's work from being done twice for nothing; correctness does not hang
on it. If two clocks ever ran at once (a network partition hid the lock holder's death), the
outbox's dedupe keys would still write each message once and SKIP LOCKED would still send it once.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
from pathlib import Path
from typing import IO, Protocol

from sqlalchemy import Connection, Engine, text

log = logging.getLogger(__name__)


class ClockAlreadyRunning(Exception):
    """Another scheduler holds the lock, and this database cannot have a standby."""


class ClockLock(Protocol):
    def acquire(self) -> bool:
        """Try once, without waiting; True when the lock is ours."""
        ...

    def healthy(self) -> bool:
        """Whether we still hold it (for PostgreSQL: whether the holding connection is alive)."""
        ...

    def release(self) -> None: ...

    def describe(self) -> str: ...


def lock_key(name: str) -> int:
    """A stable signed 64-bit advisory lock key for a name."""
    return int.from_bytes(hashlib.blake2b(name.encode(), digest_size=8).digest(), "big", signed=True)


class PostgresClockLock:
    """A session-level advisory lock held on a dedicated connection for the clock's lifetime.

    The key includes the schema, so perfbot installations sharing a database in different
    schemas (and parallel test runs) do not block each other.
    """

    def __init__(self, engine: Engine, name: str = "perfbot.clock") -> None:
        self.engine = engine
        self.name = name
        self._connection: Connection | None = None
        self._key: int | None = None
        self._held = False

    def acquire(self) -> bool:
        if self._held:
            return True
        if self._connection is None:
            # Autocommit: the lock belongs to the session, so no transaction needs to stay open.
            self._connection = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
            schema = self._connection.execute(text("SELECT current_schema()")).scalar_one()
            self._key = lock_key(f"{self.name}:{schema}")
        self._held = bool(
            self._connection.execute(
                text("SELECT pg_try_advisory_lock(:key)"), {"key": self._key}
            ).scalar_one()
        )
        return self._held

    def healthy(self) -> bool:
        if not self._held or self._connection is None:
            return False
        try:
            self._connection.execute(text("SELECT 1"))
        except Exception:  # the connection died, and the lock with it
            log.exception("the connection holding the clock lock is gone")
            return False
        return True

    def release(self) -> None:
        if self._connection is None:
            return
        try:
            if self._held:
                self._connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": self._key})
        except Exception:  # the connection is gone, and the server dropped the lock with it
            log.info("the clock lock's connection was already closed")
        finally:
            self._held = False
            self._connection.close()
            self._connection = None

    def describe(self) -> str:
        return f"PostgreSQL advisory lock {self.name}"


class FileClockLock:
    """An exclusive flock on a file next to the SQLite database; the OS drops it when the process dies."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file: IO[str] | None = None

    def acquire(self) -> bool:
        if self._file is not None:
            return True
        handle = self.path.open("a+")
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            return False
        self._file = handle
        return True

    def healthy(self) -> bool:
        return self._file is not None

    def release(self) -> None:
        if self._file is not None:
            fcntl.flock(self._file.fileno(), fcntl.LOCK_UN)
            self._file.close()
            self._file = None

    def describe(self) -> str:
        return f"lock file {self.path}"


class ProcessLocalLock:
    """For an in-memory SQLite database, which no other process can see anyway."""

    def acquire(self) -> bool:
        return True

    def healthy(self) -> bool:
        return True

    def release(self) -> None:
        pass

    def describe(self) -> str:
        return "no lock (in-memory database)"


def clock_lock_for(engine: Engine) -> ClockLock:
    if engine.dialect.name == "postgresql":
        return PostgresClockLock(engine)
    database = engine.url.database
    if not database or database == ":memory:" or database.startswith("file::memory:"):
        return ProcessLocalLock()
    return FileClockLock(Path(database).with_name(Path(database).name + ".clock.lock"))
