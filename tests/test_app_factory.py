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


def test_building_the_app_asks_slack_nothing_and_the_bot_learns_its_ids_when_asked() -> None:
    from bot.app import bot_identity

    sessions = make_session_factory(make_engine("sqlite://"))
    with FakeSlack() as fake:
        settings = Settings(slack_bot_token="xoxb-1", slack_signing_secret="s", slack_api_url=fake.url)
        identity = bot_identity(settings)
        build_app(settings, sessions, identity=identity)
        assert fake.calls() == []
        before = identity.authorize(None, "T001", "U1")
        assert (before.bot_token, before.bot_user_id) == ("xoxb-1", None)
        assert identity.check().state == "reachable"
        after = identity.authorize(None, "T001", "U1")
        assert (after.bot_user_id, after.bot_id) == (fake.bot_user_id, "B0BOT")
