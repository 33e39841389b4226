"""`/checkin` and the "Check in" buttons: progress, status, note and blockers, kept as history."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from handlers.goals import GoalAction, GoalBlock, GoalCallback
from models.db import unit_of_work
from models.goals import GoalCheckin, GoalHealth, GoalKind, GoalStatus, cancel_goal
from models.people import Person
from models.workspace import Workspace
from tests.e2e.conftest import Stack
from tests.e2e.test_goal_support import (
    BOSS,
    OLIVE,
    add_goal,
    block,
    block_ids,
    buttons,
    checkin_count,
    dms_to,
    goal,
    opened,
    seed_org,
    valid_message,
)


def checkin_state(
    goal_id: int | None,
    status: str = "on_track",
    value: str | None = None,
    note: str = "",
    blockers: str = "",
    done: bool = False,
) -> dict[str, Any]:
    state: dict[str, Any] = {
        GoalBlock.GOAL: {GoalAction.GOAL: None if goal_id is None else str(goal_id)},
        GoalBlock.STATUS: {GoalAction.STATUS: status},
        GoalBlock.NOTE: {GoalAction.NOTE: note},
        GoalBlock.BLOCKERS: {GoalAction.BLOCKERS: blockers},
        GoalBlock.DONE: {GoalAction.DONE: ["done"] if done else []},
    }
    if value is not None:
        state[GoalBlock.VALUE] = {GoalAction.VALUE: value}
    return state


def test_checkin_command_offers_active_goals_and_records_progress(stack: Stack) -> None:
    seed_org(stack)
    active = add_goal(stack, OLIVE, title="Grow repeat sales", baseline=100.0, target=150.0)
    add_goal(stack, OLIVE, title="Still a proposal", status=GoalStatus.PROPOSED)
    add_goal(stack, OLIVE, title="Already done", status=GoalStatus.COMPLETED)
    stack.slack.command("/checkin", "", OLIVE, channel_id="C_SALES")
    view = opened(stack)
    assert view["callback_id"] == GoalCallback.CHECKIN_MODAL
    options = block(view, GoalBlock.GOAL)["element"]["options"]
    assert [o["value"] for o in options] == [str(active)], "only active goals take check-ins"
    answer = stack.slack.view_submission(
        view, checkin_state(active, value="120", note="Two big renewals"), OLIVE
    )
    assert answer.body == ""
    stored = goal(stack, active)
    assert (stored.current, stored.progress, stored.health) == (120.0, 40.0, GoalHealth.ON_TRACK)
    [told] = stack.fake.wait_for("chat.postEphemeral")
    assert "▓▓▓▓░░░░░░ 40%" in told.args["text"]
    assert dms_to(stack, BOSS) == [], "on track: the manager is not disturbed"


def test_the_check_in_button_preselects_its_goal_and_history_is_kept(stack: Stack) -> None:
    seed_org(stack)
    goal_id = add_goal(stack, OLIVE, title="Cut response time", baseline=30.0, target=10.0, unit="min")
    answer = valid_message(stack.slack.command("/goal", "list", OLIVE).json())
    assert buttons(answer["blocks"])[GoalAction.CHECK_IN] == str(goal_id)
    for step, value in enumerate(("25", "20"), start=1):
        stack.slack.block_action(GoalAction.CHECK_IN, OLIVE, value=str(goal_id), message=answer)
        view = opened(stack, step)
        assert block(view, GoalBlock.GOAL)["element"]["initial_option"]["value"] == str(goal_id)
        assert stack.slack.view_submission(view, checkin_state(goal_id, value=value), OLIVE).body == ""
    assert checkin_count(stack) == 2
    assert goal(stack, goal_id).progress == 50.0, "decrease: 30 → 20 on the way to 10"

    stack.slack.block_action(GoalAction.VIEW, OLIVE, value=str(goal_id), message=answer)
    details = opened(stack, 3)
    history = str(details["blocks"])
    assert "25 → 20 min" in history and "30 → 25 min" in history
    assert history.index("25 → 20") < history.index("30 → 25"), "newest first"


def test_an_at_risk_check_in_alerts_the_manager_with_the_note(stack: Stack) -> None:
    seed_org(stack)
    goal_id = add_goal(stack, OLIVE, title="Launch the partner program")
    stack.slack.command("/checkin", "", OLIVE)
    view = opened(stack)
    state = checkin_state(
        goal_id,
        status="at_risk",
        value="20",
        note="Legal review is slow",
        blockers="Waiting on contract template",
    )
    assert stack.slack.view_submission(view, state, OLIVE).body == ""
    [alert] = stack.fake.wait_for("chat.postMessage")
    assert alert.args["channel"] == BOSS
    assert "<@UOLIVE> checked in on *Launch the partner program*" in alert.args["text"]
    assert "At risk" in alert.args["text"]
    text = str(alert.args["blocks"])
    assert "Legal review is slow" in text and "Waiting on contract template" in text
    assert buttons(alert.args["blocks"]) == {GoalAction.VIEW: str(goal_id)}
    [told] = stack.fake.wait_for("chat.postEphemeral")
    assert "<@UBOSS> has been told" in told.args["text"]

    stack.slack.block_action(
        GoalAction.VIEW, BOSS, value=str(goal_id), message=alert.args, channel_id="D_BOSS"
    )
    details = opened(stack, 2)
    assert "Legal review is slow" in str(details["blocks"])


def cancel(stack: Stack, goal_id: int) -> None:
    with unit_of_work(stack.session_factory) as session:
        workspace = session.scalars(select(Workspace)).one()
        boss = session.scalars(select(Person).where(Person.slack_user_id == BOSS)).one()
        cancel_goal(session, workspace, boss, goal_id, now=datetime.now(UTC))


def test_checking_in_on_a_cancelled_goal_is_refused_on_the_goal_field(stack: Stack) -> None:
    seed_org(stack)
    goal_id = add_goal(stack, OLIVE, title="Soon cancelled")
    stack.slack.command("/checkin", "", OLIVE)
    view = opened(stack)
    cancel(stack, goal_id)  # while the modal is open
    answer = stack.slack.view_submission(view, checkin_state(goal_id, value="50"), OLIVE).json()
    assert answer["response_action"] == "errors"
    assert list(answer["errors"]) == [GoalBlock.GOAL] and "cancelled" in answer["errors"]["goal"]
    assert checkin_count(stack) == 0


def test_bad_check_in_values_land_on_their_fields(stack: Stack) -> None:
    seed_org(stack)
    goal_id = add_goal(stack, OLIVE, title="Numbers please")
    stack.slack.command("/checkin", "", OLIVE)
    view = opened(stack)
    answer = stack.slack.view_submission(view, checkin_state(goal_id, value="lots"), OLIVE).json()
    assert list(answer["errors"]) == [GoalBlock.VALUE] and "Enter a number" in answer["errors"]["value"]
    blank = stack.slack.view_submission(view, checkin_state(goal_id, value=""), OLIVE).json()
    assert "Enter the current value" in blank["errors"]["value"]
    assert checkin_count(stack) == 0 and goal(stack, goal_id).current == 0.0


def test_a_milestone_is_done_in_one_check_in(stack: Stack) -> None:
    seed_org(stack)
    goal_id = add_goal(stack, OLIVE, title="Ship onboarding", kind=GoalKind.MILESTONE)
    stack.slack.block_action(GoalAction.CHECK_IN, OLIVE, value=str(goal_id))
    view = opened(stack)
    assert GoalBlock.VALUE not in block_ids(view), "a milestone has no value to enter"
    assert stack.slack.view_submission(view, checkin_state(goal_id, done=True), OLIVE).body == ""
    stored = goal(stack, goal_id)
    assert (stored.status, stored.progress) == (GoalStatus.COMPLETED, 100.0)
    with stack.session_factory() as session:
        assert session.scalars(select(GoalCheckin.done)).all() == [True]


def test_checkin_without_active_goals_says_so(stack: Stack) -> None:
    seed_org(stack)
    answer = stack.slack.command("/checkin", "", OLIVE).json()
    assert "no active goals" in answer["text"]
    assert stack.fake.calls("views.open") == []


def test_checkin_help_and_unknown_input(stack: Stack) -> None:
    seed_org(stack)
    assert "/checkin" in stack.slack.command("/checkin", "help", OLIVE).json()["text"]
    unknown = stack.slack.command("/checkin", "yesterday", OLIVE).json()
    assert unknown["response_type"] == "ephemeral"
    assert "/checkin yesterday" in unknown["text"] and "/checkin help" in unknown["text"]
