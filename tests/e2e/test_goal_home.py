"""The App Home's goals: mine with progress bars, status and next due date; a manager's attention list."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from handlers.goals import GoalAction, GoalBlock
from models.goals import GoalHealth, GoalStatus
from tests.e2e.conftest import Stack
from tests.e2e.test_goal_support import (
    BOSS,
    OLIVE,
    PIA,
    TODAY,
    add_goal,
    block_ids,
    buttons,
    goal_form,
    goals_titled,
    opened,
    seed_org,
)


def open_home(stack: Stack, user_id: str, count: int = 1) -> dict[str, Any]:
    stack.slack.event({"type": "app_home_opened", "user": user_id, "channel": "D1", "tab": "home"})
    view = stack.fake.wait_for("views.publish", count=count)[count - 1].args["view"]
    assert isinstance(view, dict)
    return view


def test_home_shows_my_goals_with_progress_status_and_next_due_date(stack: Stack) -> None:
    seed_org(stack)
    soon = TODAY + timedelta(days=5)
    goal_id = add_goal(stack, OLIVE, title="Grow repeat sales", current=70.0, due_date=soon)
    add_goal(stack, OLIVE, title="Later goal", due_date=TODAY + timedelta(days=90), health=GoalHealth.AT_RISK)
    home = open_home(stack, OLIVE)
    shown = str(home["blocks"])
    assert "Your goals" in shown and "Grow repeat sales" in shown
    assert "▓▓▓▓▓▓▓░░░ 70%" in shown and "At risk" in shown
    assert f"Next due date: {soon:%b} {soon.day}, {soon.year}" in shown
    found = buttons(home["blocks"])
    assert found[GoalAction.NEW_GOAL] == "new" and GoalAction.CHECK_IN in found
    assert "Your team: needs attention" not in shown, "not a manager"
    # The Home's own "Check in" button offers every active goal; a goal's button preselects it.
    stack.slack.block_action(GoalAction.CHECK_IN, OLIVE, value="any", view=home)
    general = opened(stack)
    assert "initial_option" not in general["blocks"][0]["element"]
    stack.slack.block_action(GoalAction.CHECK_IN, OLIVE, value=str(goal_id), view=home, block_id="x")
    assert opened(stack, 2)["blocks"][0]["element"]["initial_option"]["value"] == str(goal_id)


def test_a_managers_home_lists_their_reports_goals_needing_attention(stack: Stack) -> None:
    seed_org(stack)
    add_goal(stack, OLIVE, title="Olive's proposal", status=GoalStatus.PROPOSED)
    add_goal(stack, PIA, title="Pia at risk", health=GoalHealth.AT_RISK)
    add_goal(stack, PIA, title="Pia on track", health=GoalHealth.ON_TRACK)
    home = open_home(stack, BOSS)
    shown = str(home["blocks"])
    assert "Your team: needs attention" in shown
    assert "Olive's proposal" in shown and "waiting for your approval" in shown
    assert "Pia at risk" in shown and "at risk" in shown
    assert "Pia on track" not in shown


def test_home_stays_within_100_blocks_with_many_goals(stack: Stack) -> None:
    seed_org(stack)
    for index in range(40):
        add_goal(stack, BOSS, title=f"Bo's goal {index}")
        add_goal(stack, OLIVE, title=f"Olive late {index}", due_date=TODAY - timedelta(days=1))
    home = open_home(stack, BOSS)
    assert len(home["blocks"]) <= 100
    shown = str(home["blocks"])
    assert "…and 30 more: type `/goal list`." in shown and "…and 25 more: type `/goal team`." in shown


def test_new_goal_from_home_saves_and_refreshes_home(stack: Stack) -> None:
    seed_org(stack)
    home = open_home(stack, OLIVE)
    stack.slack.block_action(GoalAction.NEW_GOAL, OLIVE, value="new", view=home)
    view = opened(stack)
    assert GoalBlock.TITLE in block_ids(view)
    assert stack.slack.view_submission(view, goal_form(view, title="From the Home tab"), OLIVE).body == ""
    assert len(goals_titled(stack, "From the Home tab")) == 1
    refreshed = stack.fake.wait_for("views.publish", count=2)[1].args["view"]
    assert "From the Home tab" in str(refreshed["blocks"])
    told = stack.fake.wait_for("chat.postMessage", count=2)
    assert any(call.args["channel"] == OLIVE and "proposed" in call.args["text"] for call in told)
