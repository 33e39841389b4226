"""Whether Slack answered the last time perfbot asked: for `/readyz` and for the scheduler's exit status.

Nothing here calls Slack on its own at start: a process boots, serves and reports "unknown"
until its first question to Slack has an answer.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from models.base import utcnow
from scheduler.sender import Outcome, Sender, SlackAnswer

# Slack's answers that mean the token itself is no good: every call would fail the same way.
REJECTED_TOKEN_ERRORS = frozenset(
    {"invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive"}
)
UNKNOWN, REACHABLE, UNREACHABLE, REJECTED = "unknown", "reachable", "unreachable", "token rejected"


@dataclass(frozen=True)
class SlackCheck:
    state: str
    at: datetime | None = None
    detail: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "slack": self.state,
            "slack_checked_at": self.at.isoformat(timespec="seconds") if self.at else None,
            "slack_detail": self.detail or None,
        }


class SlackStatus:
    """The last answer from Slack, and how often it could not be reached or refused the token."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last = SlackCheck(UNKNOWN)
        self.unreachable = 0
        self.rejected = 0

    @property
    def last(self) -> SlackCheck:
        with self._lock:
            return self._last

    def record(self, state: str, detail: str = "") -> None:
        with self._lock:
            self._last = SlackCheck(state, utcnow(), detail)
            if state == UNREACHABLE:
                self.unreachable += 1
            elif state == REJECTED:
                self.rejected += 1

    def record_answer(self, answer: SlackAnswer) -> None:
        if answer.ok or answer.outcome is Outcome.RATE_LIMITED:
            self.record(REACHABLE)
        elif answer.error in REJECTED_TOKEN_ERRORS:
            self.record(REJECTED, answer.error)
        elif answer.error.startswith("no answer from Slack") or answer.error.startswith("HTTP 5"):
            self.record(UNREACHABLE, answer.error)
        else:  # Slack answered, refusing this one message (channel_not_found, say)
            self.record(REACHABLE)


class WatchedSender:
    """A Sender that notes each of Slack's answers in a SlackStatus, and changes nothing else."""

    def __init__(self, sender: Sender, status: SlackStatus) -> None:
        self.sender = sender
        self.status = status

    def open_dm(self, user_id: str) -> SlackAnswer:
        answer = self.sender.open_dm(user_id)
        self.status.record_answer(answer)
        return answer

    def post_message(self, channel: str, text: str, blocks: list[dict[str, Any]]) -> SlackAnswer:
        answer = self.sender.post_message(channel, text, blocks)
        self.status.record_answer(answer)
        return answer

    def permalink(self, channel: str, ts: str) -> str | None:
        return self.sender.permalink(channel, ts)  # a link or None: nothing to note about Slack
