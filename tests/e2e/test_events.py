"""Events: App Home, people joining or changing, and Slack's retries."""

from __future__ import annotations

from sqlalchemy import select

from models.messaging import MessageKind, OutboxMessage
from models.people import Person
from tests.e2e.conftest import Stack, eventually


def person(stack: Stack, user_id: str) -> Person | None:
    with stack.session_factory() as session:
        return session.scalars(select(Person).where(Person.slack_user_id == user_id)).one_or_none()


def home_opened(user: str) -> dict[str, str]:
    return {"type": "app_home_opened", "user": user, "channel": "D1", "tab": "home"}


def test_app_home_shows_praise_received_and_given(stack: Stack) -> None:
    stack.seed(("U1", "Gia"), ("U2", "Alice"))
    stack.slack.command("/praise", "<@U2|alice> thanks for the review", "U1", channel_id="C_TEAM")
    stack.fake.wait_for("response_url")
    stack.slack.event(home_opened("U2"))
    [publish] = stack.fake.wait_for("views.publish")
    assert publish.args["user_id"] == "U2"
    text = str(publish.args["view"])
    assert "thanks for the review" in text and "<@U1>" in text
    assert "Give praise" in text


def test_a_retried_event_has_no_second_effect(stack: Stack) -> None:
    stack.seed(("U1", "Gia"))
    assert stack.slack.event(home_opened("U1"), event_id="Ev1").status == 200
    stack.fake.wait_for("views.publish")
    retry = stack.slack.event(home_opened("U1"), event_id="Ev1", retry_num=1, retry_reason="http_timeout")
    assert retry.status == 200
    stack.slack.event(home_opened("U1"), event_id="Ev2")  # a later, different event still works
    assert len(stack.fake.wait_for("views.publish", count=2)) == 2


def test_a_retry_whose_first_delivery_never_arrived_is_processed(stack: Stack) -> None:
    stack.seed(("U1", "Gia"))
    stack.slack.event(home_opened("U1"), event_id="EvLost", retry_num=1, retry_reason="http_timeout")
    stack.fake.wait_for("views.publish")


def test_team_join_registers_the_new_person(stack: Stack) -> None:
    stack.seed(("U1", "Gia"))
    user = {
        "id": "UJOIN",
        "name": "jo",
        "real_name": "Jo",
        "tz": "Europe/Berlin",
        "profile": {"real_name": "Jo"},
    }
    stack.slack.event({"type": "team_join", "user": user})
    eventually(lambda: person(stack, "UJOIN") is not None)
    jo = person(stack, "UJOIN")
    assert jo is not None and (jo.name, jo.tz, jo.active) == ("Jo", "Europe/Berlin", True)
    with stack.session_factory() as session:
        welcome = session.scalars(select(OutboxMessage).where(OutboxMessage.person_id == jo.id)).one()
        assert welcome.kind == MessageKind.WELCOME


def test_user_change_keeps_the_time_zone_current_and_deactivates(stack: Stack) -> None:
    stack.seed(("U1", "Gia"), ("U2", "Alice"))
    user = {
        "id": "U2",
        "name": "alice",
        "tz": "America/New_York",
        "deleted": True,
        "profile": {"real_name": "Alice"},
    }
    stack.slack.event({"type": "user_change", "user": user})
    eventually(lambda: getattr(person(stack, "U2"), "active", True) is False)
    alice = person(stack, "U2")
    assert alice is not None and alice.tz == "America/New_York"
