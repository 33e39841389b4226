"""User text is shown, never obeyed: the one place that makes what a person wrote safe for mrkdwn.

Slack escapes `&`, `<` and `>` in slash-command text and turns mentions into `<@U…>` / `<!channel>`;
modal inputs arrive as typed. Either way, before perfbot shows a person's words, mass mentions
(`<!channel>`, `<!here>`, `<!everyone>`) and user-group mentions (`<!subteam^…>`) must notify
nobody, while the user mentions the writer made stay mentions.
"""

from __future__ import annotations

import re

# <!channel>, <!here|here>, <!everyone>, <!subteam^S123|@team>
_SPECIAL = re.compile(r"<!(?P<what>channel|here|everyone|subteam\^[A-Za-z0-9]+)(?:\|(?P<label>[^>]*))?>")
_USER_MENTION = re.compile(r"<@[UW][A-Z0-9]+(?:\|[^<>]*)?>")


def _spelled_out(match: re.Match[str]) -> str:
    label = match.group("label")
    what = match.group("what")
    return "@" + (label.lstrip("@") if label else what.split("^")[0])


def show_user_text(text: str, *, escaped: bool) -> str:
    """`text` as mrkdwn that reads as the writer meant it and pings no group.

    `escaped`: True for text Slack already escaped (slash commands, message shortcuts),
    False for modal input, whose `&`, `<` and `>` are escaped here (user mentions typed in a
    modal cannot be real mentions there, so nothing of it is kept as markup).
    """
    if not escaped:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(_spelled_out, text)
