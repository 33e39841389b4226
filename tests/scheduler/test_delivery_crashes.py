"""Delivery when things die: Slack answered but the row is not marked, killed workers, leases, waits."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.orm import Session, sessionmaker

from models.db import unit_of_work
from models.messaging import OutboxStatus, claim_due, enqueue_welcome
from scheduler.sender import Outcome, SlackAnswer
from tests.scheduler.helpers import MONDAY, FakeSender, Org, make_org, row, rows
from tests.scheduler.test_delivery import delivery, nudge


@pytest.fixture
def org(session_factory: sessionmaker[Session]) -> Org:
    with unit_of_work(session_factory) as session:
        return make_org(session, reports=1)


def test_mark_sent_is_committed_right_after_slacks_answer(session_factory: sessionmaker[Session]) -> None:
    """Before each post, every earlier post's row is already committed as sent (seen from another session)."""
    with unit_of_work(session_factory) as session:
        org = make_org(session, reports=4)
        for person in [org.manager, *org.reports]:
            enqueue_welcome(session, person, MONDAY)
    sender = FakeSender()
    checks: list[int] = []

    def check_earlier_posts_are_committed(channel: str) -> None:
        with session_factory() as session:
            sent = [m for m in rows(session_factory) if m.status == OutboxStatus.SENT]
            session.rollback()
        assert len(sent) == len(sender.posts)
        checks.append(len(sent))

    sender.before_post = check_earlier_posts_are_committed
    assert delivery(session_factory, sender).drain(MONDAY).sent == 5
    assert checks == [0, 1, 2, 3, 4]


class Crash(BaseException):
    """The process dies: not an Exception, so nothing in delivery catches it."""


def test_a_crash_between_slacks_answer_and_mark_sent_repeats_exactly_that_message(
    session_factory: sessionmaker[Session],
) -> None:
    """The documented duplicate window: chat.postMessage has no idempotency key."""
    with unit_of_work(session_factory) as session:
        org = make_org(session, reports=1)
        enqueue_welcome(session, org.manager, MONDAY)
        enqueue_welcome(session, org.reports[0], MONDAY)
    sender = FakeSender()
    original = sender.post_message

    def post_then_die(channel: str, text: str, blocks: list[dict[str, object]]) -> SlackAnswer:
        original(channel, text, blocks)  # Slack accepted the message…
        raise Crash  # …and the process died before recording it

    sender.post_message = post_then_die  # type: ignore[method-assign]
    with pytest.raises(Crash):
        delivery(session_factory, sender).drain(MONDAY)
    assert [m.status for m in rows(session_factory)] == [OutboxStatus.SENDING, OutboxStatus.SENDING]

    sender.post_message = original  # type: ignore[method-assign]
    restarted = delivery(session_factory, sender)
    assert restarted.drain(MONDAY + timedelta(minutes=1)).claimed == 0  # leased to the dead worker
    stats = restarted.drain(MONDAY + timedelta(minutes=5, seconds=1))
    assert stats.sent == 2
    channels = [post.channel for post in sender.posts]
    assert channels == ["DUMGR", "DUMGR", "DUR000"]  # the one message in flight went twice; nothing else


def test_a_worker_killed_after_claiming_leaves_the_row_to_be_sent_after_the_lease(
    session_factory: sessionmaker[Session], org: Org
) -> None:
    message_id = nudge(session_factory, org)
    with unit_of_work(session_factory) as session:
        assert [m.id for m in claim_due(session, MONDAY, "killed", 10, timedelta(minutes=5))] == [message_id]
    sender = FakeSender()
    worker = delivery(session_factory, sender)
    assert worker.drain(MONDAY + timedelta(minutes=4)).claimed == 0
    assert worker.drain(MONDAY + timedelta(minutes=5, seconds=1)).sent == 1
    assert len(sender.posts) == 1


def test_a_stopping_worker_hands_back_rows_it_has_not_started(session_factory: sessionmaker[Session]) -> None:
    with unit_of_work(session_factory) as session:
        org = make_org(session, reports=3)
        for person in org.reports:
            enqueue_welcome(session, person, MONDAY)
    sender = FakeSender()
    worker = delivery(session_factory, sender)
    sender.before_post = lambda channel: worker.stopping.set()
    stats = worker.deliver_due(MONDAY)
    assert (stats.claimed, stats.sent) == (3, 1)
    assert sorted(m.status for m in rows(session_factory)) == [
        OutboxStatus.QUEUED,
        OutboxStatus.QUEUED,
        OutboxStatus.SENT,
    ]


def test_a_workspace_told_to_wait_is_not_claimed_until_retry_after(
    session_factory: sessionmaker[Session],
) -> None:
    with unit_of_work(session_factory) as session:
        org = make_org(session, reports=2)
        for person in [org.manager, *org.reports]:
            enqueue_welcome(session, person, MONDAY)
    sender = FakeSender()
    sender.post_answers.append(SlackAnswer(Outcome.RATE_LIMITED, retry_after=30, error="ratelimited"))
    worker = delivery(session_factory, sender, batch_size=1)
    stats = worker.drain(MONDAY + timedelta(seconds=1))
    assert (stats.claimed, stats.deferred) == (1, 1)
    # The other two were never touched: no deferral churn through a backlog during a pause.
    assert [(m.status, m.last_error) for m in rows(session_factory)][1:] == [(OutboxStatus.QUEUED, None)] * 2
    assert worker.drain(MONDAY + timedelta(seconds=31)).sent == 3


def test_a_message_slack_accepted_is_never_marked_failed(
    session_factory: sessionmaker[Session], org: Org, monkeypatch: pytest.MonkeyPatch
) -> None:
    message_id = nudge(session_factory, org)

    def database_away(*args: object, **kwargs: object) -> None:
        raise RuntimeError("connection lost")

    monkeypatch.setattr("scheduler.delivery.mark_sent", database_away)
    stats = delivery(session_factory, FakeSender()).drain(MONDAY)
    assert (stats.sent, stats.failed) == (1, 0)
    assert row(session_factory, message_id).status == OutboxStatus.SENDING  # its lease decides, as documented
