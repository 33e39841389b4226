"""SQL statements per request do not grow with the size of the workspace."""

from __future__ import annotations

from sqlalchemy import Engine, insert, text

from models.db import unit_of_work
from models.people import Person
from models.workspace import Workspace
from tests.conftest import StatementCounter
from tests.e2e.conftest import Stack


def grow_workspace(stack: Stack, size: int) -> None:
    """`size` more people in the seeded workspace, each with some praise history."""
    with unit_of_work(stack.session_factory) as session:
        workspace = session.query(Workspace).one()
        session.execute(
            insert(Person),
            [
                {
                    "workspace_id": workspace.id,
                    "slack_user_id": f"UFILL{i}",
                    "name": f"Filler {i}",
                    "email": f"filler{i}@example.com",
                }
                for i in range(size)
            ],
        )


def statements_for_praise_and_home(stack: Stack, engine: Engine, size: int) -> tuple[int, int]:
    stack.seed(("U1", "Gia"), ("U2", "Alice"), ("U3", "Bob"))
    grow_workspace(stack, size)
    for i in range(3):  # history to show on the Home tab
        stack.slack.command("/praise", f"<@U2|alice> <@U3|bob> warm-up {i}", "U1", channel_id="C_TEAM")
        stack.fake.wait_for("response_url", count=i + 1)
    with StatementCounter(engine) as praise:
        stack.slack.command("/praise", "<@U2|alice> <@U3|bob> thanks #ownership", "U1", channel_id="C_TEAM")
        stack.fake.wait_for("response_url", count=4)
    with StatementCounter(engine) as home:
        stack.slack.event({"type": "app_home_opened", "user": "U2", "channel": "D1", "tab": "home"})
        stack.fake.wait_for("views.publish")
    return praise.count, home.count


def test_statements_for_praise_and_home_are_the_same_at_10_and_1000_people(
    stack: Stack, engine: Engine
) -> None:
    small = statements_for_praise_and_home(stack, engine, 10)
    stack.fake.reset()
    with unit_of_work(stack.session_factory) as session:
        for table in ("audit_log", "processed_event", "praise_recipient", "praise", "person", "workspace"):
            session.execute(text(f"DELETE FROM {table}"))
    large = statements_for_praise_and_home(stack, engine, 1000)
    print(f"statements at 10 people: {small}, at 1000 people: {large}")
    assert small == large
    praise_statements, home_statements = small
    # A ceiling against an accidental query per item; the real claim is the equality above.
    # A praise for two people, 15 statements: before the ack one more than without the outbox (one
    # INSERT for its three rows), and after it 9 (take the rows over; workspace, people and the
    # praise to render them; each row marked sent, the post recorded on the praise with it) where
    # posting straight from the listener read nothing back and wrote one row: 7 in all before.
    # Home reads goals, praise, reviews, development actions, one-to-ones to log and appeals.
    assert praise_statements <= 15 and home_statements <= 21, small
