"""Settings from the environment. Each command asks only for what it needs."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = f"sqlite:///{Path.cwd() / 'perfbot.db'}"
SLACK_API_URL = "https://slack.com/api/"


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
        return value

    @field_validator("slack_bot_token")
    @classmethod
    def _bot_token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not value.get_secret_value().startswith("xoxb-"):
            raise ValueError("a bot token starting with xoxb-")
        return value

    @field_validator("slack_app_token")
    @classmethod
    def _app_token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not value.get_secret_value().startswith("xapp-"):
            raise ValueError("an app-level token starting with xapp-")
        return value

    def require(self, *names: str) -> None:
        for name in names:
            if getattr(self, name) is None or not _secret(getattr(self, name)):
                raise SettingsError(f"{name.upper()} is not set; it is needed for this command")

    def secret(self, name: str) -> str:
        self.require(name)
        return _secret(getattr(self, name))


def _secret(value: object) -> str:
    return value.get_secret_value() if isinstance(value, SecretStr) else str(value or "")


def load_settings(required: Iterable[str] = ()) -> Settings:
    try:
        settings = Settings()
    except ValidationError as error:
        first = error.errors()[0]
        name = str(first["loc"][0]).upper() if first["loc"] else "settings"
        # Only the field name and what was expected: the offending value may be a secret.
        raise SettingsError(
            f"{name} is malformed: expected {first['msg'].removeprefix('Value error, ')}"
        ) from None
    settings.require(*required)
    return settings
