"""Reading a submitted appeal modal: each input's value by its field (block id) and the one action id."""

from __future__ import annotations

from datetime import date
from typing import Any

from handlers.appeals.ids import INPUT, Field

State = dict[str, dict[str, Any]]


def _element(state: State, field: Field, action_id: str = INPUT) -> dict[str, Any]:
    element = (state.get(field) or {}).get(action_id)
    return element if isinstance(element, dict) else {}


def text(state: State, field: Field) -> str:
    value = _element(state, field).get("value")
    return value.strip() if isinstance(value, str) else ""


def chosen(state: State, field: Field, action_id: str = INPUT) -> str | None:
    option = _element(state, field, action_id).get("selected_option")
    value = option.get("value") if isinstance(option, dict) else None
    return value if isinstance(value, str) else None


def chosen_many(state: State, field: Field) -> list[str]:
    options = _element(state, field).get("selected_options")
    if not isinstance(options, list):
        return []
    return [str(option["value"]) for option in options if isinstance(option, dict) and "value" in option]


def chosen_date(state: State, field: Field) -> date | None:
    raw = _element(state, field).get("selected_date")
    try:
        return date.fromisoformat(raw) if isinstance(raw, str) else None
    except ValueError:
        return None


def chosen_user(state: State, field: Field) -> str | None:
    user = _element(state, field).get("selected_user")
    return user if isinstance(user, str) and user else None


def whole_number(state: State, field: Field) -> int | None:
    raw = text(state, field)
    return int(raw) if raw.lstrip("-").isdigit() else None
