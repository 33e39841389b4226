"""Building the long-lived pieces a process needs from its settings."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.logs import configure_logging
from bot.migrate import upgrade
from bot.settings import Settings
from models.db import make_engine, make_session_factory


@dataclass
class Runtime:
    settings: Settings
    engine: Engine
    session_factory: sessionmaker[Session]


def web_client(settings: Settings) -> WebClient:
    """A Web API client on the configured base URL; it never sleeps on rate limits (callers defer)."""
    return WebClient(
        token=settings.secret("slack_bot_token"),
        base_url=settings.slack_api_url,
        timeout=10,
        retry_handlers=[ConnectionErrorRetryHandler(max_retry_count=1)],
    )


def delivery_client(settings: Settings) -> WebClient:
    """A Web API client without retry handlers, for delivering the outbox: delivery retries itself
    (with backoff, counted, recorded), and a client that slept on 429 or silently re-posted would
    break its accounting."""
    return WebClient(
        token=settings.secret("slack_bot_token"),
        base_url=settings.slack_api_url,
        timeout=10,
        retry_handlers=[],
    )


def build_runtime(settings: Settings, *, migrate_sqlite: bool = False) -> Runtime:
    configure_logging(settings.log_level)
    engine = make_engine(settings.database_url)
    if migrate_sqlite and engine.dialect.name == "sqlite":
        # The embedded default should just work; PostgreSQL is migrated by the release step.
        logging.getLogger(__name__).info("bringing the SQLite database up to date")
        upgrade(engine)
    return Runtime(settings=settings, engine=engine, session_factory=make_session_factory(engine))
