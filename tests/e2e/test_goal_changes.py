"""Changing an agreed goal in Slack: Cancel goal (with a reason) and Edit, offered only to those the
domain allows; forged clicks and submissions are refused."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from handlers.goals import GoalAction, GoalBlock, GoalCallback
from models.goals import CommentKind, GoalComment, GoalLevel, GoalStatus
from tests.e2e.conftest import Stack
from tests.e2e.test_checkin import checkin_state
from tests.e2e.test_goal_support import (
    BOSS,
    OLIVE,
    PIA,
    add_goal,
    block,
    block_ids,
    buttons,
    checkin_count,
    dms_to,
    goal,
    goal_form,
    opened,
    seed_org,
    valid_message,
)

DETAILS_ID = "V_DETAILS"


def view_goal(stack: Stack, user: str, goal_id: int, count: int = 1) -> dict[str, Any]:
    """`user` clicks View on the goal; the details modal as Slack would echo it (with a known id)."""
    assert stack.slack.block_action(GoalAction.VIEW, user, value=str(goal_id)).status == 200
    details = opened(stack, count)
    assert details["callback_id"] == GoalCallback.DETAILS_MODAL
    return {**details, "id": DETAILS_ID}


def click_in_view(
    stack: Stack, action: str, user: str, details: dict[str, Any], count: int = 1
) -> dict[str, Any]:
    """Click a button of the details modal; returns the modal pushed onto it."""
    value = buttons(details["blocks"])[action]
    assert stack.slack.block_action(action, user, value=value, view=details).status == 200
    return opened(stack, count, "views.push")


def reason(text: str) -> dict[str, Any]:
    return {GoalBlock.COMMENT: {GoalAction.COMMENT_TEXT: text}}


def comments(stack: Stack, goal_id: int) -> list[tuple[CommentKind, str]]:
    with stack.session_factory() as session:
        found = session.scalars(select(GoalComment).where(GoalComment.goal_id == goal_id))
        return [(comment.kind, comment.body) for comment in found]


def test_the_manager_cancels_a_goal_from_the_view_modal_with_a_reason(stack: Stack) -> None:
    seed_org(stack)
    goal_id = add_goal(stack, OLIVE, title="Pilot the reseller channel")
    details = view_goal(stack, BOSS, goal_id)
    assert buttons(details["blocks"])[GoalAction.CANCEL] == str(goal_id)

    modal = click_in_view(stack, GoalAction.CANCEL, BOSS, details)
    assert modal["callback_id"] == GoalCallback.CANCEL_MODAL
    assert modal["submit"]["text"] == "Cancel goal" and modal["close"]["text"] == "Keep goal"
    assert "<@UOLIVE> will be told" in str(modal["blocks"])
    assert block(modal, GoalBlock.COMMENT)["optional"] is True, "the reason is optional"
    answer = stack.slack.view_submission(modal, reason("The reseller pilot was stopped."), BOSS)
    assert answer.status == 200 and answer.body == ""

    stored = goal(stack, goal_id)
    assert stored.status is GoalStatus.CANCELLED and stored.closed_at is not None
    assert comments(stack, goal_id) == [(CommentKind.CANCELLATION, "The reseller pilot was stopped.")]
    stack.fake.wait_for("chat.postMessage", count=2)
    [told_owner] = dms_to(stack, OLIVE)
    assert "<@UBOSS> cancelled your goal *Pilot the reseller channel*" in told_owner.args["text"]
    assert "The reseller pilot was stopped." in str(told_owner.args["blocks"])
    [told_actor] = dms_to(stack, BOSS)
    assert "You cancelled *Pilot the reseller channel*; <@UOLIVE> has been told." in told_actor.args["text"]
    [refreshed] = stack.fake.wait_for("views.update")
    assert refreshed.args["view_id"] == DETAILS_ID, "the View modal underneath shows the change"
    assert "Cancelled" in str(refreshed.args["view"]["blocks"])
    assert GoalAction.CANCEL not in buttons(refreshed.args["view"]["blocks"])

    # A check-in on the cancelled goal is refused on the goal field.
    stack.slack.block_action(GoalAction.CHECK_IN, OLIVE, value=str(goal_id))
    checkin = opened(stack, 2)
    refused = stack.slack.view_submission(checkin, checkin_state(goal_id, value="50"), OLIVE).json()
    assert refused["response_action"] == "errors"
    assert list(refused["errors"]) == [GoalBlock.GOAL] and "cancelled" in refused["errors"]["goal"]
    assert checkin_count(stack) == 0


def test_a_weights_warning_is_shown_to_whoever_cancels(stack: Stack) -> None:
    seed_org(stack)
    add_goal(stack, OLIVE, title="Main goal", weight=60.0)
    side = add_goal(stack, OLIVE, title="Side goal", weight=40.0)
    modal = click_in_view(stack, GoalAction.CANCEL, BOSS, view_goal(stack, BOSS, side))
    assert stack.slack.view_submission(modal, reason(""), BOSS).body == ""
    assert goal(stack, side).status is GoalStatus.CANCELLED
    assert comments(stack, side) == [], "no reason, no comment"
    [told_actor] = [
        call for call in stack.fake.wait_for("chat.postMessage", count=2) if call.args["channel"] == BOSS
    ]
    assert ":warning: Olive's active goal weights add up to 60, not 100." in told_actor.args["text"]
    [told_owner] = dms_to(stack, OLIVE)
    assert "Reason" not in str(told_owner.args["blocks"])


def test_the_cancel_button_is_offered_only_to_those_allowed_and_forgeries_are_refused(stack: Stack) -> None:
    seed_org(stack)
    goal_id = add_goal(stack, OLIVE, title="Agreed goal")
    for count, user in enumerate((PIA, OLIVE), start=1):
        shown = buttons(view_goal(stack, user, goal_id, count)["blocks"])
        assert GoalAction.CANCEL not in shown and GoalAction.EDIT not in shown, user
    listed = valid_message(stack.slack.command("/goal", "list", OLIVE).json())
    assert GoalAction.CANCEL not in buttons(listed["blocks"]), "her agreed goal is her manager's to cancel"

    # A forged click: no modal, a clear refusal.
    stack.slack.block_action(GoalAction.CANCEL, PIA, value=str(goal_id))
    [refusal] = stack.fake.wait_for("response_url")
    assert (
        "Only the goal's owner (before approval), their manager and HR admins can cancel it"
        in refusal.args["text"]
    )
    assert stack.fake.calls("views.push") == [] and len(stack.fake.calls("views.open")) == 2

    # A forged submission of the manager's modal: refused on the field, nothing changed.
    modal = click_in_view(stack, GoalAction.CANCEL, BOSS, view_goal(stack, BOSS, goal_id, 3))
    answer = stack.slack.view_submission(modal, reason("Because I say so"), PIA).json()
    assert answer == {
        "response_action": "errors",
        "errors": {
            GoalBlock.COMMENT: "Only the goal's owner (before approval), their manager and HR admins can "
            "cancel it; ask one of them."
        },
    }
    assert goal(stack, goal_id).status is GoalStatus.ACTIVE
    assert comments(stack, goal_id) == [] and dms_to(stack, OLIVE) == []


def test_the_owner_withdraws_her_proposal_from_goal_list(stack: Stack) -> None:
    seed_org(stack)
    goal_id = add_goal(stack, OLIVE, title="Second thoughts", status=GoalStatus.PROPOSED)
    listed = valid_message(stack.slack.command("/goal", "list", OLIVE, channel_id="C_SALES").json())
    assert buttons(listed["blocks"])[GoalAction.CANCEL] == str(goal_id)
    stack.slack.block_action(
        GoalAction.CANCEL, OLIVE, value=str(goal_id), message=listed, channel_id="C_SALES"
    )
    modal = opened(stack)
    assert "withdraws" in str(modal["blocks"]) and "will be told" not in str(modal["blocks"])
    assert stack.slack.view_submission(modal, reason("Merged into my other goal"), OLIVE).body == ""
    assert goal(stack, goal_id).status is GoalStatus.CANCELLED
    [told] = stack.fake.wait_for("chat.postEphemeral")
    assert (told.args["channel"], told.args["user"]) == ("C_SALES", OLIVE)
    assert told.args["text"] == "You cancelled *Second thoughts*."
    assert dms_to(stack, BOSS) == [] and dms_to(stack, OLIVE) == []


def test_the_manager_edits_a_reports_agreed_goal_and_the_owner_is_told(stack: Stack) -> None:
    seed_org(stack)
    goal_id = add_goal(stack, OLIVE, title="Grow repeat sales", baseline=100.0, target=130.0, unit="k€")
    details = view_goal(stack, BOSS, goal_id)
    edit = click_in_view(stack, GoalAction.EDIT, BOSS, details)
    assert edit["callback_id"] == GoalCallback.GOAL_MODAL and edit["title"]["text"] == "Edit goal"
    assert block(edit, GoalBlock.TITLE)["element"]["initial_value"] == "Grow repeat sales"
    assert block(edit, GoalBlock.TARGET)["element"]["initial_value"] == "130"
    for fixed in (GoalBlock.LEVEL, GoalBlock.OWNER, GoalBlock.DEPARTMENT):
        assert fixed not in block_ids(edit), "level, owner and department stay as created"

    state = goal_form(edit, title="Grow repeat sales to 160 k€", target="160")
    assert stack.slack.view_submission(edit, state, BOSS).body == ""
    stored = goal(stack, goal_id)
    assert (stored.title, stored.target, stored.status) == (
        "Grow repeat sales to 160 k€",
        160.0,
        GoalStatus.ACTIVE,
    )
    assert stored.owner_id is not None and stored.level is GoalLevel.INDIVIDUAL
    stack.fake.wait_for("chat.postMessage", count=2)
    [told_owner] = dms_to(stack, OLIVE)
    assert "<@UBOSS> changed your goal" in told_owner.args["text"]
    assert "Grow repeat sales to 160 k€" in str(told_owner.args["blocks"])
    [told_actor] = dms_to(stack, BOSS)
    assert "they have been told" in told_actor.args["text"]
    [refreshed] = stack.fake.wait_for("views.update")
    assert refreshed.args["view_id"] == DETAILS_ID
    assert "Grow repeat sales to 160 k€" in str(refreshed.args["view"]["blocks"])


def test_the_owner_edits_her_team_goal_and_nobody_else_is_told(stack: Stack) -> None:
    seed_org(stack)
    goal_id = add_goal(stack, BOSS, title="Sales pipeline", level=GoalLevel.TEAM, department="Sales")
    listed = valid_message(stack.slack.command("/goal", "list", BOSS).json())
    assert buttons(listed["blocks"])[GoalAction.EDIT] == str(goal_id)
    assert buttons(listed["blocks"])[GoalAction.CANCEL] == str(goal_id)
    stack.slack.block_action(GoalAction.EDIT, BOSS, value=str(goal_id), message=listed)
    edit = opened(stack)
    assert (
        stack.slack.view_submission(edit, goal_form(edit, title="Sales pipeline, doubled"), BOSS).body == ""
    )
    assert goal(stack, goal_id).title == "Sales pipeline, doubled"
    [told] = stack.fake.wait_for("chat.postEphemeral")
    assert "*Sales pipeline, doubled* is saved and active" in told.args["text"]
    assert [call.args["channel"] for call in stack.fake.calls("chat.postMessage")] == []


def test_the_owner_cannot_edit_her_agreed_goal(stack: Stack) -> None:
    seed_org(stack)
    goal_id = add_goal(stack, OLIVE, title="Agreed with Bo")
    stack.slack.block_action(GoalAction.EDIT, OLIVE, value=str(goal_id))
    [refusal] = stack.fake.wait_for("response_url")
    assert "This goal is approved; ask your manager to change it" in refusal.args["text"]
    assert stack.fake.calls("views.open") == []


def test_a_forged_edit_by_another_employee_is_refused_inline(stack: Stack) -> None:
    seed_org(stack)
    goal_id = add_goal(stack, OLIVE, title="Olive's goal")
    stack.slack.block_action(GoalAction.EDIT, PIA, value=str(goal_id))
    [refusal] = stack.fake.wait_for("response_url")
    assert "Only the goal's owner and their manager can change it; ask them to." in refusal.args["text"]

    edit = click_in_view(stack, GoalAction.EDIT, BOSS, view_goal(stack, BOSS, goal_id))
    answer = stack.slack.view_submission(edit, goal_form(edit, title="Pia was here"), PIA).json()
    assert answer["response_action"] == "errors"
    assert answer["errors"] == {
        GoalBlock.TITLE: "Only the goal's owner and their manager can change it; ask them to."
    }
    assert goal(stack, goal_id).title == "Olive's goal"
    assert dms_to(stack, OLIVE) == []
