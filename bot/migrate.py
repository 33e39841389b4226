"""Bringing a database to the newest schema with Alembic, configured in code.

Every process may start at once (the Procfile's release, web, worker and clock do), so the
upgrade runs under a lock: on SQLite an exclusive lock on a file beside the database, on
PostgreSQL a transaction-level advisory lock. Whoever comes second waits, then finds the
schema current and has nothing to do.
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, text

import migrations
from scheduler.locks import lock_key

MIGRATIONS_DIR = Path(migrations.__file__).parent


def alembic_config(database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    config = alembic_config(engine.url.render_as_string(hide_password=False))
    with sqlite_file_lock(engine), engine.begin() as connection:
        _advisory_lock(connection)
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def _advisory_lock(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        # Per schema, like the clock's lock; held until the upgrade's transaction ends.
        schema = connection.execute(text("SELECT current_schema()")).scalar_one()
        key = lock_key(f"perfbot:migrate:{schema}")
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


@contextmanager
def sqlite_file_lock(engine: Engine) -> Iterator[None]:
    """An exclusive lock on `<database>.migrate.lock` while the block runs (SQLite files only).

    SQLite's own locking does not cover Alembic's check-then-create: two processes both see
    no schema, and the second one's CREATE TABLE fails."""
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if not database or database == ":memory:" or database.startswith("file:"):
        yield
        return
    lock_path = Path(database).with_name(Path(database).name + ".migrate.lock")
    with lock_path.open("a") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)  # waits for the process migrating now
        try:
            yield
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)
