"""Delivery over HTTP against the fake Slack: 429 storms, two workers, deactivated recipients."""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import pytest
from slack_sdk import WebClient
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from bot.sandbox.slack import FakeSlack
from models.db import unit_of_work
from models.messaging import OutboxMessage, OutboxStatus, enqueue_welcomes
from scheduler.delivery import Delivery, DeliveryPolicy
from scheduler.sender import Outcome, SlackAnswer
from scheduler.slack_sender import SlackSender
from tests.scheduler.helpers import MONDAY, make_org, rows


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        yield fake


def client(fake: FakeSlack) -> WebClient:
    return WebClient(token="xoxb-test", base_url=fake.url, timeout=5, retry_handlers=[])


def welcome_everyone(
    session_factory: sessionmaker[Session], fake: FakeSlack, people: int, **settings: Any
) -> None:
    with unit_of_work(session_factory) as session:
        org = make_org(session, reports=people - 1, **settings)
        everyone = [org.manager, *org.reports]
        for person in everyone:
            fake.add_user(person.slack_user_id, person.name)
        enqueue_welcomes(session, everyone, MONDAY)


@dataclass
class Attempt:
    at: datetime
    method: str
    answer: SlackAnswer


@dataclass
class RecordingSender:
    """The real SlackSender, with each call's simulated time and answer kept."""

    inner: SlackSender
    now: datetime = MONDAY
    attempts: list[Attempt] = field(default_factory=list)

    def open_dm(self, user_id: str) -> SlackAnswer:
        answer = self.inner.open_dm(user_id)
        self.attempts.append(Attempt(self.now, "conversations.open", answer))
        return answer

    def post_message(self, channel: str, text: str, blocks: list[dict[str, Any]]) -> SlackAnswer:
        answer = self.inner.post_message(channel, text, blocks)
        self.attempts.append(Attempt(self.now, "chat.postMessage", answer))
        return answer


def next_due(session_factory: sessionmaker[Session]) -> datetime | None:
    with session_factory() as session:
        return session.scalar(
            select(func.min(OutboxMessage.not_before)).where(OutboxMessage.status == OutboxStatus.QUEUED)
        )


def test_a_429_storm_loses_nothing_and_never_sends_before_retry_after(
    session_factory: sessionmaker[Session], fake: FakeSlack
) -> None:
    welcome_everyone(session_factory, fake, 30, send_budget_per_minute=6000)
    rng = random.Random(20261123)
    for _ in range(25):
        fake.rate_limit("chat.postMessage", retry_after=rng.randint(1, 30))
    for _ in range(5):
        fake.rate_limit("conversations.open", retry_after=rng.randint(1, 30))
    sender = RecordingSender(SlackSender(client(fake)))
    worker = Delivery(session_factory, sender)
    for _ in range(200):  # simulated time jumps from one due row to the next
        due = next_due(session_factory)
        if due is None:
            break
        sender.now = max(sender.now, due)
        worker.drain(sender.now)
    assert {m.status for m in rows(session_factory)} == {OutboxStatus.SENT}
    counts = fake.channel_message_counts()
    assert len(counts) == 30 and set(counts.values()) == {1}, "each person got exactly one message"
    limited = [a for a in sender.attempts if a.answer.outcome is Outcome.RATE_LIMITED]
    assert len(limited) == 30
    for hit in limited:
        resume = hit.at + timedelta(seconds=hit.answer.retry_after)
        early = [a for a in sender.attempts if a.method == hit.method and hit.at < a.at < resume]
        assert early == [], f"{hit.method} called before Retry-After had passed"
    assert {m.attempts for m in rows(session_factory)} == {1}, "429s are not counted as attempts"
    fake.assert_no_rejections()


def test_a_recipient_slack_reports_deactivated_fails_with_the_reason(
    session_factory: sessionmaker[Session], fake: FakeSlack
) -> None:
    welcome_everyone(session_factory, fake, 2)
    fake.fail("conversations.open", error="user_disabled")
    stats = Delivery(session_factory, SlackSender(client(fake))).drain(MONDAY)
    assert (stats.sent, stats.failed) == (1, 1)
    failed = [m for m in rows(session_factory) if m.status == OutboxStatus.FAILED]
    assert [m.last_error for m in failed] == ["conversations.open: user_disabled"]


def test_two_delivery_workers_on_postgresql_send_each_row_exactly_once(
    engine: Engine, session_factory: sessionmaker[Session], fake: FakeSlack
) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL-only behaviour: two workers claim with FOR UPDATE SKIP LOCKED")
    welcome_everyone(session_factory, fake, 120, send_budget_per_minute=100_000)
    fake.latency = 0.002  # let the workers' passes overlap
    start = threading.Barrier(2)
    sent: dict[str, int] = {}

    def work(name: str) -> None:
        worker = Delivery(
            session_factory, SlackSender(client(fake)), worker_id=name, policy=DeliveryPolicy(batch_size=5)
        )
        start.wait()
        total = 0
        while (stats := worker.deliver_due(MONDAY)).claimed:
            total += stats.sent
        sent[name] = total

    threads = [threading.Thread(target=work, args=(name,)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sent["a"] + sent["b"] == 120 and sent["a"] and sent["b"]
    assert len(fake.calls("chat.postMessage")) == 120
    assert set(fake.channel_message_counts().values()) == {1}
    assert {m.status for m in rows(session_factory)} == {OutboxStatus.SENT}


def test_the_weekly_digest_names_who_was_recognised_for_which_values(
    session_factory: sessionmaker[Session], fake: FakeSlack
) -> None:
    from scheduler.jobs.praise import digest as recognition_digest
    from tests.factories import make_person
    from tests.scheduler.helpers import praise

    friday = MONDAY + timedelta(days=4, hours=6)
    with unit_of_work(session_factory) as session:
        org = make_org(session, reports=2, recognition_channel_id="CRECOG")
        ana, bo = org.reports
        praise(session, org.manager, [ana], MONDAY, ["craft", "teamwork"])
        praise(session, bo, [ana], MONDAY + timedelta(days=1), ["craft"])
        praise(session, ana, [bo], MONDAY + timedelta(days=2))
        crowd = [make_person(session, org.workspace, f"UC{i:03d}", name=f"Crowd {i:03d}") for i in range(400)]
        praise(session, org.manager, crowd, MONDAY + timedelta(days=3), ["ownership"])
        assert recognition_digest.sweep(session, friday) == 1
    assert Delivery(session_factory, SlackSender(client(fake))).drain(friday).sent == 1
    fake.assert_no_rejections()
    [post] = fake.calls("chat.postMessage")
    assert post.args["channel"] == "CRECOG"
    blocks = post.args["blocks"]
    assert len(blocks) <= 50 and all(len(b.get("text", {}).get("text", "")) <= 3000 for b in blocks)
    text = "\n".join(b["text"]["text"] for b in blocks if b["type"] == "section")
    # Values in the workspace's order, givers in order of their praise, people by name; no counts.
    assert f"<@{ana.slack_user_id}> for #teamwork, #craft, from <@UMGR>, <@{bo.slack_user_id}>" in text
    assert f"<@{bo.slack_user_id}>, from <@{ana.slack_user_id}>" in text
    assert text.index("<@UC399>") < text.index(f"<@{ana.slack_user_id}>")
