"""Slack errors in a few words for people and logs.

Whether an error is worth retrying is decided in one place, `scheduler.policy`, for every path that
sends; this module only words what people are told about it.
"""

from __future__ import annotations

from slack_sdk.errors import SlackApiError

from models.i18n import Translator

# Errors that mean the bot is not let into the channel: the fix is to invite it.
NOT_LET_IN = frozenset({"not_in_channel", "channel_not_found", "method_not_supported_for_channel_type"})


def slack_error(error: Exception) -> str:
    if isinstance(error, SlackApiError):
        if error.response.status_code >= 500:
            return f"HTTP {error.response.status_code}"
        return str(error.response.get("error") or error.response.status_code)
    return type(error).__name__


def could_not_post(t: Translator, channel_id: str, error: str) -> str:
    """A channel post Slack refused for good, with what to do about it when there is something."""
    if error in NOT_LET_IN:
        return t(
            "I could not post in <#{channel}> ({error}): invite me there with `/invite @perfbot`.",
            channel=channel_id,
            error=error,
        )
    return t("I could not post in <#{channel}> ({error}).", channel=channel_id, error=error)
