"""Ids for the `/perf settings` modal. Input block ids equal the domain's field names."""

from __future__ import annotations

import enum

SETTINGS_MODAL = "settings_modal"  # the callback id


class SettingsField(enum.StrEnum):
    VALUES = "values"
    CHANNEL = "channel"
    LOCALE = "locale"
    TIMEZONE = "timezone"
    WORK_DAY_START = "work_day_start"
    WORK_DAY_END = "work_day_end"
    WORK_DAYS = "work_days"
    NUDGE_AFTER_DAYS = "nudge_after_days"
    SEND_BUDGET = "send_budget_per_minute"
    DIGEST_WEEKDAY = "digest_weekday"
    DIGEST_HOUR = "digest_hour"
    PROGRESS_THRESHOLD = "progress_threshold"
    CHECKIN_CADENCE = "checkin_cadence_days"
    MUTE_NUDGES = "mute_nudges"


# One action id per input; the block id already says which setting it is.
INPUT = "setting"
