"""The HTTP entry: every Slack request at POST /slack/events; GET /healthz (the process and the
database answer) for load balancers and GET /readyz (and was Slack reachable) for monitoring."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

from handlers.kit.acks import ACKS

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

    from sqlalchemy import Engine

    from bot.health import Health
    from bot.settings import Settings

EVENTS_PATH = "/slack/events"


STATUS_LINES = {200: "200 OK", 503: "503 Service Unavailable"}


def _plain(
    start_response: StartResponse, status: str, body: bytes, content_type: str = "text/plain; charset=utf-8"
) -> list[bytes]:
    start_response(status, [("Content-Type", content_type), ("Content-Length", str(len(body)))])
    return [body]


def make_wsgi_app(app: App, health: Health | None = None) -> WSGIApplication:
    """Without `health`, /healthz only says the process answers and /readyz is not served."""
    slack = SlackRequestHandler(app, path=EVENTS_PATH)

    def application(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        method = environ.get("REQUEST_METHOD", "GET")
        if path == "/healthz" and method in ("GET", "HEAD"):
            status, body = health.live() if health else (200, b"ok")
            return _plain(start_response, STATUS_LINES[status], body)
        if path == "/readyz" and method in ("GET", "HEAD") and health is not None:
            status, body = health.ready()
            return _plain(start_response, STATUS_LINES[status], body, "application/json")
        if path == EVENTS_PATH and method == "POST":
            # Bolt turns a non-numeric timestamp into a 500; a malformed request is unauthorised.
            timestamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP", "")
            if not timestamp.isdigit() or not environ.get("HTTP_X_SLACK_SIGNATURE"):
                return _plain(start_response, "401 Unauthorized", b"invalid request")
            with ACKS.request():  # work after earlier acks waits for this one (handlers.kit.acks)
                return slack(environ, start_response)
        return _plain(start_response, "404 Not Found", b"not found")

    return application


def gunicorn_app() -> WSGIApplication:
    """Factory for gunicorn (`bot.wsgi:gunicorn_app()`): builds everything from the environment."""
    from bot.runtime import build_runtime
    from bot.settings import load_settings

    settings = load_settings(required=("slack_bot_token", "slack_signing_secret"))
    return served_app(settings, build_runtime(settings).engine)


def served_app(settings: Settings, engine: Engine) -> WSGIApplication:
    """The WSGI app a server process runs, with its health checks; it asks Slack who the bot is in
    the background, so it serves at once whether Slack answers or not."""
    from bot.app import bot_identity, build_app
    from bot.health import Health
    from models.db import make_session_factory

    identity = bot_identity(settings)
    app = build_app(settings, make_session_factory(engine), identity=identity)
    identity.learn_in_background()
    return make_wsgi_app(app, Health(engine, identity))
