"""Slack's mrkdwn as HTML, and nothing else: every character of the text is escaped first.

Slack writes `&`, `<` and `>` in message text as `&amp;`, `&lt;` and `&gt;`; what is left between
`<` and `>` is a control sequence (a mention, a link, a date). Those are replaced by markers before
the rest is HTML-escaped and formatted, then rendered on their own, so a label can never open a tag
and a link is only ever http(s) or mailto.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from markupsafe import Markup, escape

from bot.sandbox.emoji import replace_emoji

CONTROL = re.compile(r"<([^<>\n]*)>")
MARKER = re.compile(r"\x00(\d+)\x00")
SAFE_SCHEMES = ("http://", "https://", "mailto:")
_INLINE = [
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]*?\S)\*(?![\w*])"), "strong"),
    (re.compile(r"(?<![\w_])_(?=\S)([^_\n]*?\S)_(?![\w_])"), "em"),
    (re.compile(r"(?<![\w~])~(?=\S)([^~\n]*?\S)~(?![\w~])"), "del"),
]
_CODE = re.compile(r"`([^`\n]+)`")
_FENCE = re.compile(r"```\n?(.*?)\n?```", re.DOTALL)
_BULLET = re.compile(r"^\s*(?:•|◦|▪|-)\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d+[.)]\s+(.*)$")


@dataclass(frozen=True)
class Directory:
    """What the reader's Slack knows: names for ids, and the reader's time zone for dates."""

    users: Mapping[str, str] = field(default_factory=dict)
    channels: Mapping[str, str] = field(default_factory=dict)
    tz: str = "UTC"


def unescape_slack(text: str) -> str:
    """Slack's three entities back to characters (the text is HTML-escaped again before output)."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _mention(css: str, label: str) -> Markup:
    return Markup('<span class="mention {}">{}</span>').format(css, label)


def _link(target: str, label: str | None) -> Markup:
    url = unescape_slack(target)
    shown = unescape_slack(label) if label else url
    if not url.lower().startswith(SAFE_SCHEMES):
        return escape(shown)  # javascript:, data:, … are shown as text, never linked
    return Markup('<a href="{}" target="_blank" rel="noopener noreferrer">{}</a>').format(url, shown)


_ORDINAL = {1: "st", 2: "nd", 3: "rd"}


def _day(day: int) -> str:
    return f"{day}{'th' if 10 <= day % 100 <= 20 else _ORDINAL.get(day % 10, 'th')}"


def format_date(timestamp: int, tokens: str, tz: str) -> str | None:
    """`<!date^…>`'s format tokens in the reader's zone; None for a token Slack would not know."""
    try:
        when = datetime.fromtimestamp(timestamp, UTC).astimezone(ZoneInfo(tz))
    except (ValueError, OverflowError, KeyError):
        return None
    month, weekday = when.strftime("%B"), when.strftime("%A")
    words = {
        "date_num": when.strftime("%Y-%m-%d"),
        "date": f"{month} {_day(when.day)}, {when.year}",
        "date_pretty": f"{month} {_day(when.day)}, {when.year}",
        "date_short": f"{month[:3]} {when.day}, {when.year}",
        "date_short_pretty": f"{month[:3]} {when.day}, {when.year}",
        "date_long": f"{weekday}, {month} {_day(when.day)}, {when.year}",
        "date_long_pretty": f"{weekday}, {month} {_day(when.day)}, {when.year}",
        "time": when.strftime("%I:%M %p").lstrip("0"),
        "time_secs": when.strftime("%I:%M:%S %p").lstrip("0"),
    }
    unknown = False

    def word(match: re.Match[str]) -> str:
        nonlocal unknown
        if match.group(1) not in words:
            unknown = True
            return ""
        return words[match.group(1)]

    shown = re.sub(r"\{(\w+)\}", word, tokens)
    return None if unknown else shown


