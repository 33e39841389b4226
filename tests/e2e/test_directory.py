"""People as Slack knows them, end to end: imported from users.list, kept current by events,
and never a Slack call before the ack for someone perfbot knows."""

from __future__ import annotations

import time

from slack_sdk import WebClient
from sqlalchemy import select

from handlers.directory import list_members
from models.db import unit_of_work
from models.people import Person, import_org
from models.praise import Praise
from models.workspace import Workspace
from tests.e2e.conftest import BOT_TOKEN, Stack, eventually
from tests.e2e.test_praise_modal import opened_view, submit

HEADER = "email,name,manager_email,role,department,title,slack_user_id"
SLOW_SLACK = 1.0  # seconds the fake takes to answer any Web API call


def person(stack: Stack, user_id: str) -> Person:
    with stack.session_factory() as session:
        return session.scalars(select(Person).where(Person.slack_user_id == user_id)).one()


def import_people(stack: Stack, *rows: str) -> None:
    """HR's way in: the CSV, matched against one users.list walk, no prior contact with anyone."""
    members = list_members(WebClient(token=BOT_TOKEN, base_url=stack.fake.url))
    with unit_of_work(stack.session_factory) as session:
        workspace = Workspace(team_id=stack.fake.team_id)
        session.add(workspace)
        session.flush()
        report = import_org(session, workspace, "\n".join([HEADER, *rows]) + "\n", members)
        assert report.failed == 0, report.failures
    stack.fake.reset()


def chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_a_zh_cn_recipient_who_never_used_perfbot_gets_the_praise_dm_in_chinese(stack: Stack) -> None:
    stack.fake.add_user("U1", "Gia", "gia@example.com", tz="Europe/Istanbul", locale="en-US")
    stack.fake.add_user("U2", "Li Wei", "liwei@example.com", tz="Asia/Shanghai", locale="zh-CN")
    import_people(
        stack, "gia@example.com,Gia,,manager,Eng,Lead,", "liwei@example.com,Li Wei,,employee,Eng,Dev,U2"
    )

    stack.slack.command("/praise", "<@U2|liwei> thanks for the release", "U1", channel_id="C_TEAM")
    stack.fake.wait_for("response_url")

    dm = next(c for c in stack.fake.wait_for("chat.postMessage", count=2) if c.args["channel"] == "U2")
    assert chinese(dm.args["text"]), dm.args["text"]
    channel_post = next(c for c in stack.fake.calls("chat.postMessage") if c.args["channel"] == "C_TEAM")
    assert not chinese(channel_post.args["text"])
    assert stack.fake.calls("users.info") == []


def test_a_command_by_a_known_person_makes_no_slack_call_before_its_ack(stack: Stack) -> None:
    stack.seed(("U1", "Gia"), ("U2", "Alice"))  # known, with no language recorded yet
    stack.fake.latency = SLOW_SLACK

    started = time.monotonic()
    answer = stack.slack.command("/praise", "<@U2|alice> thanks for the review", "U1", channel_id="C_TEAM")
    acked_after = time.monotonic() - started

    assert answer.status == 200
    assert acked_after < SLOW_SLACK / 2, "a Slack call before the ack would have taken a second"
    with stack.session_factory() as session:
        assert session.scalars(select(Praise)).one().message == "thanks for the review"
    stack.fake.wait_for("response_url", timeout=10)
    methods = {call.method for call in stack.fake.calls()}
    assert not {m for m in methods if m.startswith("users.")}, methods


def test_a_modal_submission_about_known_people_makes_no_slack_call_before_its_ack(stack: Stack) -> None:
    stack.seed(("U1", "Gia"), ("U2", "Alice"), ("U3", "Bob"), recognition_channel_id="C_KUDOS")
    stack.slack.command("/praise", "", "U1", channel_id="C_TEAM")
    view = opened_view(stack)
    stack.fake.reset()
    stack.fake.latency = SLOW_SLACK

    started = time.monotonic()
    answer = submit(stack, view, "U1", recipients=["U2", "U3"], message="great launch")
    acked_after = time.monotonic() - started

    assert answer.status == 200 and acked_after < SLOW_SLACK / 2
    with stack.session_factory() as session:
        assert session.scalars(select(Praise)).one().message == "great launch"
    stack.fake.wait_for("chat.postMessage", count=3, timeout=10)
    assert [c.method for c in stack.fake.calls() if c.method.startswith("users.")] == []


def test_someone_unknown_costs_one_users_info_which_registers_them(stack: Stack) -> None:
    stack.seed(("U1", "Gia"))
    stack.fake.add_user("UNEW", "Nova", tz="Asia/Tokyo", locale="ja-JP")

    stack.slack.command("/praise", "<@UNEW|nova> welcome aboard", "U1", channel_id="C_TEAM")
    stack.fake.wait_for("response_url")
    stack.slack.command("/praise", "<@UNEW|nova> again", "U1", channel_id="C_TEAM")
    stack.fake.wait_for("response_url", count=2)

    assert [c.args["user"] for c in stack.fake.calls("users.info")] == ["UNEW"]
    nova = person(stack, "UNEW")
    assert (nova.tz, nova.locale, nova.in_org_chart) == ("Asia/Tokyo", "ja-JP", False)


def user_change(user_id: str, name: str, **fields: object) -> dict[str, object]:
    user = {"id": user_id, "name": name.lower(), "profile": {"real_name": name}, **fields}
    return {"type": "user_change", "user": user}


def test_user_change_keeps_time_zone_language_and_deactivation_current(stack: Stack) -> None:
    stack.seed(("U1", "Gia"), ("U2", "Alice"))

    stack.slack.event(user_change("U2", "Alice", tz="Asia/Tokyo", locale="ja-JP"))
    eventually(lambda: person(stack, "U2").tz == "Asia/Tokyo")
    assert person(stack, "U2").locale == "ja-JP"

    stack.slack.event(user_change("U2", "Alice", tz="Asia/Tokyo", deleted=True))
    eventually(lambda: not person(stack, "U2").active)
    assert person(stack, "U2").locale == "ja-JP", "an event without a locale keeps the known one"

    stack.slack.event(user_change("U2", "Alice", tz="Europe/Paris", deleted=False))
    eventually(lambda: person(stack, "U2").active)
    assert person(stack, "U2").tz == "Europe/Paris"
