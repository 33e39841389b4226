"""The app factory: Socket Mode needs no signing secret; HTTP mode cannot run without one."""

import pytest

from bot.app import build_app
from bot.sandbox.slack import FakeSlack
from bot.settings import Settings, SettingsError
from models.db import make_engine, make_session_factory


def test_socket_mode_builds_without_a_signing_secret_and_http_mode_refuses() -> None:
    sessions = make_session_factory(make_engine("sqlite://"))
    with FakeSlack() as fake:
        settings = Settings(
            slack_bot_token="xoxb-1",
            slack_app_token="xapp-1",
            slack_signing_secret=None,
            slack_api_url=fake.url,
        )
        assert build_app(settings, sessions, socket_mode=True).client.base_url == fake.url
        with pytest.raises(SettingsError, match="SLACK_SIGNING_SECRET"):
            build_app(settings, sessions)
