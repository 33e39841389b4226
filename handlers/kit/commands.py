"""What every slash command shares: the words that ask for its usage."""

from __future__ import annotations

import unicodedata

HELP_WORDS = frozenset({"help", "?", "-h", "--help", "帮助", "幫助"})


def asks_for_help(word: str) -> bool:
    """`/praise help`, `/goal ?`, `/perf 帮助`, … (case, width and surrounding space ignored)."""
    return unicodedata.normalize("NFKC", word).strip().lower() in HELP_WORDS
