"""What an operator reads when a command cannot go on: one line saying what is wrong and what to
do, and an exit status. The traceback is for LOG_LEVEL=DEBUG only.

Exit statuses: 2 the settings (or a file given) are unusable, 3 the database or Slack cannot be
used right now, 1 anything else.
"""

from __future__ import annotations

import http.client
import logging
import os
import sys
import traceback
from dataclasses import dataclass

from sqlalchemy import exc as db_errors
from sqlalchemy.engine import URL, make_url

from bot.logs import SECRET_PATTERN
from bot.settings import SettingsError
from bot.slack_status import REJECTED_TOKEN_ERRORS

SETTINGS_STATUS = 2
UNAVAILABLE_STATUS = 3
OTHER_STATUS = 1


class Unavailable(Exception):
    """The database or Slack cannot be used now; the message says which, why, and what to do."""


@dataclass(frozen=True)
class Failure:
    line: str
    status: int


def database_failure(error: BaseException, database_url: str) -> Unavailable:
    """A refused, missing or unopenable database, named by host and database, never by password."""
    url = make_url(database_url)
    where = _where(url)
    detail = str(getattr(error, "orig", None) or error)
    lowered = detail.lower()
    if url.get_backend_name() == "sqlite":
        return Unavailable(
            f"cannot open the SQLite database {url.database} ({detail.splitlines()[0]}); "
            "check that its folder exists and is writable, or set DATABASE_URL"
        )
    if "does not exist" in lowered and "database" in lowered:
        return Unavailable(
            f"the database {url.database} does not exist on {where}; "
            f"create it (createdb {url.database}) or correct DATABASE_URL"
        )
    if "connection refused" in lowered:
        return Unavailable(
            f"cannot connect to the database server at {where} (connection refused); "
            "is PostgreSQL running there? Check DATABASE_URL"
        )
    if "password authentication failed" in lowered or "no password supplied" in lowered:
        return Unavailable(
            f"the database server at {where} refused user {url.username}; "
            "check the user and password in DATABASE_URL"
        )
    if "translate host name" in lowered or "name or service not known" in lowered:
        return Unavailable(f"cannot find the database host {url.host}; check DATABASE_URL")
    first = next((line for line in detail.splitlines() if line.strip()), type(error).__name__)
    return Unavailable(f"cannot use the database at {where}: {first.strip()}; check DATABASE_URL")


def _where(url: URL) -> str:
    return f"{url.host or 'localhost'}:{url.port or 5432}"


def slack_failure(error: BaseException, api_url: str, doing: str) -> Unavailable:
    """Slack unreachable or refusing the token, for a command that cannot go on without it."""
    from slack_sdk.errors import SlackApiError

    if isinstance(error, SlackApiError):
        code = str(error.response.get("error") or f"HTTP {error.response.status_code}")
        if code in REJECTED_TOKEN_ERRORS:
            setting = "SLACK_APP_TOKEN" if "Socket Mode" in doing else "SLACK_BOT_TOKEN"
            return Unavailable(
                f"Slack refused {setting} for {doing} ({code}); "
                "set it to the token from the Slack app's settings (reinstall the app if it was revoked)"
            )
        return Unavailable(f"Slack refused {doing} ({code})")
    return Unavailable(
        f"could not reach Slack at {api_url} for {doing} ({type(error).__name__}); "
        "check the network and SLACK_API_URL, then try again"
    )


def explain(error: BaseException) -> Failure:
    if isinstance(error, SettingsError):
        return Failure(str(error), SETTINGS_STATUS)
    if isinstance(error, Unavailable):
        return Failure(str(error), UNAVAILABLE_STATUS)
    if isinstance(error, db_errors.OperationalError | db_errors.InterfaceError):
        first = str(error.orig).splitlines()[0] if error.orig else type(error).__name__
        return Failure(f"the database stopped answering ({first}); try again", UNAVAILABLE_STATUS)
    if isinstance(error, OSError | http.client.HTTPException):
        return Failure(f"{type(error).__name__}: {error}", UNAVAILABLE_STATUS)
    return Failure(
        f"unexpected {type(error).__name__}: {error} (LOG_LEVEL=DEBUG shows the traceback)", OTHER_STATUS
    )


def report(error: BaseException) -> int:
    """Print the one line (secrets redacted); the traceback too at LOG_LEVEL=DEBUG. The exit status."""
    failure = explain(error)
    line = SECRET_PATTERN.sub("[redacted]", failure.line.replace("\n", " "))
    if debugging():
        trace = "".join(traceback.format_exception(error))
        print(SECRET_PATTERN.sub("[redacted]", trace), file=sys.stderr, end="")
    print(f"perfbot: {line}", file=sys.stderr)
    return failure.status


def debugging() -> bool:
    configured = logging.getLogger().isEnabledFor(logging.DEBUG)  # LOG_LEVEL, from .env too
    return configured or os.environ.get("LOG_LEVEL", "").upper() == "DEBUG"
