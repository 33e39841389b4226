"""manifest.yml declares everything the app registers, and registers nothing it does not declare.

The registrations are read from the built Bolt App's listeners (their matchers), so a listener
added anywhere is seen however it was written."""

from __future__ import annotations

import inspect
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml
from slack_bolt import App

from bot.app import build_app
from bot.settings import Settings
from models.db import make_engine, make_session_factory

MANIFEST = Path(__file__).resolve().parents[1] / "manifest.yml"
EVENTS_URL = "https://YOUR-HOST/slack/events"
# Bot events and the scopes Slack requires to subscribe to them.
EVENT_SCOPES = {"team_join": {"users:read"}, "user_change": {"users:read"}, "app_home_opened": set()}


def manifest() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    return loaded


def registrations(app: App) -> dict[str, set[str]]:
    """What each listener matches on, by kind: command, shortcut, message_shortcut, options, event …"""
    found: dict[str, set[str]] = defaultdict(set)
    for listener in app._listeners:
        for matcher in listener.matchers:
            func = getattr(matcher, "func", None)
            if func is None:
                continue
            kind = func.__qualname__.split(".")[0]
            values = inspect.getclosurevars(func).nonlocals
            for name in ("command", "callback_id", "event_type", "constraints"):
                if name in values and isinstance(values[name], str):
                    found[kind].add(
                        str(values[name].value if hasattr(values[name], "value") else values[name])
                    )
    return found


def built_app() -> App:
    settings = Settings(
        slack_bot_token="xoxb-1", slack_signing_secret="s", slack_api_url="http://127.0.0.1:9/api/"
    )
    return build_app(settings, make_session_factory(make_engine("sqlite://")))


def test_the_registration_reader_sees_the_listeners() -> None:
    found = registrations(built_app())
    assert {"command", "event", "shortcut", "message_shortcut", "options", "action"} <= set(found)


def test_every_slash_command_is_declared_and_every_declared_one_is_handled() -> None:
    declared = {entry["command"] for entry in manifest()["features"]["slash_commands"]}
    assert registrations(built_app())["command"] == declared


def test_every_shortcut_is_declared_with_its_type() -> None:
    declared = {(e["type"], e["callback_id"]) for e in manifest()["features"]["shortcuts"]}
    found = registrations(built_app())
    registered = {("global", c) for c in found["shortcut"]} | {
        ("message", c) for c in found["message_shortcut"]
    }
    assert registered == declared


def test_every_bot_event_is_subscribed_with_its_scopes() -> None:
    settings = manifest()["settings"]
    declared = set(settings["event_subscriptions"]["bot_events"])
    assert registrations(built_app())["event"] == declared
    scopes = set(manifest()["oauth_config"]["scopes"]["bot"])
    for event in declared:
        assert EVENT_SCOPES[event] <= scopes, event


def test_external_selects_have_an_options_load_url_in_http_mode() -> None:
    found = registrations(built_app())
    assert found["options"], "no external select registered: then the options URL is not needed"
    interactivity = manifest()["settings"]["interactivity"]
    assert interactivity["is_enabled"] is True
    assert interactivity["request_url"] == EVENTS_URL
    assert interactivity["message_menu_options_url"] == EVENTS_URL


def test_every_slash_command_and_subscription_points_at_the_events_url() -> None:
    data = manifest()
    assert {entry["url"] for entry in data["features"]["slash_commands"]} == {EVENTS_URL}
    assert data["settings"]["event_subscriptions"]["request_url"] == EVENTS_URL
    assert data["features"]["app_home"]["home_tab_enabled"] is True  # app_home_opened publishes Home


def test_perf_help_and_the_readme_name_every_declared_slash_command_and_shortcut() -> None:
    from handlers.perf.views import perf_help
    from models.i18n import Translator

    data = manifest()
    readme = " ".join((MANIFEST.parent / "README.md").read_text(encoding="utf-8").split())
    for language in ("en", "zh_CN"):
        text = perf_help(Translator(language))
        for entry in data["features"]["slash_commands"]:
            assert f"`{entry['command']}" in text, (language, entry["command"])
    english = perf_help(Translator("en"))
    for entry in data["features"]["slash_commands"]:
        assert f"`{entry['command']}" in readme, entry["command"]
    for shortcut in data["features"]["shortcuts"]:
        assert f"*{shortcut['name']}*" in english and f"**{shortcut['name']}**" in readme, shortcut["name"]
