"""The servers the ack bench measures (`perfbot serve` running perfbot or the bare app) and their CPU."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bot.sandbox.slack import FakeSlack

REPO_ROOT = Path(__file__).resolve().parent.parent
ACK_DEADLINE = 3.0  # seconds: Slack shows the user an error after this
GOAL_RATIO = 2.0  # perfbot's p99 may be at most this many times the bare app's
SIGNING_SECRET = "bench-signing-secret"
BOT_TOKEN = "xoxb-bench-token"
CHANNEL_ID = "C0PRAISE"  # the recognition channel every praise is posted in
COMPANY_VALUES = ["ownership", "craft", "kindness"]
BENIGN_WARNING = "`token` will be unused"  # Bolt, when given a client (both apps are)
CLIENT_TIMEOUT = 15.0  # a request not answered by then counts as an error (and over 3 s)
START_TIMEOUT = 60.0
DELIVERY_TIMEOUT = 60.0
APPS = ("bare", "perfbot")


# -- requests, built ahead and fired together ------------------------------------------------------


@dataclass
class Server:
    app: str
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    def log_problems(self) -> Counter[str]:
        """WARNING and ERROR lines in the server's log, but for Bolt's notice that `token` is unused."""
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return Counter(
            level
            for line in text.splitlines()
            for level in ("WARNING", "ERROR")
            if f" {level} " in line and BENIGN_WARNING not in line
        )

    def cpu_seconds(self) -> float:
        """CPU time (user + system) used so far by the gunicorn master and its workers; 0 without /proc."""
        ticks = 0
        for pid in [self.process.pid, *_children(self.process.pid)]:
            fields = _proc_stat(pid)
            if fields:
                ticks += int(fields[11]) + int(fields[12])  # utime, stime
        return ticks / os.sysconf("SC_CLK_TCK") if ticks else 0.0


def _proc_stat(pid: int) -> list[str]:
    """/proc/PID/stat from field 3 (state) on; empty if the process is gone or there is no /proc."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return []


def _children(parent: int) -> list[int]:
    proc = Path("/proc")
    if not proc.is_dir():
        return []
    pids = (int(entry.name) for entry in proc.iterdir() if entry.name.isdigit())
    return [pid for pid in pids if (fields := _proc_stat(pid)) and int(fields[1]) == parent]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_env(fake: FakeSlack, database_url: str, listener_threads: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_URL"))}
    env.update(
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=fake.url,
        DATABASE_URL=database_url,
        LISTENER_THREADS=str(listener_threads),
        LOG_LEVEL="INFO",
        PYTHONUNBUFFERED="1",
    )
    return env


@contextmanager
def serving(app: str, env: Mapping[str, str], workdir: Path, workers: int, threads: int) -> Iterator[Server]:
    port = free_port()
    log = workdir / f"{app}.log"
    command = [sys.executable, "-m", "bench.bare_app", app, "--port", str(port)]
    command += ["--workers", str(workers), "--threads", str(threads)]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, cwd=REPO_ROOT, env=dict(env), stdout=out, stderr=subprocess.STDOUT
        )
    server = Server(app, port, process, log)
    try:
        yield server
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_ready(servers: Sequence[Server], fake: FakeSlack, workers: int) -> None:
    """Every server answers /healthz and every worker has loaded its app (one auth.test each)."""
    deadline = time.monotonic() + START_TIMEOUT
    pending = list(servers)
    while pending:
        server = pending[0]
        if server.process.poll() is not None:
            raise RuntimeError(
                f"{server.app} server exited:\n{server.log.read_text(errors='replace')[-3000:]}"
            )
        try:
            connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                pending.pop(0)
            connection.close()
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{server.app} server did not start within {START_TIMEOUT:.0f}s")
        time.sleep(0.1)
    fake.wait_for("auth.test", count=workers * len(servers), timeout=max(1.0, deadline - time.monotonic()))
