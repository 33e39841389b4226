"""Settings from the environment. Each command asks only for what it needs."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from pathlib import Path

from dotenv import dotenv_values
from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = f"sqlite:///{Path.cwd() / 'perfbot.db'}"
SLACK_API_URL = "https://slack.com/api/"
SUPPORTED_DATABASES = ("sqlite", "postgresql")


class SettingsError(Exception):
    """A setting a command needs is missing or malformed; the message names it and never its value."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    slack_bot_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    database_url: str = DEFAULT_DATABASE_URL
    slack_api_url: str = SLACK_API_URL
    log_level: str = "INFO"
    listener_threads: int = Field(default=32, ge=1, le=512)
    # Sent outbox rows are kept this many days (for `perfbot outbox` and support), then removed.
    outbox_retention_days: int = Field(default=30, ge=1, le=3650)

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        level = value.upper()
        if level not in logging.getLevelNamesMapping():
            raise ValueError("one of DEBUG, INFO, WARNING, ERROR")
        return level

    @field_validator("slack_api_url")
    @classmethod
    def _api_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("an http(s) URL")
        return value if value.endswith("/") else value + "/"

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str) -> str:
        if "://" not in value:
            raise ValueError("a SQLAlchemy URL such as sqlite:///perfbot.db or postgresql+psycopg://…")
        if value.startswith(("postgres://", "postgresql://")):
            # Hosting platforms hand out bare postgres:// URLs; use the driver we ship.
            value = "postgresql+psycopg://" + value.split("://", 1)[1]
        dialect = value.split("://", 1)[0].split("+", 1)[0]
        if dialect not in SUPPORTED_DATABASES:
            raise ValueError(
                "an SQLite or PostgreSQL URL (sqlite:///perfbot.db, postgresql://…); "
                f"{dialect} is not supported"
            )
        return value

    @field_validator("slack_bot_token")
    @classmethod
    def _bot_token(cls, value: SecretStr | None) -> SecretStr | None:
        return _token(value, "xoxb-", "a bot token starting with xoxb-")

    @field_validator("slack_app_token")
    @classmethod
    def _app_token(cls, value: SecretStr | None) -> SecretStr | None:
        return _token(value, "xapp-", "an app-level token starting with xapp-")

    @field_validator("slack_signing_secret")
    @classmethod
    def _signing_secret(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not _plain_ascii(value.get_secret_value()):
            raise ValueError("the Signing Secret from the app's Basic Information page")
        return value

    def require(self, *names: str) -> None:
        missing = [name for name in names if getattr(self, name) is None or not _secret(getattr(self, name))]
        if missing:
            raise SettingsError(_missing_line([name.upper() for name in missing]))

    def secret(self, name: str) -> str:
        self.require(name)
        return _secret(getattr(self, name))


def _plain_ascii(value: str) -> bool:
    return value.isascii() and value.isprintable() and not any(c.isspace() for c in value)


def _token(value: SecretStr | None, prefix: str, expected: str) -> SecretStr | None:
    if value is None:
        return None
    token = value.get_secret_value()
    if not token.startswith(prefix):
        raise ValueError(expected)
    if not _plain_ascii(token) or "..." in token:
        # The README's `xoxb-…` (a non-ASCII ellipsis) would otherwise fail deep in an HTTP header.
        raise ValueError(f"{expected}, copied from the Slack app's settings; {prefix}… is a placeholder")
    return value


def _missing_line(names: list[str]) -> str:
    if len(names) == 1:
        return f"{names[0]} is not set; it is needed for this command"
    return f"{', '.join(names)} are not set; they are needed for this command"


def _secret(value: object) -> str:
    return value.get_secret_value() if isinstance(value, SecretStr) else str(value or "")


def load_settings(required: Iterable[str] = ()) -> Settings:
    """The settings, or one SettingsError naming every malformed and every missing one at once."""
    required = tuple(required)
    try:
        settings = Settings()
    except ValidationError as error:
        problems: list[str] = []
        malformed: set[str] = set()
        for each in error.errors():
            name = str(each["loc"][0]) if each["loc"] else "settings"
            malformed.add(name)
            # Only the field name and what was expected: the offending value may be a secret.
            expected = each["msg"].removeprefix("Value error, ")
            problems.append(f"{name.upper()} is malformed: expected {expected}")
        missing = [name.upper() for name in required if name not in malformed and not _from_environment(name)]
        if missing:
            problems.append(_missing_line(missing))
        raise SettingsError("; ".join(problems)) from None
    settings.require(*required)
    return settings


def _from_environment(name: str) -> bool:
    """Whether a setting is given at all (environment or .env), for the report of a failed load."""
    if os.environ.get(name.upper()):
        return True
    try:
        return bool(dotenv_values(".env").get(name.upper()))
    except OSError:
        return False
