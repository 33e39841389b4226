"""The emoji shortcodes perfbot writes, shown as the characters Slack would show."""

from __future__ import annotations

import re

EMOJI = {
    "tada": "🎉",
    "white_check_mark": "✅",
    "pencil2": "✏️",
    "warning": "⚠️",
    "alarm_clock": "⏰",
    "memo": "📝",
    "hourglass_flowing_sand": "⏳",
    "calendar": "📆",
    "speech_balloon": "💬",
    "no_entry": "⛔",
    "inbox_tray": "📥",
    "dart": "🎯",
    "red_circle": "🔴",
    "large_yellow_circle": "🟡",
    "large_green_circle": "🟢",
    "office": "🏢",
    "busts_in_silhouette": "👥",
    "bust_in_silhouette": "👤",
    "clap": "👏",
    "star": "⭐",
    "sparkles": "✨",
    "raised_hands": "🙌",
    "heart": "❤️",
    "rocket": "🚀",
    "bulb": "💡",
    "trophy": "🏆",
    "muscle": "💪",
    "mute": "🔇",
    "bell": "🔔",
    "chart_with_upwards_trend": "📈",
    "x": "❌",
    "information_source": "ℹ️",
}
SHORTCODE = re.compile(r":([a-z0-9_+-]+):")


def replace_emoji(text: str) -> str:
    """`:tada:` → 🎉 for the codes known here; others stay as written, as Slack shows custom ones."""
    return SHORTCODE.sub(lambda m: EMOJI.get(m.group(1), m.group(0)), text)
