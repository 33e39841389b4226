"""The praise modal: opened by `/praise`, the global shortcut, the message shortcut and a button."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from handlers.praise import Action, Block
from models.praise import Praise
from tests.e2e.conftest import Stack


def opened_view(stack: Stack) -> dict[str, Any]:
    [call] = stack.fake.wait_for("views.open")
    view = call.args["view"]
    assert isinstance(view, dict)
    return view


def block_ids(view: dict[str, Any]) -> list[str]:
    return [block.get("block_id", "") for block in view["blocks"]]


def submit(
    stack: Stack,
    view: dict[str, Any],
    user: str,
    *,
    recipients: list[str],
    message: str,
    values: list[str] | None = None,
    channel: str | None = None,
) -> Any:
    state: dict[str, Any] = {
        Block.RECIPIENTS: {Action.RECIPIENTS: {"type": "multi_users_select", "selected_users": recipients}},
        Block.MESSAGE: {Action.MESSAGE: {"type": "plain_text_input", "value": message}},
    }
    if Block.VALUES in block_ids(view):
        state[Block.VALUES] = {
            Action.VALUES: {
                "type": "multi_static_select",
                "selected_options": [
                    {"text": {"type": "plain_text", "text": f"#{v}"}, "value": v} for v in values or []
                ],
            }
        }
    if channel is not None:
        state[Block.CHANNEL] = {
            Action.CHANNEL: {"type": "conversations_select", "selected_conversation": channel}
        }
    return stack.slack.view_submission(view, state, user)


def test_praise_with_no_text_opens_the_modal_for_the_commands_channel(stack: Stack) -> None:
    stack.seed(("U1", "Gia"), ("U2", "Alice"), company_values=["ownership", "teamwork"])
    assert stack.slack.command("/praise", "", "U1", channel_id="C_TEAM").status == 200
    view = opened_view(stack)
    assert Block.CHANNEL not in block_ids(view), "the command's channel is where it will be posted"
    response = submit(stack, view, "U1", recipients=["U2"], message="Great demo", values=["teamwork"])
    assert response.status == 200 and response.body == ""
    [ephemeral] = stack.fake.wait_for("chat.postEphemeral")
    assert ephemeral.args["channel"] == "C_TEAM" and ephemeral.args["user"] == "U1"
    post = next(c for c in stack.fake.calls("chat.postMessage") if c.args["channel"] == "C_TEAM")
    assert "#teamwork" in str(post.args["blocks"])


def test_global_shortcut_asks_for_a_channel_when_hr_has_not_set_one(stack: Stack) -> None:
    stack.seed(("U1", "Gia"), ("U2", "Alice"))
    stack.slack.shortcut("give_praise", "U1")
    view = opened_view(stack)
    assert Block.CHANNEL in block_ids(view)
    submit(stack, view, "U1", recipients=["U2"], message="Thanks for the pairing", channel="C_CHOSEN")
    stack.fake.wait_for("chat.postEphemeral")
    assert stack.fake.calls("chat.postMessage")[0].args["channel"] == "C_CHOSEN"


def test_global_shortcut_uses_the_recognition_channel_without_asking(stack: Stack) -> None:
    stack.seed(("U1", "Gia"), ("U2", "Alice"), recognition_channel_id="C_KUDOS")
    stack.slack.shortcut("give_praise", "U1")
    assert Block.CHANNEL not in block_ids(opened_view(stack))


def test_message_shortcut_prefills_the_author_and_quotes_the_message(stack: Stack) -> None:
    stack.seed(("U1", "Gia"), ("U2", "Alice"))
    stack.slack.message_shortcut(
        "praise_message",
        "U1",
        "C_TEAM",
        message={"user": "U2", "text": "Shipped the fix for the outage", "ts": "1.2"},
    )
    view = opened_view(stack)
    recipients = next(b for b in view["blocks"] if b.get("block_id") == Block.RECIPIENTS)
    assert recipients["element"]["initial_users"] == ["U2"]
    assert "Shipped the fix for the outage" in str(view["blocks"][0])
    submit(stack, view, "U1", recipients=["U2"], message="Saved our weekend")
    stack.fake.wait_for("chat.postEphemeral")
    post = stack.fake.calls("chat.postMessage")[0]
    assert post.args["channel"] == "C_TEAM"
    assert "Shipped the fix for the outage" in str(post.args["blocks"])


def test_modal_errors_land_on_their_fields_and_nothing_is_stored(stack: Stack) -> None:
    stack.seed(("U1", "Gia"), ("U2", "Alice"), recognition_channel_id="C_KUDOS")
    stack.fake.add_user("UBOT", "deploybot", is_bot=True)
    stack.slack.shortcut("give_praise", "U1")
    view = opened_view(stack)
    answer = submit(stack, view, "U1", recipients=["U1", "UBOT"], message="   ").json()
    assert answer["response_action"] == "errors"
    assert set(answer["errors"]) == {Block.RECIPIENTS, Block.MESSAGE}
    assert "yourself" in answer["errors"][Block.RECIPIENTS]
    assert "bot" in answer["errors"][Block.RECIPIENTS]
    with stack.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(Praise)) == 0
    assert stack.fake.calls("chat.postMessage") == []


def test_give_praise_button_opens_the_modal_prefilled(stack: Stack) -> None:
    stack.seed(("U1", "Gia"), ("U2", "Alice"))
    stack.slack.block_action("open_praise_modal", "U1", value="U2")
    view = opened_view(stack)
    recipients = next(b for b in view["blocks"] if b.get("block_id") == Block.RECIPIENTS)
    assert recipients["element"]["initial_users"] == ["U2"]
