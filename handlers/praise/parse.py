"""Reading `/praise` text as Slack sends it (mentions escaped as `<@U…|name>`)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from handlers.kit.commands import MENTION

CHANNEL = re.compile(r"<#(C[A-Z0-9]+)(?:\|([^>]*))?>")
# A tag is `#` or the full-width `＃`, then a letter (so "#42" in "fixed #42" is not a tag), and ends
# at whitespace, punctuation of either width, or the end. Chinese is written without spaces, so a
# Chinese character may come right before it ("迁移#担当"); a Latin letter or digit may not ("C#"),
# nor `/`, `&` or `<` (URLs, "&#39;" entities, Slack markup).
TAG = re.compile(r"(?<![A-Za-z0-9_/&<＃#])[#＃]([^\W\d_]\w*(?:-\w+)*)")
# An @name that Slack did not turn into a mention: the person was typed, not picked.
LOOSE_AT = re.compile(r"(?<![\w<|])@([\w.\-]+)")
LEADING = re.compile(r"^(?:\s|[,，、]|\band\b|和|跟|与)*<@[UW][A-Z0-9]+(?:\|[^>]*)?>")
# What may sit between the names and the message: "<@U1>: thanks", "<@U1>，谢谢", "<@U1>：谢谢".
LEAD_PUNCTUATION = " \u3000,:;-—，：；、。!！"


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
    message = rest.lstrip(LEAD_PUNCTUATION).strip()
    # NFKC: a full-width "ＯＷＮＥＲ" is the tag "OWNER"; case is matched later, against the values.
    tags = list(dict.fromkeys(unicodedata.normalize("NFKC", tag) for tag in TAG.findall(text)))
    channel_names = [name for _channel, name in CHANNEL.findall(text) if name]
    unresolved = [name for name in LOOSE_AT.findall(MENTION.sub("", text)) if name not in ("here", "channel")]
    return ParsedPraise(user_ids, message, tags, channel_names, unresolved)
