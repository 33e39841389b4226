"""The Sender over slack_sdk's WebClient: every answer or exception sorted into ok, rate-limited,
transient or permanent (by `scheduler.policy`), so delivery decides from one value and never sees
an exception.
"""

from __future__ import annotations

import http.client
import logging
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from scheduler.policy import classify_api_error, classify_no_answer
from scheduler.sender import Outcome, SlackAnswer

log = logging.getLogger(__name__)


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

    def permalink(self, channel: str, ts: str) -> str | None:
        try:
            link = self.client.chat_getPermalink(channel=channel, message_ts=ts).get("permalink")
        except (SlackClientError, OSError, http.client.HTTPException) as error:
            # The message is there; only the link to it is missing.
            log.info("no permalink for %s/%s: %s", channel, ts, type(error).__name__)
            return None
        return link if isinstance(link, str) else None

    def _call(self, request: Any) -> SlackAnswer:
        try:
            response = request()
        except SlackApiError as error:
            return classify_api_error(error)
        except (OSError, http.client.HTTPException) as error:
            return classify_no_answer(error)
        channel = response.get("channel")
        if isinstance(channel, dict):  # conversations.open answers {"channel": {"id": …}}
            channel = channel.get("id")
        return SlackAnswer(Outcome.OK, channel=channel, ts=response.get("ts"))
