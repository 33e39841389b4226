"""Scheduled messages' Block Kit (nudges, digest, welcome) and their snooze / mute buttons."""

from handlers.reminders.listeners import mute_from_button, register, snooze_from_button
from handlers.reminders.views import (
    DigestEntry,
    muted,
    praise_nudge,
    recognition_digest,
    reminder_controls,
    snoozed,
    welcome,
    with_note,
)

__all__ = [
    "DigestEntry",
    "mute_from_button",
    "muted",
    "praise_nudge",
    "recognition_digest",
    "register",
    "reminder_controls",
    "snooze_from_button",
    "snoozed",
    "welcome",
    "with_note",
]
