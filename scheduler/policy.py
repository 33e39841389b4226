"""How perfbot treats Slack's answers, on every path that sends (the scheduler's delivery and the
delivery right after a request's ack): one classifier and one retry policy.

An error is **permanent** only when asking again cannot change it: the recipient or channel is
gone or closed to us, the message itself is unacceptable, or the token is. Everything else,
including an error code this list does not know, is **transient** and retried with backoff a
bounded number of times. Slack answers real outages with HTTP 200 and codes such as
`fatal_error`, `internal_error`, `service_unavailable` or `request_timeout`, and adds codes over
time; calling an unknown one permanent would drop a message for good, while calling it transient
costs at most `max_attempts` tries before the row fails with the code as its reason.
A 429 (or `ratelimited`) waits for its `Retry-After`.
"""

from __future__ import annotations

import http.client
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from slack_sdk.errors import SlackApiError

from scheduler.sender import Outcome, SlackAnswer

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
        "method_not_supported_for_channel_type",
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


@dataclass(frozen=True)
class DeliveryPolicy:
    batch_size: int = 50
    # Longer than any pass takes, so only a dead worker's rows are taken over.
    lease: timedelta = timedelta(minutes=5)
    max_attempts: int = 6
    backoff_base: timedelta = timedelta(seconds=30)
    backoff_cap: timedelta = timedelta(hours=1)

    def backoff(self, attempts: int) -> timedelta:
        """30 s, 1 min, 2 min, … after the 1st, 2nd, 3rd failed try, capped."""
        return min(self.backoff_base * (1 << max(attempts - 1, 0)), self.backoff_cap)


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


def classify_no_answer(error: OSError | http.client.HTTPException) -> SlackAnswer:
    """Timeouts, refused or reset connections, URLError: no answer at all, so the request may or
    may not have reached Slack; transient."""
    return SlackAnswer(Outcome.TRANSIENT, error=f"no answer from Slack: {type(error).__name__}")


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
