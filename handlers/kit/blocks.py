"""Block Kit helpers every domain's views share."""

from __future__ import annotations

from slack_sdk.models.blocks import PlainTextObject

MAX_OPTIONS = 100


def truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def quote_mrkdwn(text: str, limit: int = 500) -> str:
    return "\n".join(f"> {line}" for line in truncate(text, limit).splitlines() or [""])


def plain(text: str) -> PlainTextObject:
    return PlainTextObject(text=text, emoji=True)
