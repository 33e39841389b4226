"""What delivery needs from Slack, as a small protocol: tests drive delivery with a fake sender,
production with `SlackSender` over slack_sdk's WebClient.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any, Protocol


class Outcome(enum.StrEnum):
    OK = "ok"
    RATE_LIMITED = "rate_limited"  # HTTP 429: try again after `retry_after` seconds
    TRANSIENT = "transient"  # 5xx, timeouts, connection errors: retry with backoff, up to a limit
    PERMANENT = "permanent"  # Slack refused for good (user_not_found, channel_not_found, …): no retry


@dataclass(frozen=True)
class SlackAnswer:
    outcome: Outcome
    channel: str | None = None
    ts: str | None = None
    retry_after: float = 0.0
    # Slack's error code or a short description; shown to operators, never contains a token.
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.outcome is Outcome.OK


class Sender(Protocol):
    def open_dm(self, user_id: str) -> SlackAnswer:
        """conversations.open with one user; the DM channel id in `channel`."""
        ...

    def post_message(self, channel: str, text: str, blocks: list[dict[str, Any]]) -> SlackAnswer:
        """chat.postMessage; the channel and `ts` of the posted message."""
        ...

    def permalink(self, channel: str, ts: str) -> str | None:
        """chat.getPermalink: a link to a posted message, or None if Slack gave none."""
        ...
