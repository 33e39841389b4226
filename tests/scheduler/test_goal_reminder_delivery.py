"""Goal reminders delivered: their buttons, Block Kit over HTTP, time zones, reminders that became moot."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from slack_sdk import WebClient
from sqlalchemy.orm import Session, sessionmaker

from bot.sandbox.slack import FakeSlack
from models.db import unit_of_work
from models.goals import Goal, GoalKind, GoalStatus
from models.messaging import MessageKind, OutboxMessage, OutboxStatus, snooze
from models.people import Person, Role
from scheduler.clock import run_sweep
from scheduler.delivery import Delivery, DeliveryStats
from scheduler.jobs.goals import reminders as goal_reminders
from scheduler.slack_sender import SlackSender
from tests.factories import make_person
from tests.scheduler.helpers import MONDAY, FakeSender, Org, make_org, row, rows
from tests.scheduler.test_goal_reminders import TODAY, goal


def swept(session_factory: sessionmaker[Session], now: datetime = MONDAY) -> list[OutboxMessage]:
    run_sweep(session_factory, goal_reminders.JOB, now)
    return rows(session_factory)


def deliver(session_factory: sessionmaker[Session], sender: Any, at: datetime) -> DeliveryStats:
    """Deliver what is due at `at`, a second at a time, as the pacing to one DM a second needs."""
    delivery = Delivery(session_factory, sender)
    total = DeliveryStats()
    for second in range(5):
        total += delivery.drain(at + timedelta(seconds=second))
    return total


def action_values(blocks: list[dict[str, Any]]) -> dict[str, str]:
    return {e["action_id"]: e["value"] for b in blocks if b["type"] == "actions" for e in b["elements"]}


@pytest.fixture
def committed_org(session_factory: sessionmaker[Session]) -> Org:
    with unit_of_work(session_factory) as session:
        return make_org(session, reports=2)


def test_each_reminder_carries_its_goal_buttons_and_snooze_only(
    session_factory: sessionmaker[Session], committed_org: Org
) -> None:
    ana = committed_org.reports[0]
    with unit_of_work(session_factory) as session:
        due = goal(session, ana, title="Ship the <beta>", due_date=TODAY + timedelta(days=1))
        quiet = goal(session, ana, title="Quiet", last_checkin_at=MONDAY - timedelta(days=9))
        # Microseconds too: the database's proposed_at stamp in the key must match Python's.
        proposed_at = MONDAY - timedelta(days=4, microseconds=654321)
        proposal = goal(session, ana, status=GoalStatus.PROPOSED, proposed_at=proposed_at)
    by_kind = {message.kind: message.id for message in swept(session_factory)}
    sender = FakeSender()
    stats = deliver(session_factory, sender, MONDAY)
    assert (stats.sent, stats.cancelled, stats.failed) == (3, 0, 0)
    by_goal = {action_values(post.blocks).get("goal_view"): post for post in sender.posts}
    due_post, prompt, ask = by_goal[str(due.id)], by_goal[str(quiet.id)], by_goal[str(proposal.id)]

    assert due_post.channel == f"D{ana.slack_user_id}"
    assert "*Ship the &lt;beta&gt;* is due tomorrow (Nov 24, 2026)" in due_post.text
    assert action_values(due_post.blocks) == {
        "goal_check_in": str(due.id),
        "goal_view": str(due.id),
        "reminder_snooze": str(by_kind[MessageKind.GOAL_DUE]),
    }
    assert "*Quiet*: no update in the last 7 days" in prompt.text
    assert "Last check-in: Nov 14, 2026" in str(prompt.blocks)
    assert action_values(prompt.blocks) == {
        "goal_check_in": str(quiet.id),
        "goal_view": str(quiet.id),
        "reminder_snooze": str(by_kind[MessageKind.GOAL_CHECKIN]),
    }
    assert ask.channel == f"D{committed_org.manager.slack_user_id}"
    assert f"<@{ana.slack_user_id}>'s goal has waited 4 days for your approval" in ask.text
    assert action_values(ask.blocks) == {
        "goal_approve": str(proposal.id),
        "goal_request_changes": str(proposal.id),
        "goal_view": str(proposal.id),
        "reminder_snooze": str(by_kind[MessageKind.GOAL_APPROVAL]),
    }
    assert any(block.get("block_id") == "goal_decision" for block in ask.blocks)


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        yield fake


def test_reminders_pass_slacks_block_kit_checks_over_http(
    session_factory: sessionmaker[Session], committed_org: Org, fake: FakeSlack
) -> None:
    ana = committed_org.reports[0]
    for person in (committed_org.manager, *committed_org.reports):
        fake.add_user(person.slack_user_id, person.name)
    with unit_of_work(session_factory) as session:
        long_title = ("Make onboarding *much* faster & friendlier <for> everyone " * 4)[:200]
        goal(session, ana, title=long_title, description="d" * 3000, due_date=TODAY + timedelta(days=7))
        goal(
            session,
            ana,
            title=long_title,
            kind=GoalKind.MILESTONE,
            last_checkin_at=MONDAY - timedelta(days=30),
        )
        goal(
            session, ana, title=long_title, status=GoalStatus.PROPOSED, proposed_at=MONDAY - timedelta(days=9)
        )
    swept(session_factory)
    client = WebClient(token="xoxb-test", base_url=fake.url, timeout=5, retry_handlers=[])
    stats = deliver(session_factory, SlackSender(client), MONDAY)
    assert (stats.sent, stats.failed) == (3, 0)
    fake.assert_no_rejections()
    assert all(call.ok for call in fake.calls("chat.postMessage"))


def test_a_deadline_reads_in_the_recipients_own_time_zone(
    session_factory: sessionmaker[Session], committed_org: Org
) -> None:
    ana, ben = committed_org.reports
    with unit_of_work(session_factory) as session:
        session.get(Person, ana.id).tz = "Asia/Tokyo"  # type: ignore[union-attr]
        session.get(Person, ben.id).tz = "America/Los_Angeles"  # type: ignore[union-attr]
        goal(session, ana, due_date=TODAY + timedelta(days=1))
        goal(session, ben, due_date=TODAY + timedelta(days=1))
    swept(session_factory)  # Monday 10:00 UTC: 19:00 in Tokyo, 02:00 in Los Angeles
    sender = FakeSender()
    delivery = Delivery(session_factory, sender)
    assert delivery.drain(MONDAY).deferred == 2  # both outside their working hours
    # Tuesday 00:00 UTC: 09:00 on the due date in Tokyo, still Monday afternoon in Los Angeles.
    assert delivery.drain(MONDAY + timedelta(hours=14)).sent == 2
    texts = {post.channel: post.text for post in sender.posts}
    assert "is due today (Nov 24, 2026)" in texts[f"D{ana.slack_user_id}"]
    assert "is due tomorrow (Nov 24, 2026)" in texts[f"D{ben.slack_user_id}"]


def cancelled_reason(session_factory: sessionmaker[Session], message_id: int) -> str | None:
    message = row(session_factory, message_id)
    assert message.status is OutboxStatus.CANCELLED, (message.status, message.last_error)
    return message.last_error


def test_each_renderer_skips_a_reminder_that_became_moot(
    session_factory: sessionmaker[Session], committed_org: Org
) -> None:
    ana = committed_org.reports[0]
    with unit_of_work(session_factory) as session:
        done = goal(session, ana, due_date=TODAY + timedelta(days=7))
        moved = goal(session, ana, due_date=TODAY + timedelta(days=1))
        checked = goal(session, ana, activated_at=MONDAY - timedelta(days=9))
        approved = goal(session, ana, status=GoalStatus.PROPOSED, proposed_at=MONDAY - timedelta(days=4))
        again = goal(session, ana, status=GoalStatus.PROPOSED, proposed_at=MONDAY - timedelta(days=5))
    ids = {(m.kind, m.payload["goal_id"]): m.id for m in swept(session_factory)}
    assert len(ids) == 5
    with unit_of_work(session_factory) as session:
        session.get(Goal, done.id).status = GoalStatus.COMPLETED  # type: ignore[union-attr]
        session.get(Goal, moved.id).due_date = TODAY + timedelta(days=20)  # type: ignore[union-attr]
        session.get(Goal, checked.id).last_checkin_at = MONDAY - timedelta(hours=1)  # type: ignore[union-attr]
        session.get(Goal, approved.id).status = GoalStatus.ACTIVE  # type: ignore[union-attr]
        session.get(Goal, again.id).proposed_at = MONDAY - timedelta(hours=2)  # type: ignore[union-attr]
    sender = FakeSender()
    stats = deliver(session_factory, sender, MONDAY)
    assert (stats.sent, stats.cancelled) == (0, 5)
    assert sender.posts == []
    reasons = {key: cancelled_reason(session_factory, message_id) for key, message_id in ids.items()}
    assert reasons == {
        (MessageKind.GOAL_DUE, done.id): "the goal is completed",
        (MessageKind.GOAL_DUE, moved.id): "the goal's due date changed",
        (MessageKind.GOAL_CHECKIN, checked.id): "the goal was checked in on meanwhile",
        (MessageKind.GOAL_APPROVAL, approved.id): "the proposal was decided meanwhile",
        (MessageKind.GOAL_APPROVAL, again.id): (
            "the goal was proposed again since; that proposal has its own reminder"
        ),
    }


def test_an_approver_who_is_no_longer_the_manager_is_not_reminded(
    session_factory: sessionmaker[Session], committed_org: Org
) -> None:
    ana = committed_org.reports[0]
    with unit_of_work(session_factory) as session:
        goal(session, ana, status=GoalStatus.PROPOSED, proposed_at=MONDAY - timedelta(days=4))
    [reminder] = swept(session_factory)
    with unit_of_work(session_factory) as session:
        other = make_person(session, committed_org.workspace, "UNEW", role=Role.MANAGER)
        session.get(Person, ana.id).manager_id = other.id  # type: ignore[union-attr]
    Delivery(session_factory, FakeSender()).drain(MONDAY)
    assert cancelled_reason(session_factory, reminder.id) == "the recipient can no longer approve this goal"


def test_a_snoozed_reminder_comes_back_and_still_checks_the_goal(
    session_factory: sessionmaker[Session], committed_org: Org
) -> None:
    ana = committed_org.reports[0]
    with unit_of_work(session_factory) as session:
        quiet = goal(session, ana, activated_at=MONDAY - timedelta(days=9))
    [prompt] = swept(session_factory)
    sender = FakeSender()
    Delivery(session_factory, sender).drain(MONDAY)
    with unit_of_work(session_factory) as session:
        owner = session.get(Person, ana.id)
        assert owner is not None
        snooze(session, owner, prompt.id, MONDAY)
    Delivery(session_factory, sender).drain(MONDAY + timedelta(days=1))
    assert len(sender.posts) == 2  # the snoozed copy renders from the payload like the original
    with unit_of_work(session_factory) as session:
        snooze(session, owner, prompt.id + 1, MONDAY + timedelta(days=1))
        session.get(Goal, quiet.id).last_checkin_at = MONDAY + timedelta(days=1, hours=1)  # type: ignore[union-attr]
    Delivery(session_factory, sender).drain(MONDAY + timedelta(days=2))
    assert len(sender.posts) == 2
    assert rows(session_factory)[-1].status is OutboxStatus.CANCELLED
