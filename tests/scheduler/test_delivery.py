"""Delivery against a scripted sender: working hours, limits, retries, permanent failures and the
one-message duplicate window."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.orm import Session, sessionmaker

from models.db import unit_of_work
from models.messaging import MessageKind, NewMessage, OutboxStatus, enqueue, enqueue_welcome
from models.people import Person
from models.praise import record_signal
from scheduler.delivery import Delivery, DeliveryPolicy
from scheduler.jobs.praise import nudge as praise_nudge
from scheduler.sender import Outcome, SlackAnswer
from tests.scheduler.helpers import MONDAY, FakeSender, Org, make_org, praise, row, rows


@pytest.fixture
def org(session_factory: sessionmaker[Session]) -> Org:
    with unit_of_work(session_factory) as session:
        return make_org(session, reports=1)


def nudge(session_factory: sessionmaker[Session], org: Org) -> int:
    with unit_of_work(session_factory) as session:
        assert praise_nudge.sweep(session, MONDAY) >= 1
    return rows(session_factory)[-1].id


def delivery(session_factory: sessionmaker[Session], sender: FakeSender, **policy: object) -> Delivery:
    return Delivery(session_factory, sender, policy=DeliveryPolicy(**policy))  # type: ignore[arg-type]


def test_a_due_nudge_is_sent_with_its_buttons_and_the_dm_channel_is_cached(
    session_factory: sessionmaker[Session], org: Org
) -> None:
    message_id = nudge(session_factory, org)
    sender = FakeSender()
    stats = delivery(session_factory, sender).drain(MONDAY)
    assert (stats.sent, stats.deferred, stats.failed) == (1, 0, 0)
    assert sender.opens == ["UMGR"]
    [post] = sender.posts
    assert post.channel == "DUMGR"
    actions = {
        e["action_id"]: e["value"] for b in post.blocks if b["type"] == "actions" for e in b["elements"]
    }
    assert actions == {
        "open_praise_modal": "UR000",
        "reminder_snooze": str(message_id),
        "reminder_mute": str(message_id),
    }
    sent = row(session_factory, message_id)
    assert (sent.status, sent.sent_channel, sent.sent_ts, sent.sent_at, sent.attempts) == (
        OutboxStatus.SENT,
        "DUMGR",
        post.ts,
        MONDAY,
        1,
    )
    with session_factory() as session:
        manager = session.get(Person, org.manager.id)
        assert manager is not None and manager.dm_channel_id == "DUMGR"


def test_the_nudge_names_a_recent_positive_signal(session_factory: sessionmaker[Session], org: Org) -> None:
    with unit_of_work(session_factory) as session:
        record_signal(
            session,
            workspace_id=org.workspace.id,
            person_id=org.reports[0].id,
            kind="goal.progress",
            message="{name} moved '{goal}' from {before} to {after} this week",
            params={"name": "Ana", "goal": "Cut response time", "before": "40%", "after": "65%"},
            occurred_at=MONDAY - timedelta(days=2),
        )
    nudge(session_factory, org)
    sender = FakeSender()
    delivery(session_factory, sender).drain(MONDAY)
    # Recorded under the message id signals had before titles were quoted: it still reads right, and first.
    lead = sender.posts[0].blocks[0]["text"]["text"]
    assert (
        lead == "<@UR000> moved *Cut response time* from 40% to 65% this week: a good moment to say thanks."
    )


def test_a_chinese_manager_reads_the_win_first_with_the_title_in_quotes(
    session_factory: sessionmaker[Session], org: Org
) -> None:
    with unit_of_work(session_factory) as session:
        manager = session.get(Person, org.manager.id)
        assert manager is not None
        manager.locale = "zh-CN"
        record_signal(
            session,
            workspace_id=org.workspace.id,
            person_id=org.reports[0].id,
            kind="goal.progress",
            message="{name} moved {goal} from {before} to {after} this week",
            params={"name": "Ana", "goal": "缩短响应时间", "before": "40%", "after": "65%"},
            occurred_at=MONDAY - timedelta(days=2),
        )
    nudge(session_factory, org)
    sender = FakeSender()
    delivery(session_factory, sender).drain(MONDAY)
    blocks = sender.posts[0].blocks
    assert (
        blocks[0]["text"]["text"]
        == "<@UR000> 本周把目标“缩短响应时间”从 40% 推进到了 65%，正是道一声谢谢的好时机。"
    )
    assert "最近 21 天还没有收到认可。" in str(blocks[1])
    assert "认可同事" in str(blocks) and "表扬" not in str(blocks)


def test_conversations_open_is_called_once_per_person(session_factory: sessionmaker[Session]) -> None:
    with unit_of_work(session_factory) as session:
        org = make_org(session, reports=3)
        praise_nudge.sweep(session, MONDAY)  # three nudges, all to the manager
    sender = FakeSender()
    worker = delivery(session_factory, sender)
    first = worker.drain(MONDAY)
    # One per second into one channel: the 2nd and 3rd wait.
    assert (first.sent, first.deferred) == (1, 2)
    worker.drain(MONDAY + timedelta(seconds=1))
    worker.drain(MONDAY + timedelta(seconds=2))
    assert len(sender.posts) == 3
    assert sender.opens == [org.manager.slack_user_id]
    # A new process reads the cached channel from the person row.
    with unit_of_work(session_factory) as session:
        praise_nudge.sweep(session, MONDAY + timedelta(days=7))
    other = FakeSender()
    delivery(session_factory, other).drain(MONDAY + timedelta(days=7))
    assert other.opens == [] and other.posts[0].channel == "DUMGR"


def test_a_message_due_at_two_in_the_morning_waits_until_nine_local(
    session_factory: sessionmaker[Session],
) -> None:
    tokyo = ZoneInfo("Asia/Tokyo")
    two_am = datetime(2026, 11, 24, 2, 0, tzinfo=tokyo)
    with unit_of_work(session_factory) as session:
        org = make_org(session, reports=0)
        org.manager.tz = "Asia/Tokyo"
        enqueue_welcome(session, org.manager, two_am)
    sender = FakeSender()
    worker = delivery(session_factory, sender)
    stats = worker.drain(two_am)
    assert (stats.sent, stats.deferred) == (0, 1)
    [waiting] = rows(session_factory)
    assert waiting.not_before == datetime(2026, 11, 24, 9, 0, tzinfo=tokyo)
    assert waiting.last_error == "waiting for the recipient's working hours"
    assert worker.drain(datetime(2026, 11, 24, 8, 59, tzinfo=tokyo)).claimed == 0
    assert worker.drain(datetime(2026, 11, 24, 9, 0, tzinfo=tokyo)).sent == 1
    assert len(sender.posts) == 1


def test_a_deactivated_recipient_ends_failed_with_its_reason(
    session_factory: sessionmaker[Session], org: Org
) -> None:
    message_id = nudge(session_factory, org)
    with unit_of_work(session_factory) as session:
        manager = session.get(Person, org.manager.id)
        assert manager is not None
        manager.active = False
    sender = FakeSender()
    assert delivery(session_factory, sender).drain(MONDAY).failed == 1
    failed = row(session_factory, message_id)
    assert (failed.status, failed.last_error) == (OutboxStatus.FAILED, "the recipient is deactivated")
    assert sender.opens == [] and sender.posts == []


def test_a_recipient_slack_reports_as_deactivated_is_not_retried(
    session_factory: sessionmaker[Session], org: Org
) -> None:
    message_id = nudge(session_factory, org)
    sender = FakeSender()
    sender.open_answers.append(SlackAnswer(Outcome.PERMANENT, error="user_disabled"))
    worker = delivery(session_factory, sender)
    assert worker.drain(MONDAY).failed == 1
    assert worker.drain(MONDAY + timedelta(days=1)).claimed == 0
    failed = row(session_factory, message_id)
    assert (failed.status, failed.last_error, failed.attempts) == (
        OutboxStatus.FAILED,
        "conversations.open: user_disabled",
        1,
    )


def test_permanent_errors_fail_at_once(session_factory: sessionmaker[Session]) -> None:
    with unit_of_work(session_factory) as session:
        org = make_org(session, reports=0)
        enqueue(
            session,
            [NewMessage(org.workspace.id, MessageKind.WELCOME, "w", MONDAY, person_id=org.manager.id)],
            MONDAY,
        )
    sender = FakeSender()
    sender.post_answers.append(SlackAnswer(Outcome.PERMANENT, error="not_in_channel"))
    assert delivery(session_factory, sender).drain(MONDAY).failed == 1
    [failed] = rows(session_factory)
    assert (failed.status, failed.last_error) == (OutboxStatus.FAILED, "chat.postMessage: not_in_channel")


def test_transient_errors_back_off_then_fail_with_the_reason(
    session_factory: sessionmaker[Session], org: Org
) -> None:
    message_id = nudge(session_factory, org)
    sender = FakeSender()
    for _ in range(3):
        sender.post_answers.append(SlackAnswer(Outcome.TRANSIENT, error="HTTP 503"))
    worker = delivery(session_factory, sender, max_attempts=3)
    at = MONDAY
    assert worker.drain(at).deferred == 1
    first = row(session_factory, message_id)
    assert (first.status, first.attempts, first.not_before) == (
        OutboxStatus.QUEUED,
        1,
        at + timedelta(seconds=30),
    )
    assert first.last_error == "chat.postMessage: HTTP 503 (attempt 1 of 3)"
    assert worker.drain(at + timedelta(seconds=29)).claimed == 0  # not before its backoff
    at += timedelta(seconds=30)
    assert worker.drain(at).deferred == 1
    assert row(session_factory, message_id).not_before == at + timedelta(minutes=1)
    at += timedelta(minutes=1)
    assert worker.drain(at).failed == 1
    failed = row(session_factory, message_id)
    assert (failed.status, failed.attempts) == (OutboxStatus.FAILED, 3)
    assert failed.last_error == "chat.postMessage: HTTP 503 (gave up after 3 attempts)"
    assert sender.posts == []


def test_a_transient_error_then_success_sends_once(session_factory: sessionmaker[Session], org: Org) -> None:
    message_id = nudge(session_factory, org)
    sender = FakeSender()
    sender.post_answers.append(SlackAnswer(Outcome.TRANSIENT, error="no answer from Slack: TimeoutError"))
    worker = delivery(session_factory, sender)
    worker.drain(MONDAY)
    assert worker.drain(MONDAY + timedelta(seconds=30)).sent == 1
    assert len(sender.posts) == 1
    assert row(session_factory, message_id).attempts == 2


def test_a_429_defers_by_retry_after_without_counting_an_attempt(
    session_factory: sessionmaker[Session],
) -> None:
    with unit_of_work(session_factory) as session:
        org = make_org(session, reports=2)
        for person in [org.manager, *org.reports]:
            enqueue_welcome(session, person, MONDAY)
    sender = FakeSender()
    sender.post_answers.append(SlackAnswer(Outcome.RATE_LIMITED, retry_after=17, error="ratelimited"))
    worker = delivery(session_factory, sender)
    stats = worker.drain(MONDAY)
    # The 429 pauses chat.postMessage in the workspace: the other rows wait as long.
    assert (stats.sent, stats.deferred) == (0, 3)
    assert {(m.not_before, m.attempts) for m in rows(session_factory)} == {
        (MONDAY + timedelta(seconds=17), 0)
    }
    assert [m.last_error for m in rows(session_factory)] == [
        "chat.postMessage rate limited: Retry-After 17 s",
        "waiting for the Slack rate limit",
        "waiting for the Slack rate limit",
    ]
    assert worker.drain(MONDAY + timedelta(seconds=16)).claimed == 0
    assert worker.drain(MONDAY + timedelta(seconds=17)).sent == 3
    assert len(sender.posts) == 3


def test_the_workspace_budget_paces_messages(session_factory: sessionmaker[Session]) -> None:
    with unit_of_work(session_factory) as session:
        org = make_org(session, reports=5, send_budget_per_minute=60)
        for person in org.reports:
            enqueue_welcome(session, person, MONDAY)
    sender = FakeSender()
    worker = delivery(session_factory, sender)
    sent_at = []
    for second in range(10):
        at = MONDAY + timedelta(seconds=second)
        if worker.drain(at).sent:
            sent_at.append(second)
    assert sent_at == [0, 1, 2, 3, 4]  # one a second: 60 a minute


def test_muted_recipients_nudges_are_cancelled(session_factory: sessionmaker[Session], org: Org) -> None:
    message_id = nudge(session_factory, org)
    with unit_of_work(session_factory) as session:
        manager = session.get(Person, org.manager.id)
        assert manager is not None
        manager.mute_nudges = True
    assert delivery(session_factory, FakeSender()).drain(MONDAY).cancelled == 1
    assert row(session_factory, message_id).last_error == "recipient muted nudges"


def test_a_nudge_about_someone_praised_meanwhile_is_cancelled(
    session_factory: sessionmaker[Session], org: Org
) -> None:
    message_id = nudge(session_factory, org)
    with unit_of_work(session_factory) as session:
        praise(session, session.get(Person, org.manager.id), [session.get(Person, org.reports[0].id)], MONDAY)  # type: ignore[arg-type,list-item]
    assert delivery(session_factory, FakeSender()).drain(MONDAY).cancelled == 1
    assert (
        row(session_factory, message_id).last_error == "the report was recognised after the nudge was queued"
    )


def test_a_broken_renderer_fails_its_row_and_delivery_goes_on(session_factory: sessionmaker[Session]) -> None:
    with unit_of_work(session_factory) as session:
        org = make_org(session, reports=1)
        enqueue_welcome(session, org.manager, MONDAY)
        enqueue_welcome(session, org.reports[0], MONDAY)

    def broken(ctx: object) -> object:
        raise RuntimeError("bug")

    sender = FakeSender()
    worker = Delivery(session_factory, sender, renderers={MessageKind.WELCOME: broken})  # type: ignore[dict-item]
    stats = worker.drain(MONDAY)
    assert stats.failed == 2
    assert {m.last_error for m in rows(session_factory)} == {"internal error: RuntimeError"}
