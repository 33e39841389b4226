"""A praise post or DM that Slack rate-limits (429) or fails for now (5xx) right after the ack stays
in the outbox and is delivered later, once; a permanent refusal is still reported."""

from __future__ import annotations

from datetime import datetime, timedelta

from slack_sdk import WebClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.sandbox.slack.records import Call
from models.base import utcnow
from models.db import unit_of_work
from models.messaging import MessageKind, NewMessage, OutboxMessage, OutboxStatus, enqueue
from models.praise import Praise
from models.praise.outbox import dm_key, post_key
from scheduler.delivery import Delivery
from scheduler.jobs.base import OutboxRow
from scheduler.slack_sender import SlackSender
from tests.e2e.conftest import BOT_TOKEN, Stack
from tests.scheduler.helpers import MONDAY, FakeSender, make_org, praise, row, rows


def delivery(stack: Stack) -> Delivery:
    client = WebClient(token=BOT_TOKEN, base_url=stack.fake.url, timeout=5, retry_handlers=[])
    return Delivery(stack.session_factory, SlackSender(client))


def the_praise(stack: Stack) -> Praise:
    with stack.session_factory() as session:
        return session.scalars(select(Praise)).one()


def outbox(stack: Stack) -> list[OutboxMessage]:
    return rows(stack.session_factory)


def unsent(stack: Stack) -> list[OutboxMessage]:
    """Every message is in the outbox; these are the ones still to go (or refused for good)."""
    return [m for m in outbox(stack) if m.status is not OutboxStatus.SENT]


def posts_into(stack: Stack, channel: str) -> list[Call]:
    return [
        c
        for c in stack.fake.calls("chat.postMessage")
        if c.ok and c.response and c.response["channel"] == channel
    ]


def test_a_rate_limited_channel_post_follows_from_the_outbox(stack: Stack) -> None:
    stack.seed(("U1", "Gia"), ("U2", "Alice"))
    stack.fake.rate_limit("chat.postMessage", retry_after=1, times=1)  # the channel post
    before = utcnow()
    stack.slack.command("/praise", "<@U2|alice> thanks for the release notes", "U1", channel_id="C_TEAM")
    [reply] = stack.fake.wait_for("response_url")

    text = reply.args["text"]
    assert (
        "is saved" in text
        and "The post in <#C_TEAM> will follow shortly: Slack asked perfbot to slow down for a moment."
        in text
    )
    assert "could not" not in text and "did not get through" not in text
    saved = the_praise(stack)
    assert saved.message_ts is None
    assert saved.delivery_error == "post to C_TEAM deferred to the outbox (ratelimited)"
    [deferred] = unsent(stack)
    assert (deferred.kind, deferred.dedupe_key, deferred.channel_id, deferred.person_id) == (
        MessageKind.PRAISE_POST,
        f"praise:{saved.id}:post",
        "C_TEAM",
        None,
    )
    assert deferred.payload == {"praise_id": saved.id}
    assert deferred.working_hours is False and deferred.status is OutboxStatus.QUEUED
    assert deferred.not_before >= before + timedelta(seconds=1)
    assert [c.args["channel"] for c in stack.fake.calls("chat.postMessage") if c.ok] == ["U2"]  # the DM

    assert delivery(stack).deliver_due(before).claimed == 0  # not before Retry-After
    stats = delivery(stack).deliver_due(before + timedelta(seconds=2))
    assert stats.sent == 1
    [post] = posts_into(stack, "C_TEAM")
    assert "<@U1>" in post.args["text"] and "release notes" in post.args["text"]
    posted = the_praise(stack)
    assert (posted.channel_id, posted.message_ts) == ("C_TEAM", post.response["ts"])  # type: ignore[index]
    assert row(stack.session_factory, deferred.id).status is OutboxStatus.SENT

    # Delivered once: nothing left to send, whatever runs again.
    assert delivery(stack).deliver_due(before + timedelta(minutes=10)).claimed == 0
    assert len(posts_into(stack, "C_TEAM")) == 1


def test_a_dm_that_meets_a_server_error_follows_from_the_outbox(stack: Stack) -> None:
    stack.seed(("U1", "Gia"), ("U2", "Alice"), ("U3", "Bob"))
    stack.fake.rate_limit("chat.postMessage", retry_after=1, times=1)  # the channel post
    stack.fake.http_error("chat.postMessage", 500, times=1)  # then the DM to Alice
    before = utcnow()
    stack.slack.command("/praise", "<@U2|alice> <@U3|bob> thanks", "U1", channel_id="C_TEAM")
    [reply] = stack.fake.wait_for("response_url")

    text = reply.args["text"]
    assert "My DM to <@U2> will follow shortly: Slack was unreachable for a moment." in text
    assert "could not" not in text
    saved = the_praise(stack)
    by_kind = {message.kind: message for message in unsent(stack)}
    dm = by_kind[MessageKind.PRAISE_DM]
    assert dm.dedupe_key == f"praise:{saved.id}:dm:{dm.person_id}"
    assert (dm.channel_id, dm.working_hours, dm.payload) == (None, False, {"praise_id": saved.id})
    assert dm.not_before >= before + timedelta(seconds=5)  # a short backoff, not at once
    assert "DM to person" in (saved.delivery_error or "") and "HTTP 500" in (saved.delivery_error or "")

    later = delivery(stack)
    # The post waits out Slack's Retry-After (1 s) from when it was tried, which a loaded machine
    # may reach well after `before`: deliver at the moment the row itself names.
    post = by_kind[MessageKind.PRAISE_POST]
    assert later.deliver_due(post.not_before).sent == 1  # the post
    assert later.deliver_due(before + timedelta(minutes=1)).sent == 1  # the DM
    [opened] = stack.fake.calls("conversations.open")
    assert opened.args["users"] == "U2"
    [dm_post] = posts_into(stack, stack.fake.dm_channel_id("U2"))
    assert "praised you" in dm_post.args["text"]
    assert {c.args["channel"] for c in stack.fake.calls("chat.postMessage") if c.ok} >= {"U3", "C_TEAM"}
    assert all(m.status is OutboxStatus.SENT for m in outbox(stack))


