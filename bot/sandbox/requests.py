"""What Slack sends the app when a person acts, signed as Slack signs it and POSTed to /slack/events."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import ProxyHandler, Request, build_opener

from slack_sdk.signature import SignatureVerifier

from bot.sandbox.slack import FakeSlack
from bot.sandbox.slack.payloads import slack_ts
from bot.sandbox.slack.state import ResponseContext

FORM = "application/x-www-form-urlencoded"
VERIFICATION_TOKEN = "sandbox-verification-token"  # Slack's legacy token field; Bolt ignores it
_opener = build_opener(ProxyHandler({}))  # never through a proxy to 127.0.0.1


@dataclass(frozen=True)
class AppAnswer:
    status: int
    body: str

    def json(self) -> dict[str, Any]:
        try:
            decoded = json.loads(self.body) if self.body.strip() else {}
        except json.JSONDecodeError:
            return {}
        return decoded if isinstance(decoded, dict) else {}


class SlackRequests:
    """Builds Slack's payloads for what a person does and sends them to the app's HTTP entry."""

    def __init__(
        self, events_url: str, signing_secret: str, slack: FakeSlack, *, timeout: float = 10.0
    ) -> None:
        self.events_url = events_url
        self.verifier = SignatureVerifier(signing_secret)
        self.slack = slack
        self.timeout = timeout

    # -- HTTP ------------------------------------------------------------------------------------

    def _post(self, body: bytes, content_type: str) -> AppAnswer:
        timestamp = str(int(time.time()))
        headers = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": timestamp,
            "X-Slack-Signature": self.verifier.generate_signature(timestamp=timestamp, body=body) or "",
        }
        request = Request(self.events_url, data=body, headers=headers, method="POST")
        try:
            with _opener.open(request, timeout=self.timeout) as response:
                return AppAnswer(response.status, response.read().decode())
        except HTTPError as exc:
            with exc:
                return AppAnswer(exc.code, exc.read().decode())

    def _form(self, fields: Mapping[str, str]) -> AppAnswer:
        return self._post(urlencode(fields).encode(), FORM)

    def _interaction(self, payload: Mapping[str, Any]) -> AppAnswer:
        return self._form({"payload": json.dumps(payload)})

    # -- who and where ---------------------------------------------------------------------------

    def _user(self, user_id: str) -> dict[str, str]:
        known = self.slack.user(user_id)
        handle = known.name.lower().replace(" ", ".") if known else user_id.lower()
        return {"id": user_id, "username": handle, "name": handle, "team_id": self.slack.team_id}

    def _channel(self, channel_id: str) -> dict[str, str]:
        known = self.slack.channel(channel_id)
        return {"id": channel_id, "name": known.name if known else "directmessage"}

    def _base(self, kind: str, user_id: str, *, trigger: bool = True) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "type": kind,
            "token": VERIFICATION_TOKEN,
            "team": {"id": self.slack.team_id, "domain": self.slack.workspace.team_domain},
            "user": self._user(user_id),
            "api_app_id": self.slack.workspace.app_id,
            "is_enterprise_install": False,
            "enterprise": None,
        }
        if trigger:
            payload["trigger_id"] = self.slack.issue_trigger_id(user_id)
        return payload

    # -- what people do --------------------------------------------------------------------------

    def command(self, user_id: str, channel_id: str, command: str, text: str) -> AppAnswer:
        response_url = self.slack.response_url(where=ResponseContext(user_id, channel_id))
        return self._form(
            {
                "token": VERIFICATION_TOKEN,
                "team_id": self.slack.team_id,
                "team_domain": self.slack.workspace.team_domain,
                "channel_id": channel_id,
                "channel_name": self._channel(channel_id)["name"],
                "user_id": user_id,
                "user_name": self._user(user_id)["username"],
                "command": command,
                "text": text,
                "api_app_id": self.slack.workspace.app_id,
                "is_enterprise_install": "false",
                "response_url": response_url,
                "trigger_id": self.slack.issue_trigger_id(user_id),
            }
        )

    def shortcut(self, user_id: str, callback_id: str) -> AppAnswer:
        payload = self._base("shortcut", user_id)
        payload.update(callback_id=callback_id, action_ts=slack_ts())
        return self._interaction(payload)

    def message_shortcut(self, user_id: str, callback_id: str, channel_id: str, ts: str) -> AppAnswer:
        stored = self.slack.message(channel_id, ts)
        message = stored.to_slack() if stored else {"type": "message", "text": "", "ts": ts}
        payload = self._base("message_action", user_id)
        payload.update(
            callback_id=callback_id,
            action_ts=slack_ts(),
            channel=self._channel(channel_id),
            message_ts=ts,
            message=message,
            response_url=self.slack.response_url(where=ResponseContext(user_id, channel_id, ts)),
        )
        return self._interaction(payload)

    def message_action(
        self, user_id: str, action: dict[str, Any], channel_id: str, ts: str, *, ephemeral: bool
    ) -> AppAnswer:
        """A click or choice on an element of a message."""
        stored = self.slack.message(channel_id, ts)
        payload = self._base("block_actions", user_id)
        payload.update(
            actions=[action],
            container={
                "type": "message",
                "message_ts": ts,
                "channel_id": channel_id,
                "is_ephemeral": ephemeral,
            },
            channel=self._channel(channel_id),
            state={"values": {}},
            response_url=self.slack.response_url(where=ResponseContext(user_id, channel_id, ts)),
        )
        if stored is not None and not ephemeral:
            payload["message"] = stored.to_slack()
        return self._interaction(payload)

    def view_action(self, user_id: str, action: dict[str, Any], view: dict[str, Any]) -> AppAnswer:
        """A click or choice on an element of a modal or the Home tab."""
        payload = self._base("block_actions", user_id)
        payload.update(actions=[action], container={"type": "view", "view_id": view["id"]}, view=view)
        return self._interaction(payload)

    def view_submission(self, user_id: str, view: dict[str, Any]) -> AppAnswer:
        payload = self._base("view_submission", user_id)
        payload.update(view=view, response_urls=[])
        return self._interaction(payload)

    def view_closed(self, user_id: str, view: dict[str, Any]) -> AppAnswer:
        payload = self._base("view_closed", user_id, trigger=False)
        payload.update(view=view, is_cleared=False)
        return self._interaction(payload)

    def block_suggestion(
        self, user_id: str, view: dict[str, Any], block_id: str, action_id: str, value: str
    ) -> AppAnswer:
        payload = self._base("block_suggestion", user_id, trigger=False)
        payload.update(
            action_id=action_id,
            block_id=block_id,
            value=value,
            container={"type": "view", "view_id": view["id"]},
            view=view,
        )
        return self._interaction(payload)

    def event(self, event: Mapping[str, Any]) -> AppAnswer:
        now = time.time()
        envelope = {
            "token": VERIFICATION_TOKEN,
            "team_id": self.slack.team_id,
            "context_team_id": self.slack.team_id,
            "api_app_id": self.slack.workspace.app_id,
            "event": {"event_ts": f"{now:.6f}", **event},
            "type": "event_callback",
            "event_id": f"Ev{uuid.uuid4().hex[:10].upper()}",
            "event_time": int(now),
            "authorizations": [
                {
                    "enterprise_id": None,
                    "team_id": self.slack.team_id,
                    "user_id": self.slack.bot_user_id,
                    "is_bot": True,
                    "is_enterprise_install": False,
                }
            ],
        }
        return self._post(json.dumps(envelope).encode(), "application/json")

    def app_home_opened(self, user_id: str) -> AppAnswer:
        event = {
            "type": "app_home_opened",
            "user": user_id,
            "channel": self.slack.dm_channel_id(user_id),
            "tab": "home",
        }
        return self.event(event)

    def team_join(self, user_id: str) -> AppAnswer:
        known = self.slack.user(user_id)
        user = known.to_slack(self.slack.team_id, include_locale=True) if known else {"id": user_id}
        return self.event({"type": "team_join", "user": user})
