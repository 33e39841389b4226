"""/healthz is about the process and the database; /readyz adds whether Slack answered last time."""

from __future__ import annotations

import json
from pathlib import Path

from bot.app import bot_identity
from bot.health import Health
from bot.sandbox.slack import FakeSlack
from bot.settings import Settings
from models.db import make_engine
from tests.cli.helpers import closed_port


def test_ready_reports_slack_reachable_and_asks_again_only_when_the_answer_is_old(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'perfbot.db'}")
    with FakeSlack() as fake:
        identity = bot_identity(Settings(slack_bot_token="xoxb-1", slack_api_url=fake.url))
        health = Health(engine, identity)
        assert health.live() == (200, b"ok")
        status, body = health.ready()
        assert status == 200 and json.loads(body)["slack"] == "reachable"
        health.ready()
        assert len(fake.calls("auth.test")) == 1  # a minute-old answer is good enough


def test_a_rejected_token_makes_ready_fail_but_not_live(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'perfbot.db'}")
    with FakeSlack() as fake:
        fake.fail("auth.test", "invalid_auth")
        health = Health(engine, bot_identity(Settings(slack_bot_token="xoxb-1", slack_api_url=fake.url)))
        status, body = health.ready()
    assert status == 503
    assert json.loads(body) | {"slack_checked_at": None} == {
        "database": "ok",
        "slack": "token rejected",
        "slack_checked_at": None,
        "slack_detail": "invalid_auth",
    }
    assert health.live() == (200, b"ok")


def test_a_database_that_does_not_answer_fails_live() -> None:
    engine = make_engine(f"postgresql+psycopg://perfbot@127.0.0.1:{closed_port()}/perfbot")
    identity = bot_identity(Settings(slack_bot_token="xoxb-1", slack_api_url="http://127.0.0.1:9/api/"))
    assert Health(engine, identity).live() == (503, b"database unavailable")
    engine.dispose()
