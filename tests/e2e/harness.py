"""Driving the served app as Slack does: signed HTTP requests to /slack/events.

    with FakeSlack() as fake, serve_wsgi(make_wsgi_app(app)) as base_url:
        slack = SignedSlackClient(base_url, SIGNING_SECRET, fake=fake)
        assert slack.command("/praise", "<@U2|bob> thanks!", "U1").status == 200
        [reply] = fake.wait_for("response_url")

Payloads follow the shapes Slack really sends (slash-command form fields; `payload=<json>` for
interactivity; `event_callback` envelopes for events). With `fake=` given, trigger_ids are issued by
the fake (so it enforces their 3-second, single-use life), response_urls point at the fake, and user
names come from its registry.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import threading
import time
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from email.message import Message
from socketserver import ThreadingMixIn
from typing import TYPE_CHECKING, Any
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import ProxyHandler, Request, build_opener
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer

from slack_sdk.signature import SignatureVerifier

from bot.sandbox.slack import FakeSlack
from bot.sandbox.slack.payloads import action_entry, complete_view, find_element, slack_ts

if TYPE_CHECKING:
    from wsgiref.types import WSGIApplication

EVENTS_PATH = "/slack/events"
VERIFICATION_TOKEN = "fake-verification-token"
FORM = "application/x-www-form-urlencoded"
_opener = build_opener(ProxyHandler({}))  # never through a proxy to 127.0.0.1


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve_wsgi(wsgi_app: WSGIApplication) -> Iterator[str]:
    """Serve a WSGI app on 127.0.0.1 and a free port, a thread per request; yields the base URL."""
    server = _ThreadingWSGIServer(("127.0.0.1", 0), _QuietHandler)
    server.set_app(wsgi_app)
    # A short poll interval: shutdown() waits for the serving loop to notice.
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), name="wsgi-under-test", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@dataclasses.dataclass(frozen=True)
class HttpResponse:
    status: int
    headers: Message  # case-insensitive: headers["x-slack-no-retry"]
    body: str

    def json(self) -> Any:
        return json.loads(self.body)


class SignedSlackClient:
    """Posts to `{base_url}/slack/events` signed with the app's signing secret, as Slack does."""

    def __init__(
        self,
        base_url: str,
        signing_secret: str,
        team_id: str | None = None,
        *,
        fake: FakeSlack | None = None,
        team_domain: str = "fake",
        api_app_id: str | None = None,
        bot_user_id: str | None = None,
        timestamp: int | str | None = None,
        sign_with: str | None = None,
        timeout: float = 10.0,
    ) -> None:
        self.url = base_url.rstrip("/") + EVENTS_PATH
        self.signing_secret = signing_secret
        self.team_id = team_id or (fake.team_id if fake else "T001")
        self.team_domain = team_domain
        self.fake = fake
        self.api_app_id = api_app_id or (fake.workspace.app_id if fake else "A0PERFBOT")
        self.bot_user_id = bot_user_id or (fake.bot_user_id if fake else "U0BOT")
        self.timestamp = timestamp  # fixed X-Slack-Request-Timestamp (stale or malformed), else now
        self.sign_with = sign_with  # a wrong secret to sign with, else the app's
        self.timeout = timeout

    def with_signing(
        self, *, timestamp: int | str | None = None, secret: str | None = None
    ) -> SignedSlackClient:
        """A copy that sends this timestamp and/or signs with this (wrong) secret."""
        clone = copy.copy(self)
        clone.timestamp, clone.sign_with = timestamp, secret
        return clone

    # -- HTTP -----------------------------------------------------------------------------------

    def raw(self, body: bytes, headers: Mapping[str, str]) -> HttpResponse:
        """POST exactly this body and these headers: nothing signed, nothing added."""
        request = Request(self.url, data=body, headers=dict(headers), method="POST")
        try:
            with _opener.open(request, timeout=self.timeout) as response:
                return HttpResponse(response.status, response.headers, response.read().decode())
        except HTTPError as exc:
            with exc:
                return HttpResponse(exc.code, exc.headers, exc.read().decode())

    def signed_headers(self, body: bytes, content_type: str) -> dict[str, str]:
        timestamp = str(self.timestamp if self.timestamp is not None else int(time.time()))
        verifier = SignatureVerifier(self.sign_with or self.signing_secret)
        signature = verifier.generate_signature(timestamp=timestamp, body=body) or ""
        return {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": timestamp,
            "X-Slack-Signature": signature,
        }

    def post_form(self, fields: Mapping[str, str], headers: Mapping[str, str] | None = None) -> HttpResponse:
        body = urlencode(fields).encode()
        return self.raw(body, {**self.signed_headers(body, FORM), **(headers or {})})

    def post_json(self, payload: Mapping[str, Any], headers: Mapping[str, str] | None = None) -> HttpResponse:
        body = json.dumps(payload).encode()
        return self.raw(body, {**self.signed_headers(body, "application/json"), **(headers or {})})

    def interaction(self, payload: Mapping[str, Any]) -> HttpResponse:
        """An interactivity request: form field `payload` holding the JSON."""
        return self.post_form({"payload": json.dumps(payload)})

    # -- what Slack says about people and places ---------------------------------------------------

    def _user(self, user_id: str) -> dict[str, str]:
        known = self.fake.user(user_id) if self.fake else None
        handle = known.name.lower().replace(" ", ".") if known else user_id.lower()
        return {"id": user_id, "username": handle, "name": handle, "team_id": self.team_id}

    def _team(self) -> dict[str, str]:
        return {"id": self.team_id, "domain": self.team_domain}

    def _channel(self, channel_id: str) -> dict[str, str]:
        known = self.fake.channel(channel_id) if self.fake else None
        if known:
            name = known.name
        elif channel_id.startswith("D"):
            name = "directmessage"
        else:
            name = "privategroup" if channel_id.startswith("G") else channel_id.lower()
        return {"id": channel_id, "name": name}

    def _trigger_id(self) -> str:
        if self.fake:
            return self.fake.issue_trigger_id()
        return f"{int(time.time())}.{uuid.uuid4().int % 10**12}.{uuid.uuid4().hex}"

    def _response_url(self, kind: str) -> str:
        if self.fake:
            return self.fake.response_url()
        return f"https://hooks.slack.com/{kind}/{self.team_id}/{uuid.uuid4().int % 10**12}/{uuid.uuid4().hex}"

    def _interactive_base(self, kind: str, user_id: str, trigger_id: str | None) -> dict[str, Any]:
        return {
            "type": kind,
            "token": VERIFICATION_TOKEN,
            "team": self._team(),
            "user": self._user(user_id),
            "api_app_id": self.api_app_id,
            "trigger_id": trigger_id or self._trigger_id(),
            "is_enterprise_install": False,
            "enterprise": None,
        }

    def complete_view(
        self, view: Mapping[str, Any], state_values: Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        """The view as Slack echoes it back: what the app sent plus id, hash and `state.values`."""
        bot_id = self.fake.workspace.bot_id if self.fake else "B0BOT"
        return complete_view(view, state_values, team_id=self.team_id, app_id=self.api_app_id, bot_id=bot_id)

    # -- what users do ------------------------------------------------------------------------------

    def command(
        self,
        command: str,
        text: str,
        user_id: str,
        channel_id: str = "C_GENERAL",
        trigger_id: str | None = None,
        response_url: str | None = None,
    ) -> HttpResponse:
        """A slash command, form-encoded with the fields Slack sends."""
        return self.post_form(
            {
                "token": VERIFICATION_TOKEN,
                "team_id": self.team_id,
                "team_domain": self.team_domain,
                "channel_id": channel_id,
                "channel_name": self._channel(channel_id)["name"],
                "user_id": user_id,
                "user_name": self._user(user_id)["username"],
                "command": command,
                "text": text,
                "api_app_id": self.api_app_id,
                "is_enterprise_install": "false",
                "response_url": response_url or self._response_url("commands"),
                "trigger_id": trigger_id or self._trigger_id(),
            }
        )

    def shortcut(self, callback_id: str, user_id: str, trigger_id: str | None = None) -> HttpResponse:
        """A global shortcut (from the shortcuts menu or search)."""
        payload = self._interactive_base("shortcut", user_id, trigger_id)
        payload.update(callback_id=callback_id, action_ts=slack_ts())
        return self.interaction(payload)

    def message_shortcut(
        self,
        callback_id: str,
        user_id: str,
        channel_id: str,
        message: Mapping[str, Any] | None = None,
        trigger_id: str | None = None,
    ) -> HttpResponse:
        """A message shortcut (`message_action`) on a message in `channel_id`."""
        message = dict(message or {"type": "message", "user": user_id, "text": "", "ts": slack_ts()})
        message.setdefault("ts", slack_ts())
        payload = self._interactive_base("message_action", user_id, trigger_id)
        payload.update(
            callback_id=callback_id,
            action_ts=slack_ts(),
            channel=self._channel(channel_id),
            message_ts=message["ts"],
            message=message,
            response_url=self._response_url("app"),
        )
        return self.interaction(payload)

    def block_action(
        self,
        action_id: str,
        user_id: str,
        value: Any = None,
        view: Mapping[str, Any] | None = None,
        channel_id: str | None = None,
        block_id: str | None = None,
        *,
        message: Mapping[str, Any] | None = None,
        action: Mapping[str, Any] | None = None,
        state_values: Mapping[str, Any] | None = None,
        trigger_id: str | None = None,
    ) -> HttpResponse:
        """A click or selection on an element in a view (modal, Home tab) or a message.

        The element is looked up by `action_id` in the view's or message's blocks for its block_id
        and type; `value` becomes `value` (buttons) or the selection (selects, pickers); `action`
        adds or overrides fields of the action object.
        """
        entry = action_entry(action_id, (view or message or {}).get("blocks"), value, block_id)
        entry.update(action or {})
        payload = self._interactive_base("block_actions", user_id, trigger_id)
        payload["actions"] = [entry]
        if view is not None:
            full = self.complete_view(view, state_values)
            payload.update(container={"type": "view", "view_id": full["id"]}, view=full)
        else:
            message = dict(
                message or {"type": "message", "user": self.bot_user_id, "text": "", "ts": slack_ts()}
            )
            message.setdefault("ts", slack_ts())
            channel_id = channel_id or "C_GENERAL"
            payload.update(
                container={
                    "type": "message",
                    "message_ts": message["ts"],
                    "channel_id": channel_id,
                    "is_ephemeral": False,
                },
                channel=self._channel(channel_id),
                message=message,
                state={"values": {}},
                response_url=self._response_url("actions"),
            )
        return self.interaction(payload)

    def view_submission(
        self,
        view: Mapping[str, Any],
        state_values: Mapping[str, Any],
        user_id: str,
        trigger_id: str | None = None,
    ) -> HttpResponse:
        """Submitting a modal: `view` as the app opened it, `state_values` as {block: {action: value}}.

        Values may be Slack's own state objects, or plain values shaped by the element's type
        ("text" for inputs, an option value for selects, a user id for users_select, …).
        """
        payload = self._interactive_base("view_submission", user_id, trigger_id)
        payload.update(view=self.complete_view(view, state_values), response_urls=[])
        return self.interaction(payload)

    def block_suggestion(
        self,
        action_id: str,
        user_id: str,
        value: str,
        view: Mapping[str, Any],
        state_values: Mapping[str, Any] | None = None,
        block_id: str | None = None,
    ) -> HttpResponse:
        """Typing into an external_select in a modal: Slack asks the app for options matching `value`.

        The answer is `{"options": [...]}` (or `option_groups`) in the HTTP response; `view` is the
        modal as the app opened it, echoed back with `state_values` as its current state.
        """
        found_block_id, _ = find_element(view.get("blocks"), action_id)
        full = self.complete_view(view, state_values)
        payload = self._interactive_base("block_suggestion", user_id, None)
        payload.pop("trigger_id")
        payload.update(
            action_id=action_id,
            block_id=block_id or found_block_id or "",
            value=value,
            container={"type": "view", "view_id": full["id"]},
            view=full,
        )
        return self.interaction(payload)

    def view_closed(self, view: Mapping[str, Any], user_id: str) -> HttpResponse:
        """Closing a modal opened with notify_on_close."""
        payload = self._interactive_base("view_closed", user_id, None)
        payload.pop("trigger_id")
        payload.update(view=self.complete_view(view), is_cleared=False)
        return self.interaction(payload)

    def event(
        self,
        event: Mapping[str, Any],
        event_id: str | None = None,
        retry_num: int | None = None,
        retry_reason: str | None = None,
    ) -> HttpResponse:
        """An Events API delivery (`event_callback`); retries carry X-Slack-Retry-Num/-Reason."""
        now = time.time()
        envelope = {
            "token": VERIFICATION_TOKEN,
            "team_id": self.team_id,
            "context_team_id": self.team_id,
            "api_app_id": self.api_app_id,
            "event": {"event_ts": f"{now:.6f}", **event},
            "type": "event_callback",
            "event_id": event_id or f"Ev{uuid.uuid4().hex[:10].upper()}",
            "event_time": int(now),
            "authorizations": [
                {
                    "enterprise_id": None,
                    "team_id": self.team_id,
                    "user_id": self.bot_user_id,
                    "is_bot": True,
                    "is_enterprise_install": False,
                }
            ],
            "is_ext_shared_channel": False,
            "event_context": f"4-{uuid.uuid4().hex}",
        }
        headers = {}
        if retry_num is not None:
            headers["X-Slack-Retry-Num"] = str(retry_num)
            headers["X-Slack-Retry-Reason"] = retry_reason or "http_timeout"
        return self.post_json(envelope, headers)

    def url_verification(self, challenge: str = "challenge-token") -> HttpResponse:
        return self.post_json(
            {"token": VERIFICATION_TOKEN, "challenge": challenge, "type": "url_verification"}
        )
