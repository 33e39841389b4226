"""Shared fixtures: a real database per test, on SQLite always and on PostgreSQL when configured.

Set TEST_DATABASE_URL (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test) to run every
database test on PostgreSQL as well; without it those runs are skipped with that reason.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine, event, text
from sqlalchemy.orm import Session, sessionmaker

from models.db import make_engine
from models.entities import Base

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL")


@contextmanager
def postgres_schema(url: str) -> Iterator[Engine]:
    """An engine whose connections see only a new schema of their own, dropped afterwards.

    Each test gets its own schema so concurrent test runs on one server never collide.
    """
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = make_engine(url, pool_size=1, max_overflow=0)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = make_engine(
        url, pool_size=5, max_overflow=20, connect_args={"options": f"-c search_path={schema}"}
    )
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A fresh, empty schema on a real database (a file for SQLite, so threads share it)."""
    if request.param == "postgres":
        if not POSTGRES_URL:
            pytest.skip("TEST_DATABASE_URL is not set: PostgreSQL runs are skipped")
        with postgres_schema(POSTGRES_URL) as engine:
            Base.metadata.create_all(engine)
            yield engine
        return
    engine = make_engine(f"sqlite:///{tmp_path / 'perfbot.db'}")
    Base.metadata.create_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


@pytest.fixture
def session(session_factory: sessionmaker[Session]) -> Iterator[Session]:
    with session_factory() as session:
        yield session
        session.rollback()


@pytest.fixture
def cli_database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    """An SQLite file for the command line, brought up to date by a first command as an operator's
    would be; run from an empty directory, with no Slack setting read from the environment."""
    from bot.cli import main

    url = f"sqlite:///{tmp_path / 'perfbot.db'}"
    monkeypatch.chdir(tmp_path)
    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "SLACK_API_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("LOG_LEVEL", "WARNING")
    assert main(["cycle", "list", "--team", "T001"]) == 1  # migrates; no workspace yet
    return url


class StatementCounter:
    """Counts SQL statements sent to the database while active."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.count = 0
        self.statements: list[str] = []

    def _on_execute(self, *args: object) -> None:
        self.count += 1
        self.statements.append(str(args[2]))

    def __enter__(self) -> StatementCounter:
        event.listen(self.engine, "before_cursor_execute", self._on_execute)
        return self

    def __exit__(self, *exc: object) -> None:
        event.remove(self.engine, "before_cursor_execute", self._on_execute)


@pytest.fixture
def count_statements(engine: Engine) -> type[StatementCounter]:
    return StatementCounter
