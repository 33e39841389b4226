"""Signed requests for the ack bench: /praise commands and modal submissions, sent in bursts."""

from __future__ import annotations

import http.client
import statistics
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import Any

from bot.sandbox.slack import FakeSlack
from handlers.praise import Action, Block, PraiseModalState, praise_modal
from models.i18n import translator
from tests.e2e.harness import EVENTS_PATH, HttpResponse, SignedSlackClient

REPO_ROOT = Path(__file__).resolve().parent.parent
ACK_DEADLINE = 3.0  # seconds: Slack shows the user an error after this
GOAL_RATIO = 2.0  # perfbot's p99 may be at most this many times the bare app's
SIGNING_SECRET = "bench-signing-secret"
BOT_TOKEN = "xoxb-bench-token"
CHANNEL_ID = "C0PRAISE"  # the recognition channel every praise is posted in
COMPANY_VALUES = ["ownership", "craft", "kindness"]
BENIGN_WARNING = "`token` will be unused"  # Bolt, when given a client (both apps are)
CLIENT_TIMEOUT = 15.0  # a request not answered by then counts as an error (and over 3 s)
START_TIMEOUT = 60.0
DELIVERY_TIMEOUT = 60.0
APPS = ("bare", "perfbot")


# -- requests, built ahead and fired together ------------------------------------------------------


@dataclass(frozen=True)
class Prepared:
    """One signed request, exactly as Slack would send it to /slack/events."""

    body: bytes
    headers: dict[str, str]


class _Capture(SignedSlackClient):
    """Builds and signs requests with the test harness's payloads, keeping them instead of sending."""

    def __init__(self, fake: FakeSlack) -> None:
        super().__init__("http://unused", SIGNING_SECRET, fake=fake)
        self.captured: list[Prepared] = []

    def raw(self, body: bytes, headers: Mapping[str, str]) -> HttpResponse:
        self.captured.append(Prepared(body, dict(headers)))
        return HttpResponse(0, Message(), "")

    def drain(self) -> list[Prepared]:
        """Everything built since the last drain, in order."""
        built, self.captured = self.captured, []
        return built


@dataclass
class Result:
    seconds: float
    status: int  # 0: no HTTP answer (connection error or timeout)


def send(port: int, request: Prepared) -> Result:
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=CLIENT_TIMEOUT)
    try:
        connection.request("POST", EVENTS_PATH, body=request.body, headers=request.headers)
        response = connection.getresponse()
        response.read()
        status = response.status
    except OSError:
        status = 0
    finally:
        connection.close()
    return Result(time.perf_counter() - started, status)


def burst(port: int, requests: Sequence[Prepared]) -> list[Result]:
    """Every request on its own thread, released together by a barrier."""
    results: list[Result | None] = [None] * len(requests)
    barrier = threading.Barrier(len(requests))

    def fire(index: int) -> None:
        barrier.wait()
        results[index] = send(port, requests[index])

    threads = [threading.Thread(target=fire, args=(i,), daemon=True) for i in range(len(requests))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [r if r is not None else Result(float("inf"), 0) for r in results]


@dataclass
class Stats:
    p50: float
    p99: float
    max: float
    late: int  # over the 3-second deadline or never answered
    errors: int  # not a 200

    @classmethod
    def of(cls, results: Sequence[Result]) -> Stats:
        seconds = sorted(r.seconds for r in results)
        # Linear interpolation between the closest ranks: with 50 requests p99 sits between the two slowest.
        p99 = statistics.quantiles(seconds, n=100, method="inclusive")[98] if len(seconds) > 1 else seconds[0]
        return cls(
            p50=statistics.median(seconds),
            p99=p99,
            max=seconds[-1],
            late=sum(1 for r in results if r.status == 0 or r.seconds > ACK_DEADLINE),
            errors=sum(1 for r in results if r.status != 200),
        )


@dataclass(frozen=True)
class Member:
    user_id: str
    name: str


def make_people(count: int) -> list[Member]:
    return [Member(f"U{1000 + i}", f"Person {i}") for i in range(count)]


@dataclass(frozen=True)
class Pair:
    giver: Member
    recipient: Member


def command_requests(capture: _Capture, pairs: Sequence[Pair]) -> list[Prepared]:
    for n, pair in enumerate(pairs):
        handle = pair.recipient.name.lower().replace(" ", ".")
        text = f"<@{pair.recipient.user_id}|{handle}> thanks for shipping release {n} #ownership"
        capture.command("/praise", text, pair.giver.user_id, channel_id=CHANNEL_ID)
    return capture.drain()


def modal_view() -> dict[str, Any]:
    """The praise modal as perfbot opens it in this workspace (recognition channel set: no channel field)."""
    view = praise_modal(translator("en"), values=COMPANY_VALUES, state=PraiseModalState(), ask_channel=False)
    return view.to_dict()


def modal_requests(capture: _Capture, pairs: Sequence[Pair], message: str | None = None) -> list[Prepared]:
    view = modal_view()
    for n, pair in enumerate(pairs):
        state: dict[str, Any] = {
            Block.RECIPIENTS: {Action.RECIPIENTS: [pair.recipient.user_id]},
            Block.MESSAGE: {
                Action.MESSAGE: f"thanks for the review of change {n}" if message is None else message
            },
            Block.VALUES: {Action.VALUES: ["craft"]},
        }
        capture.view_submission(view, state, pair.giver.user_id)
    return capture.drain()


def help_requests(capture: _Capture, people: Sequence[Member]) -> list[Prepared]:
    for person in people:
        capture.command("/praise", "help", person.user_id, channel_id=CHANNEL_ID)
    return capture.drain()
