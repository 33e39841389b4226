"""The HTTP entry: every Slack request at POST /slack/events, GET /healthz for load balancers."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

from handlers.kit.acks import ACKS

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

EVENTS_PATH = "/slack/events"


def _plain(start_response: StartResponse, status: str, body: bytes) -> list[bytes]:
    start_response(
        status, [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))]
    )
    return [body]


def make_wsgi_app(app: App) -> WSGIApplication:
    slack = SlackRequestHandler(app, path=EVENTS_PATH)

    def application(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        method = environ.get("REQUEST_METHOD", "GET")
        if path == "/healthz" and method in ("GET", "HEAD"):
            return _plain(start_response, "200 OK", b"ok")
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
    from bot.app import build_app
    from bot.runtime import build_runtime
    from bot.settings import load_settings

    settings = load_settings(required=("slack_bot_token", "slack_signing_secret"))
    runtime = build_runtime(settings)
    return make_wsgi_app(build_app(settings, runtime.session_factory))
