"""The Sender over slack_sdk's WebClient: every answer or exception sorted into ok, rate-limited,
transient or permanent, so delivery decides from one value and never sees an exception.
"""

from __future__ import annotations

import http.client
import logging
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from scheduler.sender import Outcome, SlackAnswer

log = logging.getLogger(__name__)

DEFAULT_RETRY_AFTER = 30.0
# Errors that will not change by asking again: the recipient or channel is gone or closed to us,
# or the message itself is unacceptable. Anything else Slack says is retried a few times.
PERMANENT_ERRORS = frozenset(
    {
        "user_not_found",
        "user_disabled",
        "account_inactive",
        "channel_not_found",
        "not_in_channel",
        "is_archived",
        "cannot_dm_bot",
        "messages_tab_disabled",
        "restricted_action",
        "invalid_blocks",
        "invalid_blocks_format",
        "msg_too_long",
        "no_text",
        "too_many_attachments",
        "invalid_auth",
        "not_authed",
        "token_revoked",
        "token_expired",
        "missing_scope",
        "team_access_not_granted",
    }
)


class SlackSender:
    def __init__(self, client: WebClient) -> None:
        # Give it a client without retry handlers: retries are delivery's business (with
        # backoff, counted, recorded) and a client that sleeps on 429 would stall the worker.
        self.client = client

    def open_dm(self, user_id: str) -> SlackAnswer:
        return self._call(lambda: self.client.conversations_open(users=user_id))

    def post_message(self, channel: str, text: str, blocks: list[dict[str, Any]]) -> SlackAnswer:
        def post() -> Any:
            return self.client.chat_postMessage(channel=channel, text=text, blocks=blocks, unfurl_links=False)

        answer = self._call(post)
        if answer.error == "not_in_channel" and channel.startswith("C"):
            # A public channel (the recognition channel, for the digest) the bot has not joined
            # yet: join it (channels:join) and post once more. Private channels need an /invite.
            joined = self._call(lambda: self.client.conversations_join(channel=channel))
            if joined.outcome is Outcome.OK:
                return self._call(post)
        return answer

    def _call(self, request: Any) -> SlackAnswer:
        try:
            response = request()
        except SlackApiError as error:
            return classify_api_error(error)
        except (OSError, http.client.HTTPException) as error:
            # Timeouts, refused or reset connections, URLError: no answer at all, so the request
            # may or may not have reached Slack.
            return SlackAnswer(Outcome.TRANSIENT, error=f"no answer from Slack: {type(error).__name__}")
        channel = response.get("channel")
        if isinstance(channel, dict):  # conversations.open answers {"channel": {"id": …}}
            channel = channel.get("id")
        return SlackAnswer(Outcome.OK, channel=channel, ts=response.get("ts"))


def classify_api_error(error: SlackApiError) -> SlackAnswer:
    response = error.response
    status = int(getattr(response, "status_code", 0) or 0)
    data = response.data if isinstance(response.data, dict) else {}
    code = str(data.get("error") or "")
    if status == 429 or code == "ratelimited":
        return SlackAnswer(
            Outcome.RATE_LIMITED, retry_after=retry_after(response.headers), error="ratelimited"
        )
    if status >= 500:
        return SlackAnswer(Outcome.TRANSIENT, error=f"HTTP {status}")
    if code in PERMANENT_ERRORS:
        return SlackAnswer(Outcome.PERMANENT, error=code)
    return SlackAnswer(Outcome.TRANSIENT, error=code or f"HTTP {status}")


def retry_after(headers: Any) -> float:
    """Retry-After in seconds; a missing or odd header gets a cautious default."""
    raw = None
    if headers:
        raw = headers.get("Retry-After") or headers.get("retry-after")
    if isinstance(raw, list):
        raw = raw[0] if raw else None
    try:
        seconds = float(raw) if raw is not None else DEFAULT_RETRY_AFTER
    except (TypeError, ValueError):
        return DEFAULT_RETRY_AFTER
    return seconds if seconds >= 0 else DEFAULT_RETRY_AFTER
