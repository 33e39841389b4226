"""The sandbox's web server: the page, its static files, and the app's own HTTP entry beside them.

GET  /                 the page (?as=U… who you are, &in=C…|D…|home where you are)
GET  /sandbox/changes  a number that grows when something on the page may have changed
POST /sandbox/act      what a person did (see bot.sandbox.actions)
GET  /static/…         sandbox.js and sandbox.css
POST /slack/events, GET /healthz   the app, exactly as `perfbot serve` serves it
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from datetime import datetime
from importlib.resources import files
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

from bot.sandbox.actions import ActionError, PageActions
from bot.sandbox.blocks import environment
from bot.sandbox.slack import FakeSlack
from bot.sandbox.view_model import HOME, PageModel

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

log = logging.getLogger(__name__)

# No inline script or style may run: everything the page does comes from /static.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
STATIC_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}
MAX_ACTION_BYTES = 1_000_000
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost"})


def _respond(start_response: StartResponse, status: str, body: bytes, content_type: str) -> list[bytes]:
    start_response(
        status,
        [
            ("Content-Type", content_type),
            ("Content-Length", str(len(body))),
            ("Content-Security-Policy", CSP),
            ("X-Content-Type-Options", "nosniff"),
            ("Cache-Control", "no-store"),
            ("Referrer-Policy", "no-referrer"),
        ],
    )
    return [body]


def _json(start_response: StartResponse, status: str, value: Any) -> list[bytes]:
    return _respond(start_response, status, json.dumps(value).encode(), "application/json")


def same_origin(environ: WSGIEnvironment) -> bool:
    """A request from the page itself: JSON (another site's plain form or no-cors fetch cannot send
    it without asking first), from this origin, to a loopback host name (no DNS rebinding)."""
    if environ.get("CONTENT_TYPE", "").split(";")[0].strip() != "application/json":
        return False
    host = environ.get("HTTP_HOST", "")
    if host.rsplit(":", 1)[0] not in LOOPBACK_NAMES:
        return False
    origin = environ.get("HTTP_ORIGIN")
    return origin is None or origin == f"http://{host}"


class SandboxPage:
    def __init__(
        self,
        slack: FakeSlack,
        actions: PageActions,
        app: WSGIApplication,
        clock: Callable[[], datetime],
    ) -> None:
        self.slack, self.actions, self.app, self.clock = slack, actions, app, clock

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        method = environ.get("REQUEST_METHOD", "GET")
        if path in ("/slack/events", "/healthz"):
            return self.app(environ, start_response)
        if path == "/" and method in ("GET", "HEAD"):
            return self.page(environ, start_response)
        if path == "/sandbox/changes" and method == "GET":
            return _json(start_response, "200 OK", {"changes": self.slack.changes})
        if path == "/sandbox/act" and method == "POST":
            return self.act(environ, start_response)
        if path == "/favicon.ico":
            return _respond(start_response, "204 No Content", b"", "text/plain")
        if path.startswith("/static/") and method in ("GET", "HEAD"):
            return self.static(path.removeprefix("/static/"), start_response)
        return _respond(start_response, "404 Not Found", b"not found", "text/plain; charset=utf-8")

    def page(self, environ: WSGIEnvironment, start_response: StartResponse) -> list[bytes]:
        query = {k: v[-1] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
        people = sorted(
            (u for u in self.slack.users() if not u.is_bot and not u.deleted),
            key=lambda u: u.name,
        )
        viewer = self.slack.user(query.get("as", "")) or (people[0] if people else None)
        if viewer is None:
            return _respond(start_response, "503 Service Unavailable", b"no people yet", "text/plain")
        where = query.get("in") or HOME
        model = PageModel(self.slack, viewer, where, self.clock())
        html = environment().get_template("page.html").render(m=model, HOME=HOME)
        return _respond(start_response, "200 OK", html.encode(), "text/html; charset=utf-8")

    def act(self, environ: WSGIEnvironment, start_response: StartResponse) -> list[bytes]:
        if not same_origin(environ):
            return _json(start_response, "403 Forbidden", {"error": "only the sandbox page may act"})
        length = int(environ.get("CONTENT_LENGTH") or 0)
        if length > MAX_ACTION_BYTES:
            return _json(start_response, "413 Payload Too Large", {"error": "too large"})
        try:
            action = json.loads(environ["wsgi.input"].read(length) or b"{}")
            if not isinstance(action, dict):
                raise ActionError("an action is a JSON object")
            result = self.actions.perform(action)
        except (ActionError, json.JSONDecodeError) as error:
            return _json(start_response, "400 Bad Request", {"error": str(error)})
        return _json(start_response, "200 OK", result)

    def static(self, name: str, start_response: StartResponse) -> list[bytes]:
        suffix = name[name.rfind(".") :] if "." in name else ""
        resource = files("bot.sandbox").joinpath("static", name)
        if "/" in name or suffix not in STATIC_TYPES or not resource.is_file():
            return _respond(start_response, "404 Not Found", b"not found", "text/plain; charset=utf-8")
        return _respond(start_response, "200 OK", resource.read_bytes(), STATIC_TYPES[suffix])
