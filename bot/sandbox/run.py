"""`perfbot sandbox`: the real app, the Slack stand-in, the scheduler and the page, in one process.

Everything listens on 127.0.0.1. The app is built by the same factory and served through the same
WSGI entry as `perfbot serve`; the page turns what a person does into signed requests to it.
"""

from __future__ import annotations

import logging
import secrets
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer

from pydantic import SecretStr
from sqlalchemy import Engine

from bot.app import build_app
from bot.cli_org import SlackDirectory
from bot.runtime import build_runtime, delivery_client
from bot.sandbox.actions import PageActions
from bot.sandbox.clock import ShiftableClock
from bot.sandbox.page import SandboxPage
from bot.sandbox.requests import SlackRequests
from bot.sandbox.seed import fill_slack, seed_demo
from bot.sandbox.slack import FakeSlack
from bot.settings import Settings
from bot.wsgi import make_wsgi_app
from models.db import SessionFactory
from models.messaging import next_due_at
from scheduler.clock import Clock, run_once
from scheduler.delivery import Delivery
from scheduler.slack_sender import SlackSender

log = logging.getLogger(__name__)

HOST = "127.0.0.1"
TEAM_ID = "T0SANDBOX"
STEPS = {"hour": timedelta(hours=1), "day": timedelta(days=1)}


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass  # the page polls every second; an access log would drown everything else


def sandbox_settings(database: Path, api_url: str) -> Settings:
    """Settings made here, never read from the environment: no SLACK_* token is ever used."""
    return Settings.model_construct(
        slack_bot_token=SecretStr("xoxb-sandbox"),
        slack_signing_secret=SecretStr(secrets.token_hex(16)),
        slack_app_token=None,
        database_url=f"sqlite:///{database.resolve()}",
        slack_api_url=api_url,
        log_level="INFO",
        listener_threads=16,
    )


def reset_database(database: Path) -> None:
    for suffix in ("", "-wal", "-shm", ".clock.lock"):
        database.with_name(database.name + suffix).unlink(missing_ok=True)


@dataclass
class Sandbox:
    url: str
    server: _ThreadingWSGIServer
    slack: FakeSlack
    clock_runner: Clock
    threads: list[threading.Thread]
    session_factory: SessionFactory
    engine: Engine

    def stop(self) -> None:
        self.clock_runner.stop()
        self.server.shutdown()
        self.server.server_close()
        for thread in self.threads:
            thread.join(timeout=10)
        self.slack.stop()
        self.engine.dispose()


class _SandboxClock(Clock):
    """The scheduler's clock, delivering in turn with the page's clock steps: a step moves time by
    hours, which would make the lease of a message being sent at that moment look expired, and the
    step's own delivery would send it a second time."""

    def __init__(self, *args: Any, moving: threading.Lock, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.moving = moving

    def deliver(self) -> None:
        with self.moving:
            super().deliver()


def start_sandbox(database: Path, port: int, *, reset: bool = False) -> Sandbox:
    server = _ThreadingWSGIServer((HOST, port), _QuietHandler)  # first: a port in use stops us here
    if reset:
        reset_database(database)
    clock = ShiftableClock()
    slack = FakeSlack(team_id=TEAM_ID, team_domain="perfbot-sandbox", strict_channels=True, host=HOST).start()
    slack.workspace.now = clock
    fill_slack(slack)
    settings = sandbox_settings(database, slack.url)
    runtime = build_runtime(settings, migrate_sqlite=True)
    if seed_demo(runtime.session_factory, TEAM_ID, SlackDirectory(settings).members(), clock()):
        log.info("seeded the demo organisation into %s", database)

    app = build_app(settings, runtime.session_factory, clock=clock)
    sender = SlackSender(delivery_client(settings))
    delivery = Delivery(runtime.session_factory, sender)
    moving = threading.Lock()
    clock_runner = _SandboxClock(runtime.engine, runtime.session_factory, delivery, now=clock, moving=moving)

    url = f"http://{HOST}:{server.server_port}/"
    slack.workspace.permalink_base = url
    requests = SlackRequests(url + "slack/events", settings.secret("slack_signing_secret"), slack)

    def step(kind: str) -> str:
        """Move the clock and run the sweeps and delivery at the new time, as the scheduler would."""
        with moving:
            return _step(kind)

    def _step(kind: str) -> str:
        if kind in STEPS:
            clock.advance(STEPS[kind])
        elif kind == "next":
            with runtime.session_factory() as session:
                due = next_due_at(session)
            if due is not None and due > clock():
                clock.advance_to(due)
            elif due is None:
                clock.advance(STEPS["day"])
        else:
            raise ValueError(f"unknown clock step {kind!r}")
        summary = run_once(runtime.session_factory, sender, clock(), delivery=delivery, clock=clock, linger=0)
        log.info("clock at %s: %s", clock().isoformat(timespec="minutes"), summary.line())
        return clock().isoformat(timespec="minutes")

    page = SandboxPage(slack, PageActions(slack, requests, step), make_wsgi_app(app), clock)
    server.set_app(page)
    threads = [
        threading.Thread(target=server.serve_forever, args=(0.2,), name="sandbox-page", daemon=True),
        threading.Thread(target=clock_runner.run, name="sandbox-clock", daemon=True),
    ]
    for thread in threads:
        thread.start()
    return Sandbox(url, server, slack, clock_runner, threads, runtime.session_factory, runtime.engine)


def run_sandbox(database: Path, port: int, *, reset: bool, announce: Callable[[str], None]) -> int:
    sandbox = start_sandbox(database, port, reset=reset)
    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    signal.signal(signal.SIGINT, lambda *_: stopped.set())
    announce(f"perfbot sandbox is running at {sandbox.url} (Ctrl-C stops it)")
    stopped.wait()
    sandbox.stop()
    return 0
