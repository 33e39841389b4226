"""User text is shown, never obeyed: the one place that makes what a person wrote safe for mrkdwn.

Slack escapes `&`, `<` and `>` in slash-command text and message text, and writes mentions as
markup (`<@U…>`, `<!channel>`, `<!subteam^S…|@team>`); modal inputs arrive as typed. Either
way, before perfbot shows a person's words in mrkdwn (blocks or a message's `text`):

- mass mentions (`<!channel>`, `<!here>`, `<!everyone>`) and user-group mentions
  (`<!subteam^…>`) notify nobody: they read as `@channel`, `@here`, `@team`;
- user mentions the writer made (`<@U…>`) stay mentions;
- modal text has `&`, `<` and `>` escaped, so it cannot make links or markup;
- characters that are invisible or rearrange what follows are dropped: control characters
  (line breaks and tabs stay), bidirectional embeddings, overrides and isolates (U+202A–E,
  U+2066–9: a right-to-left override would reverse perfbot's own words after it), zero-width
  spaces, word joiners and byte-order marks. Zero-width joiners and non-joiners stay (emoji
  sequences and several scripts need them), as do the left-to-right and right-to-left marks;
- with a `limit`, the result is cut to fit without splitting an entity or a mention.
"""

from __future__ import annotations

import re

# <!channel>, <!here|here>, <!everyone>, <!group>, <!subteam^S123|@team>: anything but <!date^…>.
_SPECIAL = re.compile(r"<!(?!date\^)(?P<what>[^|>]*)(?:\|(?P<label>[^>]*))?>")
_ESCAPED_USER_MENTION = re.compile(r"&lt;@(?P<id>[UW][A-Z0-9]+)&gt;")
# C0 controls but tab and line feed, DEL and C1; bidi embeddings, overrides and isolates;
# zero-width space, word joiner and invisible operators, Mongolian vowel separator, BOM.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b\u2060-\u2064\u180e\ufeff]"
)
# What a cut must not split: an entity (&amp;) or a piece of markup (<@U123|name>).
_TOKEN = re.compile(r"&[a-z]{2,4};|<[^<>]*>")
ELLIPSIS = "…"


def _spelled_out(match: re.Match[str]) -> str:
    label = (match.group("label") or "").strip()
    what = match.group("what").split("^")[0]
    return "@" + (label.lstrip("@") or what)


def show_user_text(text: str, *, escaped: bool, limit: int | None = None) -> str:
    """`text` as mrkdwn that reads as the writer meant it and pings no group.

    `escaped`: True for text Slack already escaped (slash commands, message shortcuts, text
    stored in that form), False for modal input, whose `&`, `<` and `>` are escaped here (a
    `<@U…>` typed in a modal is kept as the mention it spells).
    """
    text = _INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    if escaped:
        shown = _SPECIAL.sub(_spelled_out, text)
    else:
        shown = escape_mrkdwn(text)
        shown = _ESCAPED_USER_MENTION.sub(lambda match: f"<@{match.group('id')}>", shown)
    return shown if limit is None else cut(shown, limit)


def escape_mrkdwn(text: str) -> str:
    """What Slack does to typed text: `&`, `<` and `>` as entities (stored or shown as mrkdwn)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def cut(shown: str, limit: int) -> str:
    """`shown` (mrkdwn) in at most `limit` characters, ending in "…" if cut, never inside a token."""
    if len(shown) <= limit:
        return shown
    end = limit - len(ELLIPSIS)
    for token in _TOKEN.finditer(shown, max(0, end - 300), min(len(shown), end + 300)):
        if token.start() < end < token.end():
            end = token.start()
            break
    return shown[:end] + ELLIPSIS


def quote_user_text(text: str, *, escaped: bool, limit: int = 1500) -> str:
    """`text` made safe as by `show_user_text`, as a mrkdwn block quote of at most `limit` characters."""
    shown = show_user_text(text, escaped=escaped)
    return cut("\n".join(f"> {line}" for line in shown.splitlines() or [""]), limit)
