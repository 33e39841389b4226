"""What Slack sends to apps about their views and elements: state values, echoed views, actions."""

from __future__ import annotations

import copy
import time
import uuid
from collections.abc import Mapping
from typing import Any


def slack_ts() -> str:
    """A timestamp as Slack writes them in payloads ("1700000000.123456")."""
    return f"{time.time():.6f}"


def state_value(element: Mapping[str, Any] | None, value: Any) -> dict[str, Any]:
    """`view.state.values[block][action]` for a plain value, shaped by the element's type."""
    if isinstance(value, Mapping) and "type" in value:
        return dict(value)
    kind = str(element.get("type")) if element else "plain_text_input"
    options = [o for g in (element or {}).get("option_groups", []) for o in g["options"]]
    options += list((element or {}).get("options", []))

    def option(chosen: Any) -> dict[str, Any]:
        found = next((o for o in options if o.get("value") == chosen), None)
        return (
            dict(found) if found else {"text": {"type": "plain_text", "text": str(chosen)}, "value": chosen}
        )

    if kind in ("static_select", "external_select", "radio_buttons"):
        return {"type": kind, "selected_option": option(value) if value is not None else None}
    if kind in ("multi_static_select", "multi_external_select", "checkboxes"):
        return {"type": kind, "selected_options": [option(v) for v in value or []]}
    single = {
        "users_select": "selected_user",
        "conversations_select": "selected_conversation",
        "channels_select": "selected_channel",
        "datepicker": "selected_date",
        "timepicker": "selected_time",
    }
    multi = {
        "multi_users_select": "selected_users",
        "multi_conversations_select": "selected_conversations",
        "multi_channels_select": "selected_channels",
    }
    if kind in single:
        return {"type": kind, single[kind]: value}
    if kind in multi:
        return {"type": kind, multi[kind]: list(value or [])}
    return {"type": kind, "value": None if value is None else str(value)}


def find_element(blocks: Any, action_id: str) -> tuple[str | None, Mapping[str, Any] | None]:
    """(block_id, element) of the interactive element with this action_id, if the blocks have it."""
    for block in blocks if isinstance(blocks, list) else []:
        if not isinstance(block, Mapping):
            continue
        candidates = [block.get("accessory"), block.get("element"), *block.get("elements", [])]
        for element in candidates:
            if isinstance(element, Mapping) and element.get("action_id") == action_id:
                return block.get("block_id"), element
    return None, None


def complete_view(
    view: Mapping[str, Any],
    state_values: Mapping[str, Any] | None,
    *,
    team_id: str,
    app_id: str,
    bot_id: str,
) -> dict[str, Any]:
    """The view as Slack echoes it in payloads: what the app sent plus id, hash and `state.values`.

    `state_values` is {block_id: {action_id: value}}; a value is Slack's state object or a plain
    value shaped by `state_value`.
    """
    full: dict[str, Any] = {
        "id": f"V{uuid.uuid4().hex[:10].upper()}",
        "team_id": team_id,
        "callback_id": "",
        "private_metadata": "",
        "external_id": "",
        "hash": f"{int(time.time())}.{uuid.uuid4().hex[:8]}",
        "clear_on_close": False,
        "notify_on_close": False,
        "previous_view_id": None,
        "app_id": app_id,
        "bot_id": bot_id,
        "app_installed_team_id": team_id,
        **copy.deepcopy(dict(view)),
    }
    full.setdefault("root_view_id", full["id"])
    values: dict[str, dict[str, Any]] = {}
    blocks = {b.get("block_id"): b for b in full.get("blocks", []) if isinstance(b, Mapping)}
    for block_id, actions in (state_values or {}).items():
        block = blocks.get(block_id, {})
        for action_id, value in actions.items():
            element = find_element([block], action_id)[1]
            values.setdefault(block_id, {})[action_id] = state_value(element, value)
    full["state"] = {"values": values}
    return full


def action_entry(action_id: str, blocks: Any, value: Any, block_id: str | None) -> dict[str, Any]:
    """One item of a block_actions payload's `actions`, for the element with `action_id`.

    `value` is a button's value, or the selection for selects and pickers; the element's block_id
    and type come from `blocks` when it is there.
    """
    found_block_id, element = find_element(blocks, action_id)
    kind = str(element.get("type")) if element else "button"
    entry: dict[str, Any] = {
        "action_id": action_id,
        "block_id": block_id or found_block_id or uuid.uuid4().hex[:5],
        "type": kind,
        "action_ts": slack_ts(),
    }
    if kind == "button":
        if element and "text" in element:
            entry["text"] = element["text"]
        button_value = value if value is not None else (element or {}).get("value")
        if button_value is not None:
            entry["value"] = button_value
    elif kind == "overflow":
        as_select = {**(element or {}), "type": "static_select"}
        entry["selected_option"] = state_value(as_select, value)["selected_option"]
    else:
        entry.update({k: v for k, v in state_value(element, value).items() if k != "type"})
    return entry
