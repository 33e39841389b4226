"""What the page shows one person: their sidebar, the open conversation or Home tab, their modal."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from markupsafe import Markup

from bot.sandbox.blocks import Surface, render_blocks
from bot.sandbox.manifest import COMMANDS, GLOBAL_SHORTCUTS, MESSAGE_SHORTCUTS
from bot.sandbox.mrkdwn import Directory, render_mrkdwn
from bot.sandbox.slack import FakeSlack, FakeUser
from bot.sandbox.words import page_words
from models.i18n import translator

HOME = "home"
API_CALLS_SHOWN = 40


@dataclass(frozen=True)
class Shown:
    ts: str
    author: str
    initials: str
    is_bot: bool
    time: str
    body: Markup
    ephemeral: bool
    edited: bool
    replies: list[Shown]


def _initials(name: str) -> str:
    parts = [p for p in name.split() if p]
    return "".join(p[0] for p in parts[:2]).upper() or "?"


def _json(value: Any, limit: int = 4000) -> str:
    text = json.dumps(value, ensure_ascii=False, indent=1, default=str)
    return text if len(text) <= limit else text[:limit] + " …"


class PageModel:
    def __init__(self, slack: FakeSlack, viewer: FakeUser, where: str, now: datetime) -> None:
        self.slack, self.viewer, self.where, self.now = slack, viewer, where, now
        self.t = translator(viewer.locale)
        self.words = page_words(self.t)
        people = [u for u in slack.users() if not u.is_bot and not u.deleted]
        self.people = sorted(people, key=lambda u: u.name)
        self.channels = sorted(slack.channels(), key=lambda c: c.name)
        self.dm = slack.dm_channel_id(viewer.id)
        self.directory = Directory(
            users={u.id: u.name for u in slack.users()},
            channels={c.id: c.name for c in self.channels},
            tz=viewer.tz,
        )
        self.commands, self.global_shortcuts, self.message_shortcuts = (
            COMMANDS,
            GLOBAL_SHORTCUTS,
            MESSAGE_SHORTCUTS,
        )

    def surface(self, kind: str, view: dict[str, Any] | None = None) -> Surface:
        state = (view or {}).get("state", {}).get("values", {}) if view else {}
        errors = self.slack.view_errors(view["id"]) if view else {}
        return Surface(
            kind=kind,
            directory=self.directory,
            state=state,
            errors=errors,
            words=self.words,
            people=tuple((u.id, u.name) for u in self.people),
            conversations=tuple((c.id, "#" + c.name) for c in self.channels),
        )

    @property
    def title(self) -> str:
        if self.where == HOME or self.where == self.dm:
            return "perfbot"
        channel = self.slack.channel(self.where)
        return "#" + (channel.name if channel else self.where)

    @property
    def placeholder(self) -> str:
        return self.words["message_to"].replace("{channel}", self.title)

    def local_time(self, when: datetime) -> str:
        return when.astimezone(ZoneInfo(self.viewer.tz)).strftime("%H:%M")

    def clock_text(self) -> str:
        """The sandbox's time as the reader's clock shows it, in their language and zone."""
        local = self.now.astimezone(ZoneInfo(self.viewer.tz))
        return format_datetime(local, "EEE yyyy-MM-dd HH:mm", locale=self.t.locale) + " " + self.viewer.tz

    def messages(self) -> list[Shown]:
        if self.where == HOME:
            return []
        surface = self.surface("message")
        shown = []
        for message in self.slack.messages(self.where, self.viewer.id):
            replies = [
                self._shown(reply, surface, []) for reply in self.slack.replies(self.where, message.ts)
            ]
            shown.append(self._shown(message, surface, replies))
        return shown

    def _shown(self, message: Any, surface: Surface, replies: list[Shown]) -> Shown:
        author = self.slack.user(message.user)
        name = author.name if author else message.user
        body = (
            render_blocks(message.blocks, surface)
            if message.blocks
            else render_mrkdwn(message.text, self.directory)
        )
        return Shown(
            ts=message.ts,
            author=name,
            initials=_initials(name),
            is_bot=bool(author and author.is_bot),
            time=self.local_time(message.posted_at),
            body=body,
            ephemeral=message.ephemeral_to is not None,
            edited=message.edited,
            replies=replies,
        )

    def home(self) -> Markup | None:
        view = self.slack.home_view(self.viewer.id)
        return render_blocks(view.get("blocks"), self.surface("home", view)) if view else None

    def home_view_id(self) -> str:
        view = self.slack.home_view(self.viewer.id)
        return str(view["id"]) if view else ""

    def modal(self) -> dict[str, Any] | None:
        stack = self.slack.modal_stack(self.viewer.id)
        if not stack:
            return None
        view = stack[-1]
        errors = self.slack.view_errors(view["id"])
        key = hashlib.sha1(
            f"{view['id']}:{view.get('hash')}:{json.dumps(errors, sort_keys=True)}".encode()
        ).hexdigest()
        return {
            "view": view,
            "key": key,
            "depth": len(stack),
            "body": render_blocks(view.get("blocks"), self.surface("modal", view)),
        }

    def api_calls(self) -> list[dict[str, str]]:
        calls = [c for c in self.slack.calls() if c.method != "auth.test"][-API_CALLS_SHOWN:]
        return [
            {
                "method": call.method,
                "ok": "ok" if call.ok else "error",
                "args": _json(call.args),
                "response": _json(call.response),
            }
            for call in reversed(calls)
        ]
