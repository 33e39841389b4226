"""Slack's error codes reach a person as a sentence in their language; the code stays in the log."""

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web import SlackResponse

from handlers.kit.slack_errors import slack_error, slack_error_words
from models.i18n import translator


def api_error(code: str, status: int = 200) -> SlackApiError:
    response = SlackResponse(
        client=None,
        http_verb="POST",
        api_url="x",
        req_args={},
        data={"ok": False, "error": code},
        headers={},
        status_code=status,
    )
    return SlackApiError(code, response)


@pytest.mark.parametrize(
    ("error", "english"),
    [
        (api_error("ratelimited", 429), "Slack asked perfbot to slow down for a moment"),
        ("ratelimited", "Slack asked perfbot to slow down for a moment"),
        (api_error("", 503), "Slack was unreachable for a moment"),
        ("HTTP 503", "Slack was unreachable for a moment"),
        (ConnectionResetError(), "Slack was unreachable for a moment"),
        ("TimeoutError", "Slack was unreachable for a moment"),
        (api_error("channel_not_found"), "perfbot is not a member of that channel"),
        (api_error("is_archived"), "that channel is archived"),
        (api_error("user_not_found"), "their Slack account is deactivated"),
        (api_error("messages_tab_disabled"), "they have turned off messages from apps"),
        (
            api_error("invalid_auth"),
            "perfbot's access to Slack needs renewing; ask your Slack admin to reinstall it",
        ),
        (api_error("fatal_error"), "Slack turned the message down"),
    ],
)
def test_each_code_reads_as_words_in_both_languages(error: Exception | str, english: str) -> None:
    code = slack_error(error) if isinstance(error, Exception) else error
    assert slack_error_words(translator("en"), error) == english
    chinese = slack_error_words(translator("zh-CN"), error)
    assert chinese != english and any("\u4e00" <= ch <= "\u9fff" for ch in chinese)
    assert code not in chinese
