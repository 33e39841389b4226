"""Agreeing on a goal: propose, the manager's DM, approve or request changes, the owner told, revise."""

from __future__ import annotations

from typing import Any

from handlers.goals import GoalAction, GoalBlock
from models.goals import CommentKind, GoalComment, GoalStatus
from tests.e2e.conftest import Stack
from tests.e2e.test_goal_support import (
    BOSS,
    HR,
    OLIVE,
    PIA,
    block,
    buttons,
    dms_to,
    goal,
    goal_form,
    goals_titled,
    opened,
    seed_org,
)


def propose(stack: Stack, title: str = "Win back 40 lapsed customers") -> tuple[int, dict[str, Any]]:
    """Olive proposes a goal; returns its id and the DM her manager got."""
    stack.slack.command("/goal", "", OLIVE, channel_id="C_SALES")
    view = opened(stack)
    assert stack.slack.view_submission(view, goal_form(view, title=title), OLIVE).body == ""
    [saved] = goals_titled(stack, title)
    dm = stack.fake.wait_for("chat.postMessage")[-1]
    assert dm.args["channel"] == BOSS
    return saved.id, dm.args


def click_in_dm(stack: Stack, action: str, user: str, dm: dict[str, Any]) -> Any:
    message = {
        "type": "message",
        "user": stack.fake.bot_user_id,
        "text": dm["text"],
        "blocks": dm["blocks"],
        "ts": "1700000000.000200",
    }
    return stack.slack.block_action(action, user, message=message, channel_id="D_BOSS")


def test_the_manager_approves_from_the_dm_and_the_employee_is_told(stack: Stack) -> None:
    ids = seed_org(stack)
    goal_id, dm = propose(stack)
    assert click_in_dm(stack, GoalAction.APPROVE, BOSS, dm).status == 200
    approved = stack.fake.wait_for("chat.postMessage", count=2)[1]
    assert approved.args["channel"] == OLIVE and "<@UBOSS> approved your goal" in approved.args["text"]
    assert GoalAction.CHECK_IN in buttons(approved.args["blocks"])
    stored = goal(stack, goal_id)
    assert (stored.status, stored.approved_by_id) == (GoalStatus.ACTIVE, ids.people[BOSS])
    [settled] = stack.fake.wait_for("chat.update")
    assert (settled.args["channel"], settled.args["ts"]) == ("D_BOSS", "1700000000.000200")
    assert "You approved this goal" in str(settled.args["blocks"])
    assert buttons(settled.args["blocks"]) == {}, "the decision buttons are gone"


def test_request_changes_then_revise_and_propose_again(stack: Stack) -> None:
    seed_org(stack)
    goal_id, dm = propose(stack)
    click_in_dm(stack, GoalAction.REQUEST_CHANGES, BOSS, dm)
    changes_view = opened(stack, 2)
    comment = "Make it 50 customers, and measure it monthly."
    state = {GoalBlock.COMMENT: {GoalAction.COMMENT_TEXT: comment}}
    assert stack.slack.view_submission(changes_view, state, BOSS).body == ""
    assert goal(stack, goal_id).status is GoalStatus.DRAFT
    told = stack.fake.wait_for("chat.postMessage", count=2)[1]
    assert told.args["channel"] == OLIVE and "asked for changes" in told.args["text"]
    assert comment in str(told.args["blocks"])
    assert buttons(told.args["blocks"])[GoalAction.REVISE] == str(goal_id)
    [settled] = stack.fake.wait_for("chat.update")
    assert "You asked for changes" in str(settled.args["blocks"])

    stack.slack.block_action(GoalAction.REVISE, OLIVE, message=told.args, channel_id="D_OLIVE")
    edit_view = opened(stack, 3)
    assert block(edit_view, GoalBlock.TITLE)["element"]["initial_value"] == "Win back 40 lapsed customers"
    assert comment in str(edit_view["blocks"]), "the change request is shown while revising"
    revised = goal_form(edit_view, title="Win back 50 lapsed customers", target="150")
    assert stack.slack.view_submission(edit_view, revised, OLIVE).body == ""
    stored = goal(stack, goal_id)
    assert (stored.title, stored.target, stored.status) == (
        "Win back 50 lapsed customers",
        150.0,
        GoalStatus.PROPOSED,
    )
    again = stack.fake.wait_for("chat.postMessage", count=3)[2]
    assert again.args["channel"] == BOSS and "Win back 50 lapsed customers" in str(again.args["blocks"])
    assert GoalAction.APPROVE in buttons(again.args["blocks"])
    with stack.session_factory() as session:
        kinds = [c.kind for c in session.query(GoalComment).filter_by(goal_id=goal_id)]
    assert kinds == [CommentKind.CHANGE_REQUEST]


def test_someone_other_than_the_manager_cannot_approve(stack: Stack) -> None:
    seed_org(stack)
    goal_id, dm = propose(stack)
    click_in_dm(stack, GoalAction.APPROVE, PIA, dm)
    [hidden] = stack.fake.wait_for("response_url")
    assert "not visible to you" in hidden.args["text"], "a proposal is private to its circle"
    click_in_dm(stack, GoalAction.APPROVE, HR, dm)
    refusal = stack.fake.wait_for("response_url", count=2)[1]
    assert "Only the owner's manager" in refusal.args["text"]
    assert goal(stack, goal_id).status is GoalStatus.PROPOSED
    assert dms_to(stack, OLIVE) == []


def test_a_failed_dm_loses_nothing_and_the_employee_is_told(stack: Stack) -> None:
    seed_org(stack)
    stack.fake.fail("chat.postMessage", "fatal_error")
    stack.slack.command("/goal", "", OLIVE, channel_id="C_SALES")
    view = opened(stack)
    assert stack.slack.view_submission(view, goal_form(view, title="Resilient goal"), OLIVE).body == ""
    [saved] = goals_titled(stack, "Resilient goal")
    assert saved.status is GoalStatus.PROPOSED
    [told] = stack.fake.wait_for("chat.postEphemeral")
    assert (
        "could not send <@UBOSS> a DM: Slack turned the message down. It is saved with the goal"
        in told.args["text"]
    )
