"""Snooze and mute from the buttons of a delivered nudge: the listener functions over the fake Slack."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from slack_bolt import BoltContext
from slack_sdk import WebClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.sandbox.slack import FakeSlack
from handlers.deps import Deps
from handlers.reminders import mute_from_button, snooze_from_button
from models.db import unit_of_work
from models.messaging import MessageKind, OutboxMessage, OutboxStatus
from models.people import Person
from scheduler.delivery import Delivery
from scheduler.jobs.praise import nudge as praise_nudge
from scheduler.slack_sender import SlackSender
from tests.scheduler.helpers import MONDAY, Org, make_org, rows

LATER = MONDAY + timedelta(minutes=5)


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        yield fake


@pytest.fixture
def org(session_factory: sessionmaker[Session], fake: FakeSlack) -> Org:
    with unit_of_work(session_factory) as session:
        org = make_org(session, reports=2)
        for person in [org.manager, *org.reports]:
            fake.add_user(person.slack_user_id, person.name)
        return org


class Acks:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, *args: Any, **kwargs: Any) -> None:
        self.count += 1


def deliver_first_nudge(
    session_factory: sessionmaker[Session], fake: FakeSlack, client: WebClient
) -> dict[str, Any]:
    """Sweep, deliver one nudge, and return the block_actions body its first button would send."""
    with unit_of_work(session_factory) as session:
        praise_nudge.sweep(session, MONDAY)
    Delivery(session_factory, SlackSender(client)).drain(MONDAY)
    post = fake.calls("chat.postMessage")[0]
    return {
        "type": "block_actions",
        "team": {"id": "T001"},
        "user": {"id": "UMGR"},
        "container": {
            "type": "message",
            "channel_id": post.response["channel"],
            "message_ts": post.response["ts"],
        },  # type: ignore[index]
        "channel": {"id": post.response["channel"]},  # type: ignore[index]
        "message": {"ts": post.response["ts"], "blocks": post.args["blocks"]},  # type: ignore[index]
    }


def click(body: dict[str, Any], action_id: str) -> dict[str, Any]:
    [value] = [
        element["value"]
        for block in body["message"]["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
        if element["action_id"] == action_id
    ]
    return {**body, "actions": [{"action_id": action_id, "value": value, "type": "button"}]}


def test_snooze_requeues_the_nudge_a_day_later_and_updates_the_dm(
    session_factory: sessionmaker[Session], fake: FakeSlack, org: Org
) -> None:
    client = WebClient(token="xoxb-test", base_url=fake.url)
    body = click(deliver_first_nudge(session_factory, fake, client), "reminder_snooze")
    original_id = int(body["actions"][0]["value"])
    ack = Acks()
    deps = Deps(session_factory=session_factory, clock=lambda: LATER)
    context = BoltContext({"team_id": "T001", "user_id": "UMGR"})
    snooze_from_button(deps, ack, body, client, context)
    snooze_from_button(deps, ack, body, client, context)  # a double click snoozes once
    assert ack.count == 2
    [copy] = [m for m in rows(session_factory) if m.dedupe_key == f"snooze:{original_id}"]
    original = next(m for m in rows(session_factory) if m.id == original_id)
    assert (copy.kind, copy.person_id, copy.subject_id, copy.payload) == (
        MessageKind.PRAISE_NUDGE,
        original.person_id,
        original.subject_id,
        original.payload,
    )
    assert (copy.not_before, copy.status) == (LATER + timedelta(days=1), OutboxStatus.QUEUED)
    update = fake.calls("chat.update")[-1]
    assert update.ok and update.args["ts"] == body["message"]["ts"]
    block_ids = [block.get("block_id") for block in update.args["blocks"]]
    assert "reminder_controls" not in block_ids and "snoozed" in block_ids
    assert "Snoozed. I'll bring this back" in update.args["text"]
    fake.assert_no_rejections()
    # A day later the snoozed copy goes out again, with its own buttons.
    worker = Delivery(session_factory, SlackSender(client))
    worker.drain(LATER + timedelta(days=1))
    worker.drain(LATER + timedelta(days=1, seconds=1))  # after the other report's nudge, one a second
    snooze_values = [
        element["value"]
        for call in fake.calls("chat.postMessage")
        for block in call.args["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
        if element["action_id"] == "reminder_snooze"
    ]
    assert snooze_values.count(str(copy.id)) == 1
    assert next(m for m in rows(session_factory) if m.id == copy.id).status == OutboxStatus.SENT


def test_mute_sets_the_flag_cancels_queued_nudges_and_stops_future_ones(
    session_factory: sessionmaker[Session], fake: FakeSlack, org: Org
) -> None:
    client = WebClient(token="xoxb-test", base_url=fake.url)
    body = click(deliver_first_nudge(session_factory, fake, client), "reminder_mute")
    # The second report's nudge was deferred one second (one message per second into a DM).
    assert [m.status for m in rows(session_factory)] == [OutboxStatus.SENT, OutboxStatus.QUEUED]
    mute_from_button(
        Deps(session_factory=session_factory, clock=lambda: LATER),
        Acks(),
        body,
        client,
        BoltContext({"team_id": "T001", "user_id": "UMGR"}),
    )
    with session_factory() as session:
        manager = session.get(Person, org.manager.id)
        assert manager is not None and manager.mute_nudges
    assert [(m.status, m.last_error) for m in rows(session_factory)] == [
        (OutboxStatus.SENT, None),
        (OutboxStatus.CANCELLED, "recipient muted nudges"),
    ]
    assert "Muted." in fake.calls("chat.update")[-1].args["text"]
    with unit_of_work(session_factory) as session:
        assert praise_nudge.sweep(session, MONDAY + timedelta(days=7)) == 0
        assert (
            session.scalar(select(OutboxMessage).where(OutboxMessage.status == OutboxStatus.QUEUED)) is None
        )


def test_someone_else_cannot_snooze_your_reminder(
    session_factory: sessionmaker[Session], fake: FakeSlack, org: Org
) -> None:
    from models.errors import NotFound

    client = WebClient(token="xoxb-test", base_url=fake.url)
    body = click(deliver_first_nudge(session_factory, fake, client), "reminder_snooze")
    body["user"] = {"id": "UR000"}
    with pytest.raises(NotFound):
        snooze_from_button(
            Deps(session_factory=session_factory, clock=lambda: LATER),
            Acks(),
            body,
            client,
            BoltContext({"team_id": "T001", "user_id": "UR000"}),
        )
    assert not [m for m in rows(session_factory) if m.dedupe_key.startswith("snooze:")]
