"""The page's own words (Slack's interface around the bot's messages), in the reader's language."""

from __future__ import annotations

from models.i18n import Translator


def page_words(t: Translator) -> dict[str, str]:
    return {
        "channels": t("Channels"),
        "direct_messages": t("Direct messages"),
        "apps": t("Apps"),
        "home": t("Home"),
        "messages": t("Messages"),
        "only_you": t("Only visible to you"),
        "message_to": t("Message {channel}", channel="{channel}"),
        "shortcuts": t("Shortcuts"),
        "close": t("Close"),
        "submit": t("Submit"),
        "api_calls": t("Web API calls"),
        "you_are": t("You are"),
        "clock": t("Clock"),
        "advance_hour": t("Advance 1 hour"),
        "advance_day": t("Advance 1 day"),
        "jump_next": t("Jump to the next deadline or reminder"),
        "someone_joins": t("Someone joins the workspace"),
        "select": t("Select an option"),
        "optional": t("optional"),
        "required": t("Please complete this required field."),
        "type_to_search": t("Type to search"),
        "edited": t("edited"),
        "replies": t("replies"),
        "app": t("APP"),
        "no_home": t("Opening the Home tab…"),
        "not_a_command": t("{command} is not a valid command.", command="{command}"),
        "sandbox_note": t("Sandbox: nothing here reaches Slack."),
    }