def test_a_permanent_refusal_is_still_reported_and_not_queued(stack: Stack) -> None:
    stack.seed(("U1", "Gia"), ("U2", "Alice"))
    stack.fake.add_channel("G_PRIVATE", "secret", bot_is_member=False, is_private=True)
    stack.fake.fail("conversations.join", error="method_not_supported_for_channel_type")
    stack.slack.command("/praise", "<@U2|alice> thanks", "U1", channel_id="G_PRIVATE")
    [reply] = stack.fake.wait_for("response_url")
    assert "could not post in <#G_PRIVATE>" in reply.args["text"]
    assert "will follow" not in reply.args["text"]
    assert [m for m in unsent(stack) if m.status is not OutboxStatus.FAILED] == []  # nothing queued


# -- the outbox side, with a scripted sender ---------------------------------------------------------


def praised(session_factory: sessionmaker[Session]) -> tuple[int, int]:
    """A praise from the manager to the report; (praise id, report id)."""
    with unit_of_work(session_factory) as session:
        org = make_org(session, reports=1)
        item = praise(session, org.manager, [org.reports[0]], MONDAY)
        return item.id, org.reports[0].id


def queue(session_factory: sessionmaker[Session], praise_id: int, report_id: int, at: datetime) -> None:
    """The praise's post and DM waiting in the outbox (as Slack refused them right after the ack)."""
    with unit_of_work(session_factory) as session:
        item = session.get(Praise, praise_id)
        assert item is not None
        post = NewMessage(
            item.workspace_id,
            MessageKind.PRAISE_POST,
            post_key(praise_id),
            at,
            channel_id="CKUDOS",
            payload={"praise_id": praise_id},
            working_hours=False,
        )
        dm = NewMessage(
            item.workspace_id,
            MessageKind.PRAISE_DM,
            dm_key(praise_id, report_id),
            at,
            person_id=report_id,
            payload={"praise_id": praise_id, "permalink": "https://fake.slack.com/archives/C/p1"},
            working_hours=False,
        )
        enqueue(session, [post], at)
        enqueue(session, [post], at)  # twice is once
        enqueue(session, [dm], at)


def test_a_deferred_dm_keeps_the_link_and_a_post_already_made_is_not_made_again(
    session_factory: sessionmaker[Session],
) -> None:
    praise_id, report_id = praised(session_factory)
    queue(session_factory, praise_id, report_id, MONDAY)
    with unit_of_work(session_factory) as session:
        item = session.get(Praise, praise_id)
        assert item is not None
        item.channel_id, item.message_ts = "CKUDOS", "1700000000.000001"  # posted meanwhile
    sender = FakeSender()
    stats = Delivery(session_factory, sender).drain(MONDAY)
    assert (stats.sent, stats.cancelled) == (1, 1)
    [dm] = sender.posts
    assert dm.channel == "DUR000"
    buttons = [e for b in dm.blocks if b["type"] == "actions" for e in b["elements"]]
    assert [b.get("url") for b in buttons] == ["https://fake.slack.com/archives/C/p1"]
    post = next(m for m in rows(session_factory) if m.kind == MessageKind.PRAISE_POST)
    assert (post.status, post.last_error) == (OutboxStatus.CANCELLED, "the praise is posted already")


def test_an_on_sent_hook_that_fails_never_keeps_the_row_from_being_marked_sent(
    session_factory: sessionmaker[Session],
) -> None:
    praise_id, report_id = praised(session_factory)
    queue(session_factory, praise_id, report_id, MONDAY)
    calls: list[tuple[int, str, str]] = []

    def broken(session: Session, sent: OutboxRow, channel: str, ts: str) -> None:
        calls.append((sent.id, channel, ts))
        session.execute(select(Praise.id))  # in the transaction that marks the row sent
        raise RuntimeError("a bug in a hook")

    sender = FakeSender()
    stats = Delivery(session_factory, sender, on_sent={MessageKind.PRAISE_POST: broken}).drain(MONDAY)
    assert stats.sent == 2 and len(sender.posts) == 2
    assert all(m.status is OutboxStatus.SENT for m in rows(session_factory))
    [(_row_id, channel, _ts)] = calls
    assert channel == "CKUDOS"
    with session_factory() as session:
        item = session.get(Praise, praise_id)
        assert item is not None and item.message_ts is None  # the hook's work was not kept
    assert Delivery(session_factory, sender).drain(MONDAY + timedelta(hours=1)).claimed == 0


def test_the_deferred_post_once_sent_is_recorded_on_the_praise(
    session_factory: sessionmaker[Session],
) -> None:
    praise_id, report_id = praised(session_factory)
    queue(session_factory, praise_id, report_id, MONDAY)
    sender = FakeSender()
    Delivery(session_factory, sender).drain(MONDAY)
    [post] = [p for p in sender.posts if p.channel == "CKUDOS"]
    with session_factory() as session:
        item = session.get(Praise, praise_id)
        assert item is not None and (item.channel_id, item.message_ts) == ("CKUDOS", post.ts)
        sent = session.scalars(
            select(OutboxMessage).where(OutboxMessage.kind == MessageKind.PRAISE_POST)
        ).one()
        assert (sent.sent_channel, sent.sent_ts) == ("CKUDOS", post.ts)
