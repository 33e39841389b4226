"""SlackSender over a real WebClient and the fake Slack: every answer sorted into one outcome."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from slack_sdk import WebClient

from bot.sandbox.slack import FakeSlack
from scheduler.sender import Outcome
from scheduler.slack_sender import SlackSender


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        fake.add_user("U1", "Ana")
        yield fake


def sender_for(url: str, timeout: int = 5) -> SlackSender:
    return SlackSender(WebClient(token="xoxb-test", base_url=url, timeout=timeout, retry_handlers=[]))


def test_open_and_post_answer_the_channel_and_ts(fake: FakeSlack) -> None:
    sender = sender_for(fake.url)
    opened = sender.open_dm("U1")
    assert (opened.outcome, opened.channel) == (Outcome.OK, fake.dm_channel_id("U1"))
    posted = sender.post_message(opened.channel or "", "hello", [])
    assert posted.ok and posted.channel == opened.channel and posted.ts
    assert fake.calls("chat.postMessage")[0].args["text"] == "hello"


@pytest.mark.parametrize(
    "error", ["user_not_found", "user_disabled", "account_inactive", "channel_not_found", "not_in_channel"]
)
def test_permanent_errors(fake: FakeSlack, error: str) -> None:
    fake.fail("chat.postMessage", error=error)
    answer = sender_for(fake.url).post_message("G1", "hello", [])  # a private channel: no joining
    assert (answer.outcome, answer.error) == (Outcome.PERMANENT, error)


def test_a_public_channel_the_bot_is_not_in_is_joined_then_posted_to(fake: FakeSlack) -> None:
    fake.add_channel("C_KUDOS", "kudos", bot_is_member=False)
    answer = sender_for(fake.url).post_message("C_KUDOS", "digest", [])
    assert answer.ok and [c.args["channel"] for c in fake.calls("conversations.join")] == ["C_KUDOS"]
    assert [c.ok for c in fake.calls("chat.postMessage")] == [False, True]


def test_a_channel_that_cannot_be_joined_stays_a_permanent_failure(fake: FakeSlack) -> None:
    fake.add_channel("C_ARCHIVED", "old", bot_is_member=False)
    fake.fail("conversations.join", error="is_archived")
    answer = sender_for(fake.url).post_message("C_ARCHIVED", "digest", [])
    assert (answer.outcome, answer.error) == (Outcome.PERMANENT, "not_in_channel")
    assert len(fake.calls("chat.postMessage")) == 1


@pytest.mark.parametrize("error", ["fatal_error", "internal_error", "service_unavailable", "something_new"])
def test_other_slack_errors_are_transient(fake: FakeSlack, error: str) -> None:
    fake.fail("chat.postMessage", error=error)
    assert sender_for(fake.url).post_message("C1", "hello", []).outcome is Outcome.TRANSIENT


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_server_errors_are_transient(fake: FakeSlack, status: int) -> None:
    fake.http_error("chat.postMessage", status=status)
    answer = sender_for(fake.url).post_message("C1", "hello", [])
    assert (answer.outcome, answer.error) == (Outcome.TRANSIENT, f"HTTP {status}")


def test_a_429_carries_its_retry_after(fake: FakeSlack) -> None:
    fake.rate_limit("conversations.open", retry_after=7)
    answer = sender_for(fake.url).open_dm("U1")
    assert (answer.outcome, answer.retry_after) == (Outcome.RATE_LIMITED, 7.0)


def test_a_timeout_is_transient(fake: FakeSlack) -> None:
    fake.latency = 1.5
    answer = sender_for(fake.url, timeout=1).post_message("C1", "hello", [])
    assert answer.outcome is Outcome.TRANSIENT
    assert answer.error.startswith("no answer from Slack")


def test_a_refused_connection_is_transient() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    answer = sender_for(f"http://127.0.0.1:{port}/api/").post_message("C1", "hello", [])
    assert answer.outcome is Outcome.TRANSIENT
