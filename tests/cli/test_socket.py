"""`perfbot socket` waits for a Slack it cannot reach, and stops in one line when Slack refuses its token."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

from bot.sandbox.slack import FakeSlack
from tests.cli.helpers import perfbot_command, perfbot_environment, run_perfbot, unreachable_slack
from tests.cli.test_failures import TOKENS, one_line


def test_socket_mode_with_a_refused_app_token(tmp_path: Path) -> None:
    with FakeSlack() as fake:
        fake.fail("apps.connections.open", "invalid_auth", times=5)
        settings = {**TOKENS, "SLACK_APP_TOKEN": "xapp-1-revoked", "SLACK_API_URL": fake.url}
        line = one_line(run_perfbot(["socket"], tmp_path, settings), 3)
    assert line.startswith("perfbot: Slack refused SLACK_APP_TOKEN for Socket Mode (apps.connections.open)")


def test_socket_mode_waits_for_an_unreachable_slack_instead_of_dying(tmp_path: Path) -> None:
    environment = perfbot_environment(
        tmp_path, **TOKENS, SLACK_APP_TOKEN="xapp-1-test", SLACK_API_URL=unreachable_slack()
    )
    process = subprocess.Popen(
        perfbot_command("socket"), cwd=tmp_path, env=environment, stderr=subprocess.PIPE, text=True
    )
    try:
        time.sleep(4)
        assert process.poll() is None
    finally:
        process.terminate()
        _out, err = process.communicate(timeout=20)
    assert "for Socket Mode (URLError); trying again in" in err and "Traceback" not in err
