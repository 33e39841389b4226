"""Reading `/praise` text as Slack sends it (mentions escaped as `<@U…|name>`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from handlers.kit.commands import MENTION

CHANNEL = re.compile(r"<#(C[A-Z0-9]+)(?:\|([^>]*))?>")
# A tag starts with a letter, so "#42" in "fixed #42" is not a tag; "&#…" entities and URLs are skipped.
TAG = re.compile(r"(?<![\w/&<])#([^\W\d_][\w-]*)")
# An @name that Slack did not turn into a mention: the person was typed, not picked.
LOOSE_AT = re.compile(r"(?<![\w<|])@([\w.\-]+)")
LEADING = re.compile(r"^(?:\s|,|\band\b|和|、)*<@[UW][A-Z0-9]+(?:\|[^>]*)?>")


@dataclass(frozen=True)
class ParsedPraise:
    user_ids: list[str]
    message: str
    tags: list[str]
    channel_names: list[str]
    unresolved: list[str]


def parse_praise_text(text: str) -> ParsedPraise:
    user_ids = list(dict.fromkeys(MENTION.findall(text)))
    rest = text.strip()
    while match := LEADING.match(rest):
        rest = rest[match.end() :]
    message = rest.lstrip(" ,:;-—").strip()
    tags = list(dict.fromkeys(TAG.findall(text)))
    channel_names = [name for _channel, name in CHANNEL.findall(text) if name]
    unresolved = [name for name in LOOSE_AT.findall(MENTION.sub("", text)) if name not in ("here", "channel")]
    return ParsedPraise(user_ids, message, tags, channel_names, unresolved)
