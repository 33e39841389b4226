"""Block Kit to HTML: messages, modals and the Home tab, rendered by Jinja2 templates.

The templates only ever insert text through `mrkdwn`/`plain` (escaped) or attribute values
(autoescaped): nothing the bot or a person wrote reaches the page unescaped.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from bot.sandbox.mrkdwn import Directory, render_mrkdwn, render_plain

SINGLE_SELECTED = {
    "static_select": "selected_option",
    "external_select": "selected_option",
    "radio_buttons": "selected_option",
    "users_select": "selected_user",
    "conversations_select": "selected_conversation",
    "channels_select": "selected_channel",
    "datepicker": "selected_date",
    "timepicker": "selected_time",
}
MULTI_SELECTED = {
    "multi_static_select": "selected_options",
    "multi_external_select": "selected_options",
    "checkboxes": "selected_options",
    "multi_users_select": "selected_users",
    "multi_conversations_select": "selected_conversations",
    "multi_channels_select": "selected_channels",
}
INITIAL = {
    "static_select": "initial_option",
    "external_select": "initial_option",
    "radio_buttons": "initial_option",
    "multi_static_select": "initial_options",
    "multi_external_select": "initial_options",
    "checkboxes": "initial_options",
    "users_select": "initial_user",
    "multi_users_select": "initial_users",
    "conversations_select": "initial_conversation",
    "multi_conversations_select": "initial_conversations",
    "channels_select": "initial_channel",
    "multi_channels_select": "initial_channels",
    "datepicker": "initial_date",
    "timepicker": "initial_time",
    "plain_text_input": "initial_value",
    "number_input": "initial_value",
}


@dataclass(frozen=True)
class Surface:
    """Where blocks are shown and what the reader's Slack knows while showing them."""

    kind: str  # "message", "modal" or "home"
    directory: Directory = field(default_factory=Directory)
    state: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # view.state.values
    errors: Mapping[str, str] = field(default_factory=dict)  # block_id → the bot's inline error
    words: Mapping[str, str] = field(default_factory=dict)  # the page's own words, translated
    people: tuple[tuple[str, str], ...] = ()  # (id, name) for user selects
    conversations: tuple[tuple[str, str], ...] = ()  # (id, name) for conversation selects


def text_of(obj: Any, directory: Directory) -> Markup:
    """A text object (plain_text or mrkdwn) or a bare string as safe HTML."""
    if isinstance(obj, Mapping):
        text = str(obj.get("text") or "")
        if obj.get("type") == "mrkdwn":
            return render_mrkdwn(text, directory)
        return render_plain(text)
    return render_plain(str(obj or ""))


def plain_of(obj: Any) -> str:
    """The raw words of a text object (for attributes such as placeholders and option labels)."""
    if isinstance(obj, Mapping):
        return str(obj.get("text") or "")
    return str(obj or "")


def _option_values(options: Any) -> list[str]:
    return [str(o.get("value")) for o in options or [] if isinstance(o, Mapping)]


def current(element: Mapping[str, Any], block_id: str | None, surface: Surface) -> dict[str, Any]:
    """What an element shows now: its state in the view if the reader changed it, else its initial.

    `values` are the chosen option values / ids / dates; `value` the text of an input; `options`
    every option to list (for external selects, those chosen so far).
    """
    kind = str(element.get("type"))
    action_id = str(element.get("action_id") or "")
    entry = surface.state.get(block_id or "", {}).get(action_id)
    source: Mapping[str, Any]
    if isinstance(entry, Mapping):
        source = entry
        single, multi = SINGLE_SELECTED.get(kind), MULTI_SELECTED.get(kind)
    else:
        source = element
        initial = INITIAL.get(kind)
        single = initial if initial and not initial.endswith("s") else None
        multi = initial if initial and initial.endswith("s") else None
        if kind in ("plain_text_input", "number_input"):
            single, multi = None, None
    options = [o for group in element.get("option_groups") or [] for o in group.get("options", [])]
    options += list(element.get("options") or [])
    values: list[str] = []
    chosen: list[Any] = []
    if single and source.get(single) is not None:
        picked = source[single]
        chosen = [picked] if isinstance(picked, Mapping) else []
        values = _option_values(chosen) if chosen else [str(picked)]
    elif multi and source.get(multi) is not None:
        picked = source[multi]
        chosen = [p for p in picked if isinstance(p, Mapping)]
        values = _option_values(chosen) if chosen else [str(p) for p in picked]
    text = ""
    if kind in ("plain_text_input", "number_input"):
        raw = source.get("value") if source is entry else element.get("initial_value")
        text = "" if raw is None else str(raw)
    if kind.endswith("external_select"):
        known = set(_option_values(options))
        options = options + [o for o in chosen if str(o.get("value")) not in known]
    return {"values": values, "value": text, "options": options}


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("bot.sandbox", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(text_of=text_of, plain_of=plain_of, current=current, safe_url=safe_url)
    env.filters["mrkdwn"] = render_mrkdwn
    return env


def safe_url(url: Any) -> str | None:
    """A button's url only when it is http(s): anything else is not linked."""
    text = str(url or "")
    return text if text.lower().startswith(("http://", "https://")) else None


def render_blocks(blocks: Any, surface: Surface) -> Markup:
    template = environment().get_template("blocks.html")
    blocks = [b for b in blocks if isinstance(b, Mapping)] if isinstance(blocks, list) else []
    return Markup(template.render(blocks=blocks, surface=surface))
