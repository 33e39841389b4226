"""`perfbot serve` boots and answers /healthz while Slack cannot be reached, and says so in /readyz."""

from __future__ import annotations

import json
import signal
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bot.sandbox.slack import FakeSlack
from tests.cli.helpers import closed_port, perfbot_command, perfbot_environment, unreachable_slack

BOOT_TIMEOUT = 45.0


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


class Served:
    def __init__(self, process: subprocess.Popen[str], base_url: str, log: Path) -> None:
        self.process, self.base_url, self.log = process, base_url, log

    def wait_healthy(self) -> tuple[int, bytes]:
        deadline = time.monotonic() + BOOT_TIMEOUT
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"perfbot serve exited:\n{self.log.read_text()[-3000:]}"
            try:
                return get(f"{self.base_url}/healthz")
            except OSError:
                time.sleep(0.2)
        raise AssertionError(
            f"no answer from /healthz in {BOOT_TIMEOUT:.0f}s:\n{self.log.read_text()[-3000:]}"
        )


@contextmanager
def serve(tmp_path: Path, api_url: str) -> Iterator[Served]:
    port = closed_port()
    log = tmp_path / "serve.log"
    environment = perfbot_environment(
        tmp_path,
        SLACK_BOT_TOKEN="xoxb-1-serve",
        SLACK_SIGNING_SECRET="0123456789abcdef",
        SLACK_API_URL=api_url,
    )
    with log.open("w") as output:
        process = subprocess.Popen(
            perfbot_command("serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"),
            cwd=tmp_path,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            text=True,
        )
    try:
        yield Served(process, f"http://127.0.0.1:{port}", log)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def served_without_slack(tmp_path: Path) -> Iterator[Served]:
    with serve(tmp_path, unreachable_slack()) as served:
        yield served


def test_serve_boots_and_answers_healthz_with_slack_unreachable(served_without_slack: Served) -> None:
    assert served_without_slack.wait_healthy() == (200, b"ok")
    status, body = get(f"{served_without_slack.base_url}/readyz")
    ready = json.loads(body)
    assert status == 503
    assert (ready["database"], ready["slack"]) == ("ok", "unreachable")
    assert ready["slack_checked_at"] and "no answer from Slack" in ready["slack_detail"]
    log = served_without_slack.log.read_text()
    assert "Worker failed to boot" not in log and "Traceback" not in log
    assert "token` will be unused" not in log


def test_readyz_says_slack_is_reachable_once_it_answered(tmp_path: Path) -> None:
    with FakeSlack() as fake, serve(tmp_path, fake.url) as served:
        assert served.wait_healthy() == (200, b"ok")
        status, body = get(f"{served.base_url}/readyz")
        assert status == 200
        assert json.loads(body)["slack"] == "reachable"
        assert "will be unused" not in served.log.read_text()