def _control(body: str, directory: Directory) -> Markup:
    """One `<…>` sequence as HTML; anything unrecognised is shown as the text it was."""
    target, _, label = body.partition("|")
    if target.startswith("@") and len(target) > 1:
        user_id = target[1:]
        name = directory.users.get(user_id) or unescape_slack(label) or user_id
        return _mention("user", "@" + name)
    if target.startswith("#") and len(target) > 1:
        channel_id = target[1:]
        name = directory.channels.get(channel_id) or unescape_slack(label) or channel_id
        return _mention("channel", "#" + name)
    if target.startswith("!"):
        command, _, rest = target[1:].partition("^")
        if command in ("channel", "here", "everyone"):
            return _mention("broadcast", "@" + command)
        if command == "subteam":
            return _mention("usergroup", unescape_slack(label) or "@group")
        if command == "date":
            stamp, _, more = rest.partition("^")
            tokens = more.split("^", 1)[0]
            shown = format_date(int(stamp), tokens, directory.tz) if stamp.isdigit() else None
            return escape(shown if shown is not None else unescape_slack(label))
        return escape(unescape_slack(label) or "<" + unescape_slack(body) + ">")
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target):
        return _link(target, label or None)
    return escape("<" + unescape_slack(body) + ">")


def _inline(escaped: str) -> str:
    """Bold, italics and strike on already-escaped text (code spans were taken out before)."""
    for pattern, tag in _INLINE:
        escaped = pattern.sub(rf"<{tag}>\1</{tag}>", escaped)
    return escaped


def _lines(text: str, render_piece: Callable[[str], str]) -> str:
    """Quotes and lists by line; everything else joined with <br>."""
    out: list[str] = []
    open_list: str | None = None
    for line in text.split("\n"):
        kind, body = None, line
        if line.startswith(("&gt; ", "> ")) or line in ("&gt;", ">"):
            kind, body = "quote", line.split(" ", 1)[1] if " " in line else ""
        elif match := _BULLET.match(line):
            kind, body = "ul", match.group(1)
        elif match := _NUMBERED.match(line):
            kind, body = "ol", match.group(1)
        if open_list and kind != open_list:
            out.append(f"</{open_list}>")
            open_list = None
        if kind in ("ul", "ol"):
            if open_list is None:
                out.append(f"<{kind}>")
                open_list = kind
            out.append(f"<li>{render_piece(body)}</li>")
        elif kind == "quote":
            out.append(f"<blockquote>{render_piece(body)}</blockquote>")
        else:
            out.append(render_piece(line) + "<br>")
    if open_list:
        out.append(f"</{open_list}>")
    joined = "".join(out)
    return joined.removesuffix("<br>")


def render_mrkdwn(text: str, directory: Directory | None = None) -> Markup:
    """Slack mrkdwn to safe HTML: formatting, code, quotes, lists, links, mentions and dates."""
    directory = directory or Directory()
    text = text.replace("\x00", "").replace("\x01", "")
    sources = [match.group(0) for match in CONTROL.finditer(text)]
    controls: list[Markup] = []

    def keep(match: re.Match[str]) -> str:
        controls.append(_control(match.group(1), directory))
        return f"\x00{len(controls) - 1}\x00"

    def restore(escaped: str) -> str:
        return MARKER.sub(lambda m: str(controls[int(m.group(1))]), escaped)

    def controls_as_text(piece: str) -> str:
        # Inside code, sequences are shown as written: the marker goes back to its source text.
        return MARKER.sub(lambda m: str(escape(unescape_slack(sources[int(m.group(1))]))), piece)

    marked = CONTROL.sub(keep, text)

    def piece(part: str) -> str:
        codes: list[str] = []

        def code(match: re.Match[str]) -> str:
            codes.append(f"<code>{controls_as_text(str(escape(unescape_slack(match.group(1)))))}</code>")
            return f"\x01{len(codes) - 1}\x01"

        escaped = str(escape(replace_emoji(unescape_slack(_CODE.sub(code, part)))))
        formatted = restore(_inline(escaped))
        return re.sub(r"\x01(\d+)\x01", lambda m: codes[int(m.group(1))], formatted)

    out: list[str] = []
    position = 0
    for fence in _FENCE.finditer(marked):
        before = marked[position : fence.start()].removesuffix("\n")
        if before:
            out.append(_lines(before, piece))
        block = controls_as_text(str(escape(unescape_slack(fence.group(1)))))
        out.append(f"<pre>{block}</pre>")
        position = fence.end() + (1 if marked[fence.end() : fence.end() + 1] == "\n" else 0)
    if position < len(marked) or not out:
        out.append(_lines(marked[position:], piece))
    return Markup("".join(out))


def render_plain(text: str) -> Markup:
    """A plain_text object: escaped, with emoji shortcodes shown as emoji, line breaks kept."""
    return Markup("<br>".join(str(escape(replace_emoji(line))) for line in text.split("\n")))
