"""Callback, action and block ids: one name each, shared by views and listeners."""

from __future__ import annotations

import enum


class Callback(enum.StrEnum):
    PRAISE_MODAL = "praise_modal"
    GIVE_PRAISE_SHORTCUT = "give_praise"
    PRAISE_MESSAGE_SHORTCUT = "praise_message"


class Action(enum.StrEnum):
    OPEN_PRAISE_MODAL = "open_praise_modal"
    RECIPIENTS = "recipients_select"
    MESSAGE = "message_input"
    VALUES = "values_select"
    CHANNEL = "channel_select"
    VIEW_POST = "view_post"


class Block(enum.StrEnum):
    """Input block ids equal the domain field names, so domain errors land on the right field."""

    RECIPIENTS = "recipients"
    MESSAGE = "message"
    VALUES = "values"
    CHANNEL = "channel"
