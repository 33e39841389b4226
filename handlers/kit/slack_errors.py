"""Slack errors: a short code for the log (`slack_error`), a sentence for a person (`slack_error_words`).

Whether an error is worth retrying is decided in one place, `scheduler.policy`, for every path that
sends; this module only words what people are told about it.
"""

from __future__ import annotations

from slack_sdk.errors import SlackApiError

from models.i18n import N_, Translator


def slack_error(error: Exception) -> str:
    if isinstance(error, SlackApiError):
        if error.response.status_code >= 500:
            return f"HTTP {error.response.status_code}"
        return str(error.response.get("error") or error.response.status_code)
    return type(error).__name__


# Slack's error codes, grouped by what the reader can do about them. The code itself stays in the
# log (`slack_error`); a person reads what happened in their language.
_SLOW_DOWN = N_("Slack asked perfbot to slow down for a moment")
_UNREACHABLE = N_("Slack was unreachable for a moment")
_NOT_A_MEMBER = N_("perfbot is not a member of that channel")
_ARCHIVED = N_("that channel is archived")
_RESTRICTED = N_("only some people may send messages in that channel")
_DEACTIVATED = N_("their Slack account is deactivated")
_NO_APP_DMS = N_("they have turned off messages from apps")
_NO_ACCESS = N_("perfbot's access to Slack needs renewing; ask your Slack admin to reinstall it")
_REFUSED = N_("Slack turned the message down")

_WORDS_BY_CODE = {
    "ratelimited": _SLOW_DOWN,
    "429": _SLOW_DOWN,
    "rate_limited": _SLOW_DOWN,
    "not_in_channel": _NOT_A_MEMBER,
    "channel_not_found": _NOT_A_MEMBER,
    "method_not_supported_for_channel_type": _NOT_A_MEMBER,
    "is_archived": _ARCHIVED,
    "restricted_action": _RESTRICTED,
    "restricted_action_read_only_channel": _RESTRICTED,
    "restricted_action_non_threadable_channel": _RESTRICTED,
    "restricted_action_thread_only_channel": _RESTRICTED,
    "user_not_found": _DEACTIVATED,
    "user_disabled": _DEACTIVATED,
    "account_inactive": _DEACTIVATED,
    "messages_tab_disabled": _NO_APP_DMS,
    "not_authed": _NO_ACCESS,
    "invalid_auth": _NO_ACCESS,
    "token_revoked": _NO_ACCESS,
    "token_expired": _NO_ACCESS,
    "missing_scope": _NO_ACCESS,
}


def slack_error_words(t: Translator, error: Exception | str) -> str:
    """What went wrong with a Slack call, as a clause for a person (no trailing full stop).

    `error` is the exception, or the short code `slack_error` gave for it ("ratelimited",
    "HTTP 503", "ConnectionResetError"), so a reason kept for later still reads as words.
    """
    code = slack_error(error) if isinstance(error, Exception) else error
    if code in _WORDS_BY_CODE:
        return t(_WORDS_BY_CODE[code])
    if code.startswith("HTTP ") or code.endswith(("Error", "Exception", "Timeout")):
        return t(_UNREACHABLE)
    return t(_REFUSED)


# Errors that mean the bot is not let into the channel: the fix is to invite it.
NOT_LET_IN = frozenset({"not_in_channel", "channel_not_found", "method_not_supported_for_channel_type"})


def could_not_post(t: Translator, channel_id: str, error: str) -> str:
    """A channel post Slack refused for good, with what to do about it when there is something."""
    if error in NOT_LET_IN:
        return t(
            "I could not post in <#{channel}>: perfbot is not a member of it. "
            "Invite it with `/invite @perfbot` in that channel.",
            channel=channel_id,
        )
    return t(
        "I could not post in <#{channel}>: {reason}.", channel=channel_id, reason=slack_error_words(t, error)
    )
