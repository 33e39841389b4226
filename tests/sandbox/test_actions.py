"""What the page sends, shaped into Slack's `view.state.values`; the commands the page offers."""

from __future__ import annotations

import re
from pathlib import Path

from bot.sandbox.actions import shape_state
from bot.sandbox.manifest import COMMANDS, GLOBAL_SHORTCUTS, MESSAGE_SHORTCUTS

ROOT = Path(__file__).resolve().parents[2]


def option(value: str) -> dict[str, object]:
    return {"text": {"type": "plain_text", "text": f"Option {value}"}, "value": value}


VIEW = {
    "blocks": [
        {"type": "input", "block_id": "t", "element": {"type": "plain_text_input", "action_id": "t"}},
        {
            "type": "input",
            "block_id": "n",
            "element": {"type": "number_input", "action_id": "n", "is_decimal_allowed": False},
        },
        {
            "type": "input",
            "block_id": "s",
            "element": {"type": "static_select", "action_id": "s", "options": [option("a"), option("b")]},
        },
        {
            "type": "input",
            "block_id": "m",
            "element": {
                "type": "multi_static_select",
                "action_id": "m",
                "options": [option("a"), option("b")],
            },
        },
        {"type": "input", "block_id": "e", "element": {"type": "external_select", "action_id": "e"}},
        {"type": "input", "block_id": "u", "element": {"type": "multi_users_select", "action_id": "u"}},
        {"type": "input", "block_id": "c", "element": {"type": "conversations_select", "action_id": "c"}},
        {"type": "input", "block_id": "d", "element": {"type": "datepicker", "action_id": "d"}},
        {"type": "input", "block_id": "h", "element": {"type": "timepicker", "action_id": "h"}},
        {
            "type": "input",
            "block_id": "r",
            "element": {"type": "radio_buttons", "action_id": "r", "options": [option("x")]},
        },
        {
            "type": "input",
            "block_id": "k",
            "element": {"type": "checkboxes", "action_id": "k", "options": [option("p"), option("q")]},
        },
    ]
}


def chosen(*values: str) -> dict[str, object]:
    return {"selected": [{"value": v, "text": v} for v in values]}


def test_every_element_is_shaped_as_slack_sends_it() -> None:
    state = shape_state(
        VIEW,
        {
            "t": {"t": {"value": "hello"}},
            "n": {"n": {"value": ""}},
            "s": {"s": chosen("b")},
            "m": {"m": chosen("a", "b")},
            "e": {"e": {"selected": [{"value": "g7", "text": "Goal seven"}]}},
            "u": {"u": chosen("U1", "U2")},
            "c": {"c": chosen("C1")},
            "d": {"d": chosen("2026-12-01")},
            "h": {"h": chosen("09:30")},
            "r": {"r": chosen("x")},
            "k": {"k": chosen("q")},
            "unknown": {"x": {"value": "dropped"}},
        },
    )
    assert state == {
        "t": {"t": {"type": "plain_text_input", "value": "hello"}},
        "n": {"n": {"type": "number_input", "value": None}},
        "s": {"s": {"type": "static_select", "selected_option": option("b")}},
        "m": {"m": {"type": "multi_static_select", "selected_options": [option("a"), option("b")]}},
        "e": {
            "e": {
                "type": "external_select",
                "selected_option": {"text": {"type": "plain_text", "text": "Goal seven"}, "value": "g7"},
            }
        },
        "u": {"u": {"type": "multi_users_select", "selected_users": ["U1", "U2"]}},
        "c": {"c": {"type": "conversations_select", "selected_conversation": "C1"}},
        "d": {"d": {"type": "datepicker", "selected_date": "2026-12-01"}},
        "h": {"h": {"type": "timepicker", "selected_time": "09:30"}},
        "r": {"r": {"type": "radio_buttons", "selected_option": option("x")}},
        "k": {"k": {"type": "checkboxes", "selected_options": [option("q")]}},
    }


def test_nothing_chosen_is_none_or_empty() -> None:
    state = shape_state(VIEW, {"s": {"s": chosen()}, "m": {"m": chosen()}, "d": {"d": chosen()}})
    assert state == {
        "s": {"s": {"type": "static_select", "selected_option": None}},
        "m": {"m": {"type": "multi_static_select", "selected_options": []}},
        "d": {"d": {"type": "datepicker", "selected_date": None}},
    }


def test_the_page_offers_the_commands_and_shortcuts_of_the_manifest() -> None:
    manifest = (ROOT / "manifest.yml").read_text(encoding="utf-8")
    commands = re.findall(r"- command: (\S+)\n.*\n\s+description: (.+)\n\s+usage_hint: (.+)\n", manifest)
    offered = [(c.command, c.description, c.usage_hint) for c in COMMANDS]
    assert offered == [
        (name, description.strip('"'), hint.strip('"')) for name, description, hint in commands
    ]
    shortcuts = re.findall(r"- name: (.+)\n\s+type: (global|message)\n\s+callback_id: (\S+)", manifest)
    assert [(c, n) for c, n in GLOBAL_SHORTCUTS] == [
        (cid, name) for name, kind, cid in shortcuts if kind == "global"
    ]
    assert [(c, n) for c, n in MESSAGE_SHORTCUTS] == [
        (cid, name) for name, kind, cid in shortcuts if kind == "message"
    ]
