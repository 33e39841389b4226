"""Slack errors in a few words for people and logs."""

from __future__ import annotations

from slack_sdk.errors import SlackApiError


def slack_error(error: Exception) -> str:
    if isinstance(error, SlackApiError):
        if error.response.status_code >= 500:
            return f"HTTP {error.response.status_code}"
        return str(error.response.get("error") or error.response.status_code)
    return type(error).__name__
