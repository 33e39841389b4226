"""What every slash command shares: the words that ask for its usage; mentions as Slack sends them."""

from __future__ import annotations

import re
import unicodedata

# `<@U123|name>` or `<@U123>`: Slack escapes mentions in a command's text this way.
MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")

HELP_WORDS = frozenset({"help", "?", "-h", "--help", "帮助", "幫助"})


def asks_for_help(word: str) -> bool:
    """`/praise help`, `/goal ?`, `/perf 帮助`, … (case, width and surrounding space ignored)."""
    return unicodedata.normalize("NFKC", word).strip().lower() in HELP_WORDS
