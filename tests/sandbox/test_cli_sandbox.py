"""`perfbot sandbox` as a person starts it: a process that prints its address, serves the page, and
stops cleanly on Ctrl-C, leaving no process behind and its port free."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.request import ProxyHandler, build_opener

import pytest

ADDRESS = re.compile(r"running at (http://127\.0\.0\.1:(\d+)/)")
START_TIMEOUT = 60.0


def test_perfbot_sandbox_starts_serves_the_page_and_stops_cleanly(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    # Settings the sandbox must never read: were they used, this token would be refused as malformed.
    env.update(SLACK_BOT_TOKEN="not-a-token", SLACK_API_URL="https://slack.com/api/")
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'elsewhere.db'}"
    with (tmp_path / "stderr.log").open("w") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "sandbox", "--port", "0"],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            start_new_session=True,  # its own process group, to prove nothing of it outlives it
        )
        try:
            url, port = _wait_for_address(process)
            opener = build_opener(ProxyHandler({}))
            with opener.open(url + "?as=U0ANA&in=C0KUDOS", timeout=10) as response:
                page = response.read().decode()
                assert response.status == 200
                assert "script-src 'self'" in response.headers["Content-Security-Policy"]
            assert "# kudos" in page and "Ana Souza" in page
            process.send_signal(signal.SIGINT)
            assert process.wait(timeout=20) == 0
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
    log = (tmp_path / "stderr.log").read_text()
    assert "Traceback" not in log, log
    assert (tmp_path / "sandbox.db").is_file() and not (tmp_path / "elsewhere.db").exists()
    try:
        os.killpg(process.pid, 0)
    except ProcessLookupError:
        pass
    else:
        raise AssertionError("a process of the sandbox's group is still running")
    with socket.socket() as probe:
        # Nothing listens any more: a new server may take the port (connections the sandbox closed
        # linger in TIME_WAIT, which SO_REUSEADDR, as every server sets it, lets through).
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind(("127.0.0.1", port))
        probe.listen()
    with socket.socket() as client, pytest.raises(ConnectionRefusedError):
        client.connect(("127.0.0.1", port))


def _wait_for_address(process: subprocess.Popen[str]) -> tuple[str, int]:
    assert process.stdout is not None
    deadline = time.monotonic() + START_TIMEOUT
    seen = []
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            raise AssertionError(
                f"perfbot sandbox exited ({process.poll()}) before printing its address: {seen}"
            )
        seen.append(line)
        found = ADDRESS.search(line)
        if found:
            return found.group(1), int(found.group(2))
    raise AssertionError(f"no address printed within {START_TIMEOUT}s: {seen}")


def test_a_port_in_use_is_named_before_anything_starts(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "bot.cli", "sandbox", "--port", str(port)],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 2
    assert f"port {port} on 127.0.0.1 is in use; choose another with --port" in done.stderr
    assert not (tmp_path / "sandbox.db").exists()
