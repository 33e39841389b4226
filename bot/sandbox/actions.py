"""What a person does on the page, turned into the request Slack would send, and Slack's reaction.

The page sends `{"kind": …}` with what was clicked or typed; state values come as
`{block_id: {action_id: {"value": str} | {"selected": [{"value", "text"}]}}}` and are shaped
here into Slack's `view.state.values` from the element in the view.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from bot.sandbox.manifest import COMMANDS
from bot.sandbox.requests import AppAnswer, SlackRequests
from bot.sandbox.slack import FakeSlack
from bot.sandbox.slack.payloads import action_entry, find_element, slack_ts, state_value
from bot.sandbox.slack.state import ResponseContext

Result = dict[str, Any]
# People who may join the demo workspace, in turn: (user id, name, time zone, Slack locale).
NEWCOMERS = (
    ("U0IRIS", "Iris Novak", "Europe/London", "en-GB"),
    ("U0JUN", "Jun Wang", "Asia/Shanghai", "zh-CN"),
    ("U0KOFI", "Kofi Mensah", "America/New_York", "en-US"),
)


class ActionError(ValueError):
    """The page asked for something that cannot be done (unknown view, command, element)."""


def _chosen(raw: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [dict(s) for s in raw.get("selected") or [] if isinstance(s, Mapping)]


def shape(element: Mapping[str, Any] | None, raw: Mapping[str, Any]) -> dict[str, Any]:
    """One entry of `view.state.values` from what the page sent for this element."""
    kind = str((element or {}).get("type") or "plain_text_input")
    chosen = _chosen(raw)
    values = [str(c.get("value")) for c in chosen]
    if kind in ("external_select", "multi_external_select"):
        options = [
            {"text": {"type": "plain_text", "text": str(c.get("text"))}, "value": str(c.get("value"))}
            for c in chosen
        ]
        if kind == "external_select":
            return {"type": kind, "selected_option": options[0] if options else None}
        return {"type": kind, "selected_options": options}
    if kind.startswith("multi_") or kind == "checkboxes":
        return state_value(element, values)
    if kind in ("plain_text_input", "number_input"):
        value = raw.get("value")
        return {"type": kind, "value": str(value) if value not in (None, "") else None}
    return state_value(element, values[0] if values else None)


def shape_state(view: Mapping[str, Any], raw_state: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    blocks = {b.get("block_id"): b for b in view.get("blocks", []) if isinstance(b, Mapping)}
    values: dict[str, dict[str, Any]] = {}
    for block_id, actions in raw_state.items():
        if block_id not in blocks or not isinstance(actions, Mapping):
            continue
        for action_id, raw in actions.items():
            element = find_element([blocks[block_id]], action_id)[1]
            if element is not None and isinstance(raw, Mapping):
                values.setdefault(block_id, {})[action_id] = shape(element, raw)
    return values


class PageActions:
    def __init__(self, slack: FakeSlack, requests: SlackRequests, clock_step: Callable[[str], str]) -> None:
        self.slack, self.requests, self.clock_step = slack, requests, clock_step

    def perform(self, action: Mapping[str, Any]) -> Result:
        kind = str(action.get("kind"))
        user = str(action.get("as") or "")
        if kind == "clock":
            return {"now": self.clock_step(str(action.get("step")))}
        if self.slack.user(user) is None:
            raise ActionError(f"unknown person {user!r}")
        handler = {
            "send": self.send,
            "shortcut": self.shortcut,
            "message_shortcut": self.message_shortcut,
            "action": self.action,
            "submit": self.submit,
            "close": self.close,
            "suggest": self.suggest,
            "home": self.home,
            "join": self.join,
        }.get(kind)
        if handler is None:
            raise ActionError(f"unknown action {kind!r}")
        return handler(user, action)

    def _view(self, user: str, action: Mapping[str, Any]) -> dict[str, Any]:
        view_id = str(action.get("view_id") or "")
        home = self.slack.home_view(user)
        if home is not None and home["id"] == view_id:
            return home
        for view in self.slack.modal_stack(user):
            if view["id"] == view_id:
                return view
        raise ActionError(f"no open view {view_id!r}")

    def _with_state(self, user: str, action: Mapping[str, Any]) -> dict[str, Any]:
        view = self._view(user, action)
        raw = action.get("state")
        if isinstance(raw, Mapping):
            self.slack.set_view_state(view["id"], shape_state(view, raw))
        return self._view(user, action)

    # -- the message box and the shortcuts menu ------------------------------------------------

    def send(self, user: str, action: Mapping[str, Any]) -> Result:
        channel, text = str(action.get("in")), str(action.get("text") or "").strip()
        if not text:
            return {}
        if text.startswith("/"):
            command, _, rest = text.partition(" ")
            if command not in {c.command for c in COMMANDS}:
                return {"not_a_command": command}
            answer = self.requests.command(user, channel, command, rest.strip())
            self._reply_in(answer, user, channel)
            return {"status": answer.status}
        self.slack.post_as(user, channel, text)
        return {}

    def _reply_in(self, answer: AppAnswer, user: str, channel: str) -> None:
        """A command's acknowledgement that carries a message: shown as Slack shows it."""
        body = answer.json()
        if body.get("text") or body.get("blocks"):
            self.slack.reply(ResponseContext(user, channel), body)

    def shortcut(self, user: str, action: Mapping[str, Any]) -> Result:
        return {"status": self.requests.shortcut(user, str(action.get("callback_id"))).status}

    def message_shortcut(self, user: str, action: Mapping[str, Any]) -> Result:
        answer = self.requests.message_shortcut(
            user, str(action.get("callback_id")), str(action.get("in")), str(action.get("ts"))
        )
        return {"status": answer.status}

    def join(self, user: str, action: Mapping[str, Any]) -> Result:
        """Someone new joins the workspace: Slack tells the app with team_join."""
        taken = {u.name for u in self.slack.users()}
        newcomer = next((n for n in NEWCOMERS if n[1] not in taken), None)
        if newcomer is None:
            raise ActionError("every newcomer of the demo has joined already")
        user_id, name, tz, locale = newcomer
        email = name.lower().replace(" ", ".") + "@example.com"
        self.slack.add_user(user_id, name, email=email, tz=tz, locale=locale)
        return {"status": self.requests.team_join(user_id).status, "user": user_id}

    def home(self, user: str, action: Mapping[str, Any]) -> Result:
        return {"status": self.requests.app_home_opened(user).status}

    # -- elements ---------------------------------------------------------------------------------

    def action(self, user: str, action: Mapping[str, Any]) -> Result:
        action_id, block_id = str(action.get("action_id")), str(action.get("block_id") or "")
        raw = action.get("raw") if isinstance(action.get("raw"), Mapping) else {}
        assert isinstance(raw, Mapping)
        if action.get("view_id"):
            view = self._with_state(user, action)
            blocks = view.get("blocks")
        else:
            stored = self.slack.message(str(action.get("in")), str(action.get("ts")))
            if stored is None:
                raise ActionError("no such message")
            blocks = stored.blocks
        element = find_element(blocks, action_id)[1]
        if element is None:
            raise ActionError(f"no element {action_id!r}")
        entry = self._entry(element, action_id, block_id, blocks, raw)
        if action.get("view_id"):
            answer = self.requests.view_action(user, entry, view)
        else:
            answer = self.requests.message_action(
                user,
                entry,
                str(action.get("in")),
                str(action.get("ts")),
                ephemeral=bool(action.get("ephemeral")),
            )
        return {"status": answer.status}

    def _entry(
        self, element: Mapping[str, Any], action_id: str, block_id: str, blocks: Any, raw: Mapping[str, Any]
    ) -> dict[str, Any]:
        kind = str(element.get("type"))
        if kind == "button":
            return action_entry(action_id, blocks, None, block_id or None)
        if kind.endswith("external_select"):
            entry = {"action_id": action_id, "block_id": block_id, "type": kind, "action_ts": slack_ts()}
            entry.update({k: v for k, v in shape(element, raw).items() if k != "type"})
            return entry
        chosen = [str(c.get("value")) for c in _chosen(raw)]
        if kind in ("plain_text_input", "number_input"):
            value: Any = raw.get("value")
        elif kind.startswith("multi_") or kind == "checkboxes":
            value = chosen
        else:
            value = chosen[0] if chosen else None
        return action_entry(action_id, blocks, value, block_id or None)

    # -- modals ---------------------------------------------------------------------------------

    def submit(self, user: str, action: Mapping[str, Any]) -> Result:
        view = self._with_state(user, action)
        answer = self.requests.view_submission(user, view)
        body = answer.json()
        response_action = body.get("response_action")
        if answer.status != 200:
            return {"status": answer.status}
        if response_action == "errors":
            self.slack.set_view_errors(
                view["id"], {str(k): str(v) for k, v in dict(body.get("errors") or {}).items()}
            )
        elif response_action in ("update", "push") and isinstance(body.get("view"), dict):
            self.slack.show_modal(user, body["view"], push=response_action == "push")
        elif response_action == "clear":
            self.slack.close_modal(user, all_views=True)
        else:
            self.slack.close_modal(user)
        return {"status": answer.status, "response_action": response_action or ""}

    def close(self, user: str, action: Mapping[str, Any]) -> Result:
        view = self._with_state(user, action)
        if view.get("notify_on_close"):
            self.requests.view_closed(user, view)
        self.slack.close_modal(user)
        return {}

    def suggest(self, user: str, action: Mapping[str, Any]) -> Result:
        view = self._view(user, action)
        answer = self.requests.block_suggestion(
            user,
            view,
            str(action.get("block_id")),
            str(action.get("action_id")),
            str(action.get("value") or ""),
        )
        body = answer.json()
        options = list(body.get("options") or [])
        for group in body.get("option_groups") or []:
            options += list(group.get("options") or [])
        return {
            "options": [
                {"value": str(o.get("value")), "text": str((o.get("text") or {}).get("text", ""))}
                for o in options
                if isinstance(o, Mapping)
            ]
        }
