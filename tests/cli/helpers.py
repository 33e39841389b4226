"""Running `perfbot` as an operator does: a separate process, its own environment, its exit status."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

SETTINGS = (
    "SLACK_BOT_TOKEN",
    "SLACK_SIGNING_SECRET",
    "SLACK_APP_TOKEN",
    "SLACK_API_URL",
    "DATABASE_URL",
    "LOG_LEVEL",
    "LISTENER_THREADS",
)


def perfbot_environment(cwd: Path, **settings: str) -> dict[str, str]:
    """The test's environment without any perfbot setting, plus the given ones."""
    environment = {k: v for k, v in os.environ.items() if k not in SETTINGS}
    environment.setdefault("DATABASE_URL", f"sqlite:///{cwd / 'perfbot.db'}")
    environment.update(settings)
    return environment


def perfbot_command(*argv: str) -> list[str]:
    return [sys.executable, "-m", "bot.cli", *argv]


def run_perfbot(
    argv: Sequence[str], cwd: Path, settings: Mapping[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        perfbot_command(*argv),
        cwd=cwd,
        env=perfbot_environment(cwd, **dict(settings or {})),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def closed_port() -> int:
    """A local port nothing listens on (bound and released: connections to it are refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def unreachable_slack() -> str:
    return f"http://127.0.0.1:{closed_port()}/api/"


def said(stderr: str) -> list[str]:
    """What the command itself said on stderr (its lines start with "perfbot:"), as opposed to log
    records (timestamped, some with continuation lines), which come before it."""
    lines = stderr.splitlines()
    own = [line for line in lines if line.startswith("perfbot:")]
    assert not own or lines[-1] == own[-1], "the command's own line is its last word"
    return own
