"""The messages a request causes: written leased to the request, sent right after its ack through the
scheduler's own delivery, and left to the clock's delivery only once the request's lease has run out."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from models.db import unit_of_work
from models.messaging import REQUEST_LEASE, MessageKind, OutboxStatus, claim_due
from models.praise import GivenPraise, PraiseRequest, give_praise
from scheduler.request_delivery import RequestDelivery
from scheduler.sender import Outcome, SlackAnswer
from tests.scheduler.helpers import MONDAY, FakeSender, make_org, rows


def give(session_factory: sessionmaker[Session], channel_id: str | None = "CKUDOS") -> GivenPraise:
    """The manager praises both reports at MONDAY, from `channel_id`."""
    with unit_of_work(session_factory) as session:
        org = make_org(session, reports=2)
        request = PraiseRequest(org.reports, "thanks for the launch", channel_id=channel_id)
        return give_praise(session, org.workspace, org.manager, request, now=MONDAY)


def test_the_rows_are_written_with_the_praise_leased_to_the_request(
    session_factory: sessionmaker[Session],
) -> None:
    given = give(session_factory)
    written = rows(session_factory)
    assert [m.id for m in written] == given.outbox
    assert [m.kind for m in written] == [
        MessageKind.PRAISE_POST,
        MessageKind.PRAISE_DM,
        MessageKind.PRAISE_DM,
    ]
    assert {(m.status, m.claimed_by, m.lease_until) for m in written} == {
        (OutboxStatus.SENDING, "request", MONDAY + REQUEST_LEASE)
    }
    assert all(m.working_hours is False for m in written)


def test_the_clock_leaves_them_alone_until_the_lease_runs_out(session_factory: sessionmaker[Session]) -> None:
    given = give(session_factory)
    with unit_of_work(session_factory) as session:
        assert (
            claim_due(
                session, MONDAY + REQUEST_LEASE - timedelta(seconds=1), "clock", 10, timedelta(minutes=5)
            )
            == []
        )
    with unit_of_work(session_factory) as session:
        taken = claim_due(
            session, MONDAY + REQUEST_LEASE + timedelta(seconds=1), "clock", 10, timedelta(minutes=5)
        )
        assert sorted(m.id for m in taken) == given.outbox


def test_after_the_ack_each_row_is_sent_at_once_and_reported(session_factory: sessionmaker[Session]) -> None:
    given = give(session_factory)
    sender = FakeSender()
    delivered = RequestDelivery(session_factory, sender, clock=lambda: MONDAY).deliver_rows(given.outbox)
    assert [d.status for d in delivered] == [OutboxStatus.SENT] * 3
    post = delivered[0]
    assert (post.channel, post.ts) == ("CKUDOS", sender.posts[0].ts)
    assert post.permalink and post.permalink.startswith("https://")
    # DMs go to the user id (Slack opens the app's DM), with no conversations.open, linking to the post.
    assert [p.channel for p in sender.posts[1:]] == ["UR000", "UR001"] and sender.opens == []
    for dm in sender.posts[1:]:
        assert post.permalink in str(dm.blocks)
    assert {m.status for m in rows(session_factory)} == {OutboxStatus.SENT}


def test_what_slack_refuses_for_now_stays_queued_and_the_rest_still_goes(
    session_factory: sessionmaker[Session],
) -> None:
    given = give(session_factory)
    sender = FakeSender()
    sender.post_answers.append(SlackAnswer(Outcome.RATE_LIMITED, retry_after=7, error="ratelimited"))
    delivered = RequestDelivery(session_factory, sender, clock=lambda: MONDAY).deliver_rows(given.outbox)
    assert [(d.status, d.error) for d in delivered] == [
        (OutboxStatus.QUEUED, "ratelimited"),
        (OutboxStatus.SENT, ""),
        (OutboxStatus.SENT, ""),
    ]
    post = rows(session_factory)[0]
    assert post.status is OutboxStatus.QUEUED
    assert MONDAY + timedelta(seconds=7) <= post.not_before < MONDAY + timedelta(seconds=8)  # Retry-After


def test_a_row_whose_lease_ran_out_is_the_clocks_and_not_sent_again(
    session_factory: sessionmaker[Session],
) -> None:
    given = give(session_factory)
    sender = FakeSender()
    late = RequestDelivery(
        session_factory, sender, clock=lambda: MONDAY + REQUEST_LEASE + timedelta(seconds=1)
    )
    delivered = late.deliver_rows(given.outbox)
    assert {d.status for d in delivered} == {OutboxStatus.SENDING} and sender.posts == []
    assert {m.claimed_by for m in rows(session_factory)} == {"request"}


def test_rows_are_delivered_once_whoever_asks_twice(session_factory: sessionmaker[Session]) -> None:
    given = give(session_factory)
    sender = FakeSender()
    delivery = RequestDelivery(session_factory, sender, clock=lambda: MONDAY)
    delivery.deliver_rows(given.outbox)
    again = delivery.deliver_rows(given.outbox)
    assert {d.status for d in again} == {OutboxStatus.SENDING}  # not taken: already sent
    assert len(sender.posts) == 3


def test_no_channel_means_no_post_row(session_factory: sessionmaker[Session]) -> None:
    given = give(session_factory, channel_id=None)
    assert given.channel_id is None
    assert [m.kind for m in rows(session_factory)] == [MessageKind.PRAISE_DM, MessageKind.PRAISE_DM]


def test_no_database_connection_is_held_while_slack_answers(
    engine: Engine, session_factory: sessionmaker[Session]
) -> None:
    """Many requests deliver at once after their acks; a delivery that kept its connections through
    Slack's answers would empty the pool, and the next requests could not get one to ack."""
    given = give(session_factory)
    held: list[int] = []
    sender = FakeSender(before_post=lambda channel: held.append(engine.pool.checkedout()))  # type: ignore[attr-defined]
    delivered = RequestDelivery(session_factory, sender, clock=lambda: MONDAY).deliver_rows(given.outbox)
    assert [d.status for d in delivered] == [OutboxStatus.SENT] * 3
    assert held == [0, 0, 0]
