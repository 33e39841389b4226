"""`/praise` over signed HTTP, end to end."""

from __future__ import annotations

from sqlalchemy import func, select

from models.recognition import Praise
from tests.e2e.conftest import Stack


def praise_count(stack: Stack) -> int:
    with stack.session_factory() as session:
        return int(session.scalar(select(func.count()).select_from(Praise)) or 0)


def test_praise_by_command_posts_dms_and_confirms(stack: Stack) -> None:
    stack.seed(("U1", "Gia"), ("U2", "Alice"), ("U3", "Bob"))
    response = stack.slack.command(
        "/praise", "<@U2|alice> <@U3|bob> thanks for carrying the migration #ownership", "U1", channel_id="C_TEAM"
    )
    assert response.status == 200
    [reply] = stack.fake.wait_for("response_url")
    posts = stack.fake.calls("chat.postMessage")
    channel_post = next(c for c in posts if c.args["channel"] == "C_TEAM")
    assert "<@U1>" in channel_post.args["text"] and "<@U2>" in channel_post.args["text"]
    assert "#ownership" in str(channel_post.args["blocks"])
    assert {c.args["channel"] for c in posts} == {"C_TEAM", "U2", "U3"}
    assert "see it" in reply.args["text"] and "https://" in reply.args["text"]
    assert reply.args.get("response_type") == "ephemeral"
    with stack.session_factory() as session:
        praise = session.scalars(select(Praise)).one()
        assert praise.channel_id == "C_TEAM" and praise.message_ts
        assert praise.delivery_error is None
