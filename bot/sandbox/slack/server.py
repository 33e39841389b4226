"""`FakeSlack`: a local stand-in for Slack's Web API, served over HTTP for a real `WebClient`.

    with FakeSlack() as fake:
        client = WebClient(token="xoxb-test", base_url=fake.url)
        client.chat_postMessage(channel="C1", text="hi")
        [call] = fake.wait_for("chat.postMessage")

Every call is recorded (method, decoded args, token); answers are shaped like Slack's; failures,
rate limits and latency can be scripted; Block Kit is validated and refusals kept in `rejections`.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from bot.sandbox.slack.blockkit import check_message
from bot.sandbox.slack.bodies import BodyError, decode_body
from bot.sandbox.slack.directory import FakeChannel, FakeUser, dm_channel_id
from bot.sandbox.slack.inflight import Wire
from bot.sandbox.slack.methods import FakeWorkspace
from bot.sandbox.slack.records import Answer, Call, Rejection, error, ok, rate_limited
from bot.sandbox.slack.state import ResponseContext, StoredMessage
from bot.sandbox.slack.transport import ApiServer, Incoming

RESPONSE_URL_METHOD = "response_url"
POLL_INTERVAL = 0.01  # wait_for


@dataclass
class _Scripted:
    answer: Answer
    times_left: int


class FakeSlack:
    """Slack's Web API on 127.0.0.1 and a free port; use it as a context manager."""

    def __init__(
        self,
        *,
        team_id: str = "T001",
        team_domain: str = "fake",
        bot_user_id: str = "U0BOT",
        bot_id: str = "B0BOT",
        app_id: str = "A0PERFBOT",
        strict_channels: bool = False,
        host: str = "127.0.0.1",
    ) -> None:
        self.workspace = FakeWorkspace(
            team_id=team_id,
            team_domain=team_domain,
            bot_user_id=bot_user_id,
            bot_id=bot_id,
            app_id=app_id,
            strict_channels=strict_channels,
        )
        self.latency = 0.0  # seconds to wait before every answer
        self._host = host
        self._lock = threading.Lock()
        self.add_user(bot_user_id, "perfbot", is_bot=True)
        self._calls: list[Call] = []
        self._scripts: dict[str, deque[_Scripted]] = {}
        self._stubs: dict[str, dict[str, Any]] = {}
        self.wire = Wire()  # calls kept in flight, and dropped when their caller hangs up
        self._server: ApiServer | None = None
        self._page_changes = 0

    # -- lifecycle -----------------------------------------------------------------------------

    def start(self) -> FakeSlack:
        self._server = ApiServer(
            self._host, self._handle, lambda: self.latency, self.wire.hold_for, self.wire.drop
        )
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
            self._server = None

    def __enter__(self) -> FakeSlack:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    @property
    def root_url(self) -> str:
        if self._server is None:
            raise RuntimeError("FakeSlack is not running: use it as a context manager")
        return self._server.root_url

    @property
    def url(self) -> str:
        """The Web API base URL for `WebClient(base_url=...)`, ending in /api/."""
        return self.root_url + "api/"

    def response_url(self, response_id: str | None = None, where: ResponseContext | None = None) -> str:
        """A `response_url` on this fake; POSTs to it are recorded as method "response_url".

        With `where`, what is posted to it lands in that conversation, as Slack would show it."""
        response_id = response_id or uuid.uuid4().hex
        if where is not None:
            with self._lock:
                self.workspace.response_contexts[response_id] = where
        return f"{self.root_url}response/{response_id}"

    # -- the workspace -----------------------------------------------------------------------

    @property
    def team_id(self) -> str:
        return self.workspace.team_id

    @property
    def bot_user_id(self) -> str:
        return self.workspace.bot_user_id

    def add_user(
        self,
        user_id: str,
        name: str,
        email: str | None = None,
        tz: str = "UTC",
        locale: str = "en-US",
        is_bot: bool = False,
        deleted: bool = False,
        is_admin: bool = False,
        is_owner: bool = False,
    ) -> FakeUser:
        user = FakeUser(user_id, name, email, tz, locale, is_bot, deleted, is_admin, is_owner)
        with self._lock:
            self.workspace.users[user_id] = user
        return user

    def user(self, user_id: str) -> FakeUser | None:
        with self._lock:
            return self.workspace.users.get(user_id)

    def add_channel(
        self, channel_id: str, name: str, bot_is_member: bool = True, is_private: bool = False
    ) -> None:
        with self._lock:
            self.workspace.channels[channel_id] = FakeChannel(channel_id, name, bot_is_member, is_private)

    def channel(self, channel_id: str) -> FakeChannel | None:
        with self._lock:
            return self.workspace.channels.get(channel_id)

    def dm_channel_id(self, user_id: str) -> str:
        """The `D…` id `conversations.open` and posts to `U…` give for this person."""
        return dm_channel_id(user_id)

    def issue_trigger_id(self, user_id: str | None = None) -> str:
        """A trigger_id that, like Slack's, opens one view and only within 3 seconds; with
        `user_id`, the modals it opens or pushes go on that person's stack."""
        trigger_id = f"{int(time.time())}.{uuid.uuid4().int % 10**12}.{uuid.uuid4().hex[:32]}"
        with self._lock:
            self.workspace.triggers[trigger_id] = time.monotonic()
            if user_id is not None:
                self.workspace.stacks.trigger_users[trigger_id] = user_id
        return trigger_id

    def view(self, view_id: str) -> dict[str, Any]:
        """The view as last opened, pushed, updated or published (with id, hash and state)."""
        with self._lock:
            return self.workspace.views[view_id]

    def home_view(self, user_id: str) -> dict[str, Any] | None:
        with self._lock:
            view_id = self.workspace.home_view_ids.get(user_id)
            return self.workspace.views.get(view_id) if view_id else None

    # -- what a person sees ----------------------------------------------------------------------

    def messages(self, channel_id: str, user_id: str) -> list[StoredMessage]:
        """The channel's messages as this person sees them: their own ephemerals, no thread replies."""
        with self._lock:
            return list(self.workspace.conversations.visible_to(channel_id, user_id))

    def users(self) -> list[FakeUser]:
        with self._lock:
            return list(self.workspace.users.values())

    def channels(self) -> list[FakeChannel]:
        with self._lock:
            return list(self.workspace.channels.values())

    def replies(self, channel_id: str, ts: str) -> list[StoredMessage]:
        with self._lock:
            return self.workspace.conversations.thread(channel_id, ts)

    def message(self, channel_id: str, ts: str) -> StoredMessage | None:
        with self._lock:
            return self.workspace.conversations.find(channel_id, ts)

    def post_as(self, user_id: str, channel_id: str, text: str) -> StoredMessage:
        """A person's own message (typed into the message box), kept like the bot's."""
        with self._lock:
            ts = self.workspace.next_ts()
            return self.workspace.store(channel_id, ts, {"text": text, "_as_user": user_id})

    def reply(self, where: ResponseContext, args: dict[str, Any]) -> None:
        """A message the app answered with directly (a command's ack with text), shown there."""
        with self._lock:
            self.workspace.respond_in(where, args)

    def modal_stack(self, user_id: str) -> list[dict[str, Any]]:
        """This person's open modals, root first."""
        with self._lock:
            ids = self.workspace.stacks.stacks.get(user_id, [])
            return [self.workspace.views[view_id] for view_id in ids if view_id in self.workspace.views]

    def view_errors(self, view_id: str) -> dict[str, str]:
        with self._lock:
            return dict(self.workspace.stacks.errors.get(view_id, {}))

    def set_view_errors(self, view_id: str, errors: dict[str, str]) -> None:
        with self._lock:
            self.workspace.stacks.errors[view_id] = dict(errors)
            self._page_changes += 1

    def set_view_state(self, view_id: str, values: dict[str, Any]) -> None:
        """What the person has entered so far, as `view.state.values`."""
        with self._lock:
            view = self.workspace.views.get(view_id)
            if view is not None:
                view["state"] = {"values": values}

    def close_modal(self, user_id: str, *, all_views: bool = False) -> None:
        with self._lock:
            if all_views:
                self.workspace.stacks.clear(user_id)
            else:
                self.workspace.stacks.pop(user_id)
            self._page_changes += 1

    def show_modal(self, user_id: str, view: dict[str, Any], *, push: bool) -> dict[str, Any]:
        """A view_submission's `response_action` update or push: the app's view, on the stack."""
        with self._lock:
            stacks = self.workspace.stacks
            beneath = stacks.top(user_id)
            full = self.workspace.full_view(view, self.workspace.next_id("V"))
            if not push:
                stacks.replace_top(user_id, full["id"])
            elif stacks.push(user_id, full["id"]) and beneath is not None:  # a fourth view is refused
                full["previous_view_id"] = beneath
                full["root_view_id"] = stacks.stacks[user_id][0]
            self._page_changes += 1
            return full

    @property
    def changes(self) -> int:
        """Grows whenever something a person could see may have changed."""
        with self._lock:
            return len(self._calls) + self.workspace.conversations.changes + self._page_changes

    # -- recorded calls --------------------------------------------------------------------------

    def calls(self, method: str | None = None) -> list[Call]:
        with self._lock:
            return [call for call in self._calls if method is None or call.method == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """The calls of `method` once there are at least `count`; AssertionError after `timeout` s."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.calls(method)
            if len(found) >= count:
                return found
            if time.monotonic() >= deadline:
                recorded = [
                    f"{call.method} {call.status} {json.dumps(call.args)[:200]}" for call in self.calls()
                ]
                raise AssertionError(
                    f"expected {count} {method} call(s) within {timeout}s, got {len(found)}; "
                    f"recorded: {recorded or 'nothing'}"
                )
            time.sleep(POLL_INTERVAL)

    @property
    def rejections(self) -> list[Rejection]:
        with self._lock:
            return list(self.workspace.rejections)

    def assert_no_rejections(self) -> None:
        rejected = self.rejections
        assert not rejected, f"Slack would have refused: {[(r.method, r.error, r.errors) for r in rejected]}"

    def channel_message_counts(self) -> dict[str, int]:
        """How many messages `chat.postMessage` delivered into each channel (by resolved id)."""
        with self._lock:
            return dict(self.workspace.channel_counts)

    def reset(self) -> None:
        """Forget calls, rejections, scripted failures, stubs and counters; keep users and channels."""
        with self._lock:
            self._calls.clear()
            self._scripts.clear()
            self._stubs.clear()
            self.workspace.rejections.clear()
            self.workspace.channel_counts.clear()
            self.workspace.last_post.clear()

    # -- scripted behaviour ------------------------------------------------------------------------

    def _script(self, method: str, answer: Answer, times: int) -> None:
        with self._lock:
            self._scripts.setdefault(method, deque()).append(_Scripted(answer, times))

    def fail(self, method: str, error: str = "fatal_error", times: int = 1) -> None:
        """The next `times` calls of `method` answer ok:false with `error`."""
        self._script(method, Answer(200, {"ok": False, "error": error}), times)

    def http_error(self, method: str, status: int = 500, times: int = 1) -> None:
        self._script(method, Answer(status, f"{status} fake server error"), times)

    def rate_limit(self, method: str, retry_after: int = 2, times: int = 1) -> None:
        """The next `times` calls of `method` answer HTTP 429 with Retry-After."""
        self._script(method, rate_limited(retry_after), times)

    def stub(self, method: str, response: dict[str, Any]) -> None:
        """Answer every call of `method` with this body (for methods the fake does not implement)."""
        with self._lock:
            self._stubs[method] = response

    def channel_rate_limit(self, per_second: float | None = 1.0) -> None:
        """chat.postMessage into one channel faster than `per_second` answers 429; None turns it off."""
        with self._lock:
            self.workspace.post_interval = None if per_second is None else 1.0 / per_second

    # -- answering ------------------------------------------------------------------------------

    def _scripted(self, method: str) -> Answer | None:
        queue = self._scripts.get(method)
        if not queue:
            return None
        scripted = queue[0]
        scripted.times_left -= 1
        if scripted.times_left <= 0:
            queue.popleft()
        return scripted.answer

    def _handle(self, incoming: Incoming) -> Answer:
        path, raw, authorization = incoming.path, incoming.body, incoming.authorization
        response_id = path.removeprefix("/response/")
        if path.startswith("/api/"):
            method = path.removeprefix("/api/")
        elif path.startswith("/response/"):
            method = RESPONSE_URL_METHOD
        else:
            return Answer(404, "not found")
        token: str | None = None
        failure: str | None = None
        try:
            args = decode_body(incoming.content_type, raw, incoming.query)
        except BodyError as exc:
            args, failure = {"_raw": raw.decode("utf-8", "replace")}, str(exc)
        except UnicodeDecodeError:
            args, failure = {"_raw": raw.decode("utf-8", "replace")}, "invalid_charset"
        if method != RESPONSE_URL_METHOD:
            token = args.pop("token", None)
            if authorization and authorization.startswith("Bearer "):
                token = authorization.removeprefix("Bearer ")
        with self._lock:
            answer = error(failure) if failure else self._answer(method, args, token, response_id)
            self._calls.append(
                Call(method, args, token, answer.status, answer.json_body, path, time.monotonic())
            )
        return answer

    def _answer(self, method: str, args: dict[str, Any], token: str | None, response_id: str) -> Answer:
        scripted = self._scripted(method)
        if scripted is not None:
            return scripted
        if method == RESPONSE_URL_METHOD:
            problem = check_message(args, require_content=not args.get("delete_original"))
            if problem:
                self.workspace.reject(method, problem, args)
                return Answer(400, problem[0])
            self.workspace.respond(response_id, args)
            return ok()
        if not token:
            return error("not_authed")
        if method in self._stubs:
            return Answer(200, self._stubs[method])
        handler = self.workspace.handlers.get(method)
        if handler is None:
            return error("unknown_method", req_method=method)
        return handler(args)
