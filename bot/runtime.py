"""Building the long-lived pieces a process needs from its settings."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler
from sqlalchemy import Engine, make_url
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from bot.failures import database_failure
from bot.logs import configure_logging
from bot.migrate import upgrade
from bot.settings import Settings, SettingsError
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


def build_runtime(settings: Settings, *, migrate_sqlite: bool = False, probe: bool = True) -> Runtime:
    """`probe=False` for a server's workers: a database that is away then is for /healthz to report,
    not a reason to die (the server checked it once, before starting them)."""
    configure_logging(settings.log_level)
    engine = open_database(settings.database_url, probe=probe)
    if migrate_sqlite and engine.dialect.name == "sqlite":
        # The embedded default should just work; PostgreSQL is migrated by the release step.
        logging.getLogger(__name__).info("bringing the SQLite database up to date")
        upgrade(engine)
    return Runtime(settings=settings, engine=engine, session_factory=make_session_factory(engine))


def open_database(database_url: str, *, probe: bool = True) -> Engine:
    """An engine on a database that answers, or Unavailable/SettingsError saying in one line why not."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        folder = Path(url.database).expanduser().absolute().parent
        if not url.database.startswith("file:") and not folder.is_dir():
            raise SettingsError(
                f"DATABASE_URL names an SQLite file in a folder that does not exist ({folder}); "
                "create the folder or set DATABASE_URL to another path"
            )
    try:
        engine = make_engine(database_url)
    except ImportError as error:  # a driver perfbot does not ship
        raise SettingsError(
            f"DATABASE_URL needs a database driver that is not installed ({error.name})"
        ) from None
    if not probe:
        return engine
    try:
        with engine.connect():
            pass
    except (OperationalError, InterfaceError) as error:
        engine.dispose()
        raise database_failure(error, database_url) from error
    return engine
