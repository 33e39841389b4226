"""The command line's help, the package description and the manifest say what perfbot does today."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot.cli import main

ROOT = Path(__file__).resolve().parents[2]
TODAY = ("praise", "goal", "check-in", "review", "appeal", "remind", "nudge", "digest")


def help_of(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit) as exit_:
        main([*argv, "--help"])
    assert exit_.value.code == 0
    return " ".join(capsys.readouterr().out.split())


def test_scheduler_help_names_todays_jobs_and_its_exit_statuses(capsys: pytest.CaptureFixture[str]) -> None:
    text = help_of(capsys, "scheduler")
    for job in ("welcome DMs", "nudges", "recognition digest", "goal reminders"):
        assert job in text
    assert "later issues" not in text
    assert "working hours N, rate limit N, Slack unreachable N" in text
    assert "3 Slack could not be reached or refused SLACK_BOT_TOKEN" in text


def test_outbox_help_shows_its_command_is_optional(capsys: pytest.CaptureFixture[str]) -> None:
    text = help_of(capsys, "outbox")
    assert text.startswith("usage: perfbot outbox [-h] [--limit LIMIT] [COMMAND] ...")
    assert "Without a command: list" in text


def test_the_package_and_manifest_descriptions_list_what_exists() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    described = re.search(r'^description = "([^"]+)"', pyproject, re.MULTILINE)
    assert described is not None
    for feature in ("praise", "goals", "check-ins", "reviews", "appeals", "reminders"):
        assert feature in described[1]
    manifest = yaml.safe_load((ROOT / "manifest.yml").read_text(encoding="utf-8"))
    long_description = manifest["display_information"]["long_description"].lower()
    for feature in TODAY:
        assert feature in long_description, feature
