"""Settings: each command asks for what it needs, in one clear line, and never shows a secret."""

from __future__ import annotations

import logging

import pytest

from bot.cli import main
from bot.logs import RedactSecrets

SECRET_TOKEN = "xoxb-1234-abcdefSECRET"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "SLACK_API_URL", "LOG_LEVEL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'perfbot.db'}")
    monkeypatch.chdir(tmp_path)  # no stray .env file


@pytest.mark.parametrize(
    ("command", "environment", "message"),
    [
        (["serve"], {}, "SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET are not set"),
        (["serve"], {"SLACK_BOT_TOKEN": SECRET_TOKEN}, "SLACK_SIGNING_SECRET is not set"),
        (["socket"], {"SLACK_BOT_TOKEN": SECRET_TOKEN}, "SLACK_APP_TOKEN is not set"),
        (
            ["socket"],
            {"SLACK_BOT_TOKEN": SECRET_TOKEN, "SLACK_APP_TOKEN": "xoxb-wrong-kind"},
            "SLACK_APP_TOKEN is malformed: expected an app-level token starting with xapp-",
        ),
        (["serve"], {"SLACK_BOT_TOKEN": "secret-but-wrong"}, "SLACK_BOT_TOKEN is malformed"),
        (["db", "upgrade"], {"DATABASE_URL": "not a url"}, "DATABASE_URL is malformed"),
        (["db", "upgrade"], {"LOG_LEVEL": "LOUD"}, "LOG_LEVEL is malformed"),
        (
            ["serve"],
            {"SLACK_BOT_TOKEN": SECRET_TOKEN, "SLACK_SIGNING_SECRET": "s", "SLACK_API_URL": "ftp://x"},
            "SLACK_API_URL is malformed",
        ),
    ],
)
def test_a_missing_or_malformed_setting_stops_with_one_line_naming_it(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
    environment: dict[str, str],
    message: str,
) -> None:
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert main(command) == 2
    out, err = capsys.readouterr()
    assert err.count("\n") == 1 and message in err
    for secret in (SECRET_TOKEN, "secret-but-wrong", "xoxb-wrong-kind"):
        assert secret not in out + err


def test_db_upgrade_needs_no_slack_settings(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "upgrade"]) == 0
    assert "newest schema" in capsys.readouterr().out


def test_tokens_are_redacted_from_log_records() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "calling with %s", (SECRET_TOKEN,), None)
    RedactSecrets().filter(record)
    assert SECRET_TOKEN not in record.getMessage() and "[redacted]" in record.getMessage()
