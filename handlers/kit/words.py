"""How perfbot writes the small things in a sentence, the reader's way: lists, percentages, counts,
titles and mentions. Every view uses these instead of `", ".join`, `f"{n} %"` or quotes of its own.
A sentence with a number in it goes through `t.plural` (gettext's `ngettext`, and the name the
catalog extraction knows), so "in the last 1 day" and "… 3 days" are both right.

English lists read "a, b, c", Chinese ones "甲、乙、丙"; a percentage is "65%" in both; a title
someone typed is escaped and set apart: bold in English mrkdwn, “…” in Chinese, where bold next to
a Chinese character does not render in Slack and quotation marks are the usual way to cite a name.
"""

from __future__ import annotations

from collections.abc import Iterable

from handlers.kit.blocks import truncate
from handlers.kit.text import show_user_text
from models.i18n import Translator, join_list, percent_text, quote_title

TITLE_LIMIT = 200


def listed(t: Translator, items: Iterable[str]) -> str:
    """`items` joined as the reader lists things: "a, b, c" or "甲、乙、丙"."""
    return join_list(t.locale, items)


def mentions(t: Translator, user_ids: Iterable[str]) -> str:
    """Slack mentions of these people, listed the reader's way."""
    return listed(t, (f"<@{user_id}>" for user_id in user_ids))


def tags(t: Translator, values: Iterable[str], *, code: bool = False) -> str:
    """Company values as the #tags people type, listed the reader's way (`code` sets each in `…`)."""
    return listed(t, (f"`#{value}`" if code else f"#{value}" for value in values))


def percent(value: float) -> str:
    """A whole percentage without a space before the sign: "65%"."""
    return percent_text(value)


def title(t: Translator, text: str, *, limit: int = TITLE_LIMIT) -> str:
    """A title someone typed, inside a mrkdwn sentence: *Cut response time* / “缩短响应时间”."""
    safe = show_user_text(truncate(text, limit), escaped=False)
    return quote_title(safe) if t.locale.startswith("zh") else f"*{safe}*"


def plain_title(text: str, *, limit: int = TITLE_LIMIT) -> str:
    """A title someone typed, inside plain text (notifications, buttons, fallbacks): “Cut response time”."""
    return quote_title(truncate(text, limit))


def unit_suffix(unit: str | None) -> str:
    """A unit someone typed, to write right after a number: "40%" and "40‰" close up, "40 k€" and
    "40 tickets" take a space."""
    if not unit:
        return ""
    safe = show_user_text(unit, escaped=False)
    return safe if unit in _CLOSED_UP_UNITS else f" {safe}"


_CLOSED_UP_UNITS = {"%", "％", "‰", "°"}
