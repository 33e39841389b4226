"""What the Slack stand-in remembers: messages with threads, edits and ephemerals; modal stacks.

Not thread-safe by itself: the stand-in calls it under its lock.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass
class StoredMessage:
    channel: str
    ts: str
    user: str
    text: str
    blocks: list[dict[str, Any]] | None
    posted_at: datetime
    thread_ts: str | None = None
    ephemeral_to: str | None = None  # the one person who sees it
    edited: bool = False
    replies: list[str] = field(default_factory=list)

    def to_slack(self) -> dict[str, Any]:
        """The message as Slack echoes it in payloads (`message` of block_actions)."""
        message: dict[str, Any] = {"type": "message", "user": self.user, "text": self.text, "ts": self.ts}
        if self.blocks is not None:
            message["blocks"] = copy.deepcopy(self.blocks)
        if self.thread_ts:
            message["thread_ts"] = self.thread_ts
        return message


class Conversations:
    def __init__(self) -> None:
        self.messages: dict[str, list[StoredMessage]] = {}
        self.changes = 0  # grows with every change, so a page can tell it is out of date

    def post(self, message: StoredMessage) -> StoredMessage:
        self.messages.setdefault(message.channel, []).append(message)
        if message.thread_ts:
            parent = self.find(message.channel, message.thread_ts)
            if parent is not None:
                parent.replies.append(message.ts)
        self.changes += 1
        return message

    def find(self, channel: str, ts: str) -> StoredMessage | None:
        return next((m for m in self.messages.get(channel, []) if m.ts == ts), None)

    def update(self, channel: str, ts: str, text: str, blocks: list[dict[str, Any]] | None) -> bool:
        found = self.find(channel, ts)
        if found is None:
            return False
        found.text, found.blocks, found.edited = text, blocks, True
        self.changes += 1
        return True

    def delete(self, channel: str, ts: str) -> bool:
        kept = [m for m in self.messages.get(channel, []) if m.ts != ts]
        removed = len(kept) != len(self.messages.get(channel, []))
        self.messages[channel] = kept
        self.changes += removed
        return removed

    def visible_to(self, channel: str, user_id: str) -> list[StoredMessage]:
        """A channel's top-level messages as this person sees them (their own ephemerals only)."""
        return [
            m
            for m in self.messages.get(channel, [])
            if (m.ephemeral_to is None or m.ephemeral_to == user_id) and not m.thread_ts
        ]

    def thread(self, channel: str, ts: str) -> list[StoredMessage]:
        return [m for m in self.messages.get(channel, []) if m.thread_ts == ts and m.ts != ts]


MODAL_STACK_MAX = 3  # root + 2 pushes, as Slack allows


@dataclass(frozen=True)
class ResponseContext:
    """Where a `response_url` answers: the person who acted, in which channel, under which message."""

    user: str
    channel: str
    message_ts: str | None = None


class ViewStacks:
    """Each person's open modals (root first) and the bot's inline errors on them."""

    def __init__(self) -> None:
        self.stacks: dict[str, list[str]] = {}
        self.errors: dict[str, dict[str, str]] = {}
        self.trigger_users: dict[str, str] = {}

    def user_of(self, trigger_id: str) -> str | None:
        return self.trigger_users.get(trigger_id)

    def open(self, user_id: str, view_id: str) -> None:
        self.stacks[user_id] = [view_id]

    def push(self, user_id: str, view_id: str) -> bool:
        stack = self.stacks.setdefault(user_id, [])
        if len(stack) >= MODAL_STACK_MAX:
            return False
        stack.append(view_id)
        return True

    def replace_top(self, user_id: str, view_id: str) -> None:
        stack = self.stacks.setdefault(user_id, [])
        if stack:
            stack[-1] = view_id
        else:
            stack.append(view_id)

    def top(self, user_id: str) -> str | None:
        stack = self.stacks.get(user_id)
        return stack[-1] if stack else None

    def pop(self, user_id: str) -> str | None:
        stack = self.stacks.get(user_id)
        return stack.pop() if stack else None

    def clear(self, user_id: str) -> None:
        self.stacks.pop(user_id, None)
