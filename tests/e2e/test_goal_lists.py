"""`/goal list`, `/goal team`, `/goal tree` (paged past one message), `/goal help` and unknown input."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from handlers.goals import GoalAction
from models.goals import GoalHealth, GoalLevel, GoalStatus, GoalVisibility
from tests.e2e.conftest import Stack
from tests.e2e.test_goal_support import (
    BOSS,
    HR,
    OLIVE,
    OTTO,
    PIA,
    TODAY,
    add_goal,
    buttons,
    seed_org,
    valid_message,
)


def texts(answer: dict[str, Any]) -> str:
    return str(answer["blocks"])


def test_goal_list_shows_my_goals_with_progress_bars_status_and_due_dates(stack: Stack) -> None:
    seed_org(stack)
    add_goal(stack, OLIVE, title="Grow repeat sales", current=40.0, due_date=TODAY + timedelta(days=10))
    add_goal(stack, OLIVE, title="My proposal", status=GoalStatus.PROPOSED)
    add_goal(stack, PIA, title="Pia's goal")
    answer = valid_message(stack.slack.command("/goal", "list", OLIVE).json())
    assert answer["response_type"] == "ephemeral"
    shown = texts(answer)
    assert "▓▓▓▓░░░░░░ 40%" in shown
    assert "Grow repeat sales" in shown and "My proposal" in shown and "Pia's goal" not in shown
    assert "Waiting for approval" in shown and "Active" in shown
    due = TODAY + timedelta(days=10)
    assert f"{due:%b} {due.day}, {due.year}" in shown, "the next due date, as the reader writes dates"
    assert GoalAction.CHECK_IN in buttons(answer["blocks"])


def test_goal_list_is_paged_within_fifty_blocks(stack: Stack) -> None:
    seed_org(stack)
    for index in range(25):
        add_goal(stack, OLIVE, title=f"Goal {index:02}", weight=4.0)
    answer = valid_message(stack.slack.command("/goal", "list", OLIVE).json())
    assert len(answer["blocks"]) <= 50
    assert buttons(answer["blocks"])[GoalAction.MORE] == "list:1"
    stack.slack.block_action(GoalAction.MORE, OLIVE, value="list:1", message=answer)
    [page] = stack.fake.wait_for("response_url")
    assert "Goal 24" in str(page.args["blocks"]) and "Goal 00" not in str(page.args["blocks"])


def test_goal_team_puts_what_needs_attention_first(stack: Stack) -> None:
    seed_org(stack)
    add_goal(stack, OLIVE, title="Calm goal", health=GoalHealth.ON_TRACK)
    add_goal(stack, PIA, title="Troubled goal", health=GoalHealth.OFF_TRACK)
    add_goal(stack, OLIVE, title="Awaiting a decision", status=GoalStatus.PROPOSED)
    add_goal(stack, OLIVE, title="Late goal", due_date=TODAY - timedelta(days=2))
    add_goal(stack, OTTO, title="Someone else's team")
    answer = valid_message(stack.slack.command("/goal", "team", BOSS).json())
    shown = texts(answer)
    positions = [
        shown.index(title) for title in ("Awaiting a decision", "Late goal", "Troubled goal", "Calm goal")
    ]
    assert max(positions[:3]) < positions[3], "needing attention first"
    assert "waiting for your approval" in shown and "off track" in shown and "overdue" in shown
    assert "Someone else's team" not in shown
    empty = valid_message(stack.slack.command("/goal", "team", PIA).json())
    assert "no goals to show" in texts(empty)


def test_goal_tree_cascades_with_rolled_up_progress_and_pages_past_one_message(stack: Stack) -> None:
    seed_org(stack)
    company = add_goal(stack, title="Grow revenue")
    team = add_goal(stack, BOSS, title="Sales pipeline", level=GoalLevel.TEAM, parent=company)
    for index in range(60):
        add_goal(stack, OLIVE, title=f"Account {index:02}", parent=team, current=100.0 if index < 30 else 0.0)
    add_goal(stack, PIA, title="Private thing", parent=team, visibility=GoalVisibility.PRIVATE)
    answer = valid_message(stack.slack.command("/goal", "tree", OLIVE).json())
    first = texts(answer)
    assert first.index("Grow revenue") < first.index("Sales pipeline") < first.index("Account 00")
    # 30 of the 60 goals Olive may see under the team goal are done: it and the company goal above it
    # show 50%, rolled up without Pia's private goal, which the team goal's row says it leaves out.
    assert first.count("▓▓▓▓▓░░░░░ 50%") == 2
    assert "Private thing" not in first
    assert "1 aligned goal you cannot see is not counted" in first
    more = buttons(answer["blocks"])[GoalAction.MORE]
    assert more == "tree:1" and len(answer["blocks"]) <= 50

    stack.slack.block_action(GoalAction.MORE, OLIVE, value=more, message=answer)
    [second] = stack.fake.wait_for("response_url")
    page_two = str(second.args["blocks"])
    assert "Account 59" in page_two and "Account 00" not in page_two
    assert GoalAction.MORE not in buttons(second.args["blocks"]), "the last page"
    assert "Page 2 of 2" in page_two


def test_goal_tree_empty(stack: Stack) -> None:
    seed_org(stack)
    answer = valid_message(stack.slack.command("/goal", "tree", HR).json())
    assert "no approved company or team goals" in texts(answer)


def test_goal_help_and_an_unknown_subcommand(stack: Stack) -> None:
    seed_org(stack)
    text = stack.slack.command("/goal", "help", OLIVE).json()["text"]
    for usage in ("/goal list", "/goal team", "/goal tree", "/goal help", "/checkin"):
        assert usage in text
    unknown = stack.slack.command("/goal", "lsit", OLIVE).json()
    assert unknown["response_type"] == "ephemeral"
    assert "/goal lsit" in unknown["text"] and "/goal list" in unknown["text"]
    assert stack.fake.calls("views.open") == []
