"""The Web API methods the fake answers, with Slack's default answers and errors.

`FakeWorkspace` is not thread-safe by itself: `FakeSlack` calls it under its lock.
"""

from __future__ import annotations

import itertools
import math
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from bot.sandbox.slack.blockkit import Problem, check_message, check_view
from bot.sandbox.slack.bodies import is_true
from bot.sandbox.slack.directory import (
    FakeChannel,
    FakeUser,
    dm_channel_id,
    im_to_slack,
    users_info,
    users_list,
    users_lookup_by_email,
)
from bot.sandbox.slack.records import Answer, Rejection, error, ok, rate_limited
from bot.sandbox.slack.state import Conversations, ResponseContext, StoredMessage, ViewStacks

TRIGGER_LIFETIME = 3.0  # seconds a trigger_id can be exchanged for a modal
CREATED_AT = 1_700_000_000
FIRST_TS = 1_700_000_000_000_000  # microseconds; message ts count up from 1700000000.000100

Handler = Callable[[dict[str, Any]], Answer]


class FakeWorkspace:
    def __init__(
        self,
        *,
        team_id: str,
        team_domain: str,
        bot_user_id: str,
        bot_id: str,
        app_id: str,
        strict_channels: bool,
    ) -> None:
        self.team_id, self.team_domain = team_id, team_domain
        self.bot_user_id, self.bot_id, self.app_id = bot_user_id, bot_id, app_id
        self.strict_channels = strict_channels
        self.users: dict[str, FakeUser] = {}
        self.channels: dict[str, FakeChannel] = {}
        self.dm_users: dict[str, str] = {}  # D… id → user id
        self.views: dict[str, dict[str, Any]] = {}
        self.home_view_ids: dict[str, str] = {}
        self.triggers: dict[str, float | None] = {}  # issued trigger_id → issued at, None once used
        self.rejections: list[Rejection] = []
        self.channel_counts: Counter[str] = Counter()
        self.post_interval: float | None = None
        self.last_post: dict[str, float] = {}
        self._serial = itertools.count(1)
        self.conversations = Conversations()
        self.stacks = ViewStacks()
        self.response_contexts: dict[str, ResponseContext] = {}
        self.now: Callable[[], datetime] = lambda: datetime.now(UTC)  # when messages were posted
        self.permalink_base: str | None = None  # a page showing the conversations, instead of Slack
        self.handlers: dict[str, Handler] = {
            "auth.test": self.auth_test,
            "chat.postMessage": self.chat_post_message,
            "chat.postEphemeral": self.chat_post_ephemeral,
            "chat.update": self.chat_update,
            "chat.delete": self.chat_delete,
            "chat.getPermalink": self.chat_get_permalink,
            "views.open": lambda args: self.views_open_or_push("views.open", args),
            "views.push": lambda args: self.views_open_or_push("views.push", args),
            "views.update": self.views_update,
            "views.publish": self.views_publish,
            "users.info": lambda args: users_info(self.users, self.team_id, args),
            "users.lookupByEmail": lambda args: users_lookup_by_email(self.users, self.team_id, args),
            "users.list": lambda args: users_list(self.users, self.team_id, args),
            "conversations.open": self.conversations_open,
            "conversations.join": self.conversations_join,
            "conversations.info": self.conversations_info,
        }

    # -- helpers -----------------------------------------------------------------------------

    def next_id(self, prefix: str) -> str:
        return f"{prefix}{next(self._serial):08d}"

    def next_ts(self) -> str:
        micros = FIRST_TS + 100 * next(self._serial)
        return f"{micros // 1_000_000}.{micros % 1_000_000:06d}"

    def reject(self, method: str, problem: Problem, args: dict[str, Any]) -> Answer:
        code, reasons = problem
        self.rejections.append(Rejection(method, code, reasons, args))
        return error(code, *reasons)

    def dm_with(self, user_id: str) -> str:
        channel_id = dm_channel_id(user_id)
        self.dm_users[channel_id] = user_id
        return channel_id

    def find_channel(self, channel: str) -> FakeChannel | None:
        if channel.startswith("#"):
            return next((c for c in self.channels.values() if c.name == channel[1:]), None)
        return self.channels.get(channel)

    def resolve_channel(self, channel: Any) -> tuple[str | None, str | None]:
        """(channel id, None) or (None, Slack error). A user id means the app's DM with that person."""
        if not isinstance(channel, str) or not channel:
            return None, "channel_not_found"
        if channel[0] in "UW":
            return self.dm_with(channel), None
        if channel[0] == "D":
            return channel, None
        known = self.find_channel(channel)
        if known is None:
            if self.strict_channels:
                return None, "channel_not_found"
            known = FakeChannel(channel, channel.lstrip("#").lower(), bot_is_member=True)
            if channel.startswith("#"):
                known.id = self.next_id("C")
            self.channels[known.id] = known
        return known.id, None

    def channel_for_post(self, channel: Any) -> tuple[str | None, str | None]:
        channel_id, failure = self.resolve_channel(channel)
        known = self.channels.get(channel_id or "")
        if known is not None and not known.bot_is_member:
            return None, "not_in_channel"
        return channel_id, failure

    def message(self, args: dict[str, Any], ts: str) -> dict[str, Any]:
        message: dict[str, Any] = {
            "type": "message",
            "text": args.get("text") or "",
            "user": self.bot_user_id,
            "bot_id": self.bot_id,
            "app_id": self.app_id,
            "team": self.team_id,
            "ts": ts,
        }
        for key in ("blocks", "attachments", "thread_ts", "metadata"):
            if args.get(key) is not None:
                message[key] = args[key]
        return message

    def full_view(
        self, view: dict[str, Any], view_id: str, root_view_id: str | None = None
    ) -> dict[str, Any]:
        """The view as Slack returns it: what was sent plus id, hash, state and app fields."""
        full = {
            "id": view_id,
            "team_id": self.team_id,
            "private_metadata": "",
            "callback_id": "",
            "external_id": "",
            "state": {"values": {}},
            "hash": f"{int(time.time())}.{next(self._serial)}",
            "clear_on_close": False,
            "notify_on_close": False,
            "previous_view_id": None,
            "root_view_id": root_view_id or view_id,
            "app_id": self.app_id,
            "app_installed_team_id": self.team_id,
            "bot_id": self.bot_id,
            **view,
        }
        full["id"] = view_id
        self.views[view_id] = full
        return full

    # -- methods -----------------------------------------------------------------------------

    def auth_test(self, args: dict[str, Any]) -> Answer:
        bot = self.users.get(self.bot_user_id)
        return ok(
            url=f"https://{self.team_domain}.slack.com/",
            team=self.team_domain,
            user=bot.name if bot else "perfbot",
            team_id=self.team_id,
            user_id=self.bot_user_id,
            bot_id=self.bot_id,
            is_enterprise_install=False,
        )

    def chat_post_message(self, args: dict[str, Any]) -> Answer:
        channel_id, failure = self.channel_for_post(args.get("channel"))
        if channel_id is None:
            return error(failure or "channel_not_found")
        if self.post_interval is not None:
            now, last = time.monotonic(), self.last_post.get(channel_id)
            if last is not None and now - last < self.post_interval:
                return rate_limited(max(1, math.ceil(self.post_interval - (now - last))))
        problem = check_message(args)
        if problem:
            return self.reject("chat.postMessage", problem, args)
        ts = self.next_ts()
        self.channel_counts[channel_id] += 1
        self.last_post[channel_id] = time.monotonic()
        self.store(channel_id, ts, args)
        return ok(channel=channel_id, ts=ts, message=self.message(args, ts))

    def chat_post_ephemeral(self, args: dict[str, Any]) -> Answer:
        channel_id, failure = self.channel_for_post(args.get("channel"))
        if channel_id is None:
            return error(failure or "channel_not_found")
        user = args.get("user")
        known = self.users.get(user) if isinstance(user, str) else None
        if not user or (known is not None and known.deleted):
            return error("user_not_found")
        problem = check_message(args)
        if problem:
            return self.reject("chat.postEphemeral", problem, args)
        ts = self.next_ts()
        self.store(channel_id, ts, args, ephemeral_to=str(user))
        return ok(message_ts=ts)

    def chat_update(self, args: dict[str, Any]) -> Answer:
        channel_id, failure = self.resolve_channel(args.get("channel"))
        if channel_id is None:
            return error(failure or "channel_not_found")
        ts = args.get("ts")
        if not ts:
            return error("message_not_found")
        problem = check_message(args)
        if problem:
            return self.reject("chat.update", problem, args)
        self.conversations.update(channel_id, str(ts), str(args.get("text") or ""), _blocks(args))
        return ok(channel=channel_id, ts=ts, text=args.get("text") or "", message=self.message(args, str(ts)))

    def chat_get_permalink(self, args: dict[str, Any]) -> Answer:
        channel_id, failure = self.resolve_channel(args.get("channel"))
        ts = args.get("message_ts")
        if channel_id is None:
            return error(failure or "channel_not_found")
        if not ts:
            return error("message_not_found")
        permalink = f"https://{self.team_domain}.slack.com/archives/{channel_id}/p{str(ts).replace('.', '')}"
        if self.permalink_base:
            permalink = f"{self.permalink_base}?in={channel_id}#m{str(ts).replace('.', '')}"
        return ok(channel=channel_id, permalink=permalink)

    def exchange_trigger(self, trigger_id: Any) -> Answer | None:
        """None when the trigger may open a view; triggers the fake never issued are taken on trust."""
        if not trigger_id:
            return error("invalid_arguments", "missing required field: trigger_id")
        if trigger_id not in self.triggers:
            return None
        issued_at = self.triggers[trigger_id]
        if issued_at is None:
            return error("exchanged_trigger_id")
        self.triggers[trigger_id] = None
        if time.monotonic() - issued_at > TRIGGER_LIFETIME:
            return error("expired_trigger_id")
        return None

    def views_open_or_push(self, method: str, args: dict[str, Any]) -> Answer:
        view = args.get("view")
        problem = check_view(view, expected_types=("modal",))
        if problem:
            return self.reject(method, problem, args)
        refused = self.exchange_trigger(args.get("trigger_id") or args.get("interactivity_pointer"))
        if refused:
            return refused
        assert isinstance(view, dict)
        full = self.full_view(view, self.next_id("V"))
        user_id = self.stacks.user_of(str(args.get("trigger_id") or args.get("interactivity_pointer")))
        if user_id is not None:
            beneath = self.stacks.top(user_id)
            if method == "views.open":
                self.stacks.open(user_id, full["id"])
            elif not self.stacks.push(user_id, full["id"]):
                return error("push_limit_reached")
            elif beneath is not None:  # as Slack says where a pushed view sits
                full["previous_view_id"] = beneath
                full["root_view_id"] = self.stacks.stacks[user_id][0]
        return ok(view=full)

    def views_update(self, args: dict[str, Any]) -> Answer:
        view = args.get("view")
        view_id, external_id = args.get("view_id"), args.get("external_id")
        if not view_id and not external_id:
            return error("invalid_arguments", "view_id or external_id is required")
        problem = check_view(view, expected_types=("modal", "home"))
        if problem:
            return self.reject("views.update", problem, args)
        assert isinstance(view, dict)
        if not view_id:
            found = (v["id"] for v in self.views.values() if v.get("external_id") == external_id)
            view_id = next(found, None)
            if view_id is None:
                return error("not_found")
        current = self.views.get(str(view_id))
        if current is not None and args.get("hash") and args["hash"] != current["hash"]:
            return error("hash_conflict")
        root = current["root_view_id"] if current else None
        self.stacks.errors.pop(str(view_id), None)
        return ok(view=self.full_view(view, str(view_id), root))

    def views_publish(self, args: dict[str, Any]) -> Answer:
        user_id = args.get("user_id")
        if not user_id:
            return error("invalid_arguments", "missing required field: user_id")
        problem = check_view(args.get("view"), expected_types=("home",))
        if problem:
            return self.reject("views.publish", problem, args)
        view_id = self.home_view_ids.setdefault(str(user_id), self.next_id("V"))
        current = self.views.get(view_id)
        if current is not None and args.get("hash") and args["hash"] != current["hash"]:
            return error("hash_conflict")
        return ok(view=self.full_view(dict(args["view"]), view_id))

    def conversations_open(self, args: dict[str, Any]) -> Answer:
        users = [u.strip() for u in str(args.get("users") or "").split(",") if u.strip()]
        if args.get("channel"):
            channel_id, failure = self.resolve_channel(args["channel"])
            return ok(channel={"id": channel_id}) if channel_id else error(failure or "channel_not_found")
        if not users:
            return error("users_list_not_supplied")
        if len(users) > 1:
            return ok(channel={"id": "G" + "".join(sorted(u[1:] for u in users))})
        channel_id = self.dm_with(users[0])
        if is_true(args.get("return_im")):
            return ok(no_op=True, already_open=True, channel=im_to_slack(channel_id, users[0]))
        return ok(no_op=True, already_open=True, channel={"id": channel_id})

    def conversations_join(self, args: dict[str, Any]) -> Answer:
        channel_id, failure = self.resolve_channel(args.get("channel"))
        channel = self.channels.get(channel_id or "")
        if channel is None:
            return error(
                "method_not_supported_for_channel_type" if channel_id else failure or "channel_not_found"
            )
        if channel.bot_is_member:
            warning = "already_in_channel"
            return ok(channel=channel.to_slack(), warning=warning, response_metadata={"warnings": [warning]})
        channel.bot_is_member = True
        return ok(channel=channel.to_slack())

    def conversations_info(self, args: dict[str, Any]) -> Answer:
        channel_id, failure = self.resolve_channel(args.get("channel"))
        if channel_id is None:
            return error(failure or "channel_not_found")
        channel = self.channels.get(channel_id)
        if channel is None:
            return ok(channel=im_to_slack(channel_id, self.dm_users.get(channel_id)))
        return ok(channel=channel.to_slack())

    def chat_delete(self, args: dict[str, Any]) -> Answer:
        channel_id, failure = self.resolve_channel(args.get("channel"))
        if channel_id is None:
            return error(failure or "channel_not_found")
        if not self.conversations.delete(channel_id, str(args.get("ts"))):
            return error("message_not_found")
        return ok(channel=channel_id, ts=args.get("ts"))

    # -- what the workspace remembers ------------------------------------------------------------

    def store(
        self, channel_id: str, ts: str, args: dict[str, Any], *, ephemeral_to: str | None = None
    ) -> StoredMessage:
        thread_ts = args.get("thread_ts")
        return self.conversations.post(
            StoredMessage(
                channel=channel_id,
                ts=ts,
                user=str(args.get("_as_user") or self.bot_user_id),
                text=str(args.get("text") or ""),
                blocks=_blocks(args),
                posted_at=self.now(),
                thread_ts=str(thread_ts) if thread_ts else None,
                ephemeral_to=ephemeral_to,
            )
        )

    def respond(self, response_id: str, args: dict[str, Any]) -> None:
        """A POST to a response_url: replace, delete, or add an ephemeral or in-channel message."""
        where = self.response_contexts.get(response_id)
        if where is not None:
            self.respond_in(where, args)

    def respond_in(self, where: ResponseContext, args: dict[str, Any]) -> None:
        original = where.message_ts
        if is_true(args.get("delete_original")) and original:
            self.conversations.delete(where.channel, original)
            return
        if is_true(args.get("replace_original")) and original:
            self.conversations.update(where.channel, original, str(args.get("text") or ""), _blocks(args))
            return
        in_channel = args.get("response_type") == "in_channel"
        self.store(where.channel, self.next_ts(), args, ephemeral_to=None if in_channel else where.user)


def _blocks(args: dict[str, Any]) -> list[dict[str, Any]] | None:
    blocks = args.get("blocks")
    return [dict(b) for b in blocks if isinstance(b, dict)] if isinstance(blocks, list) else None
