"""From release to what follows it, over signed HTTP against the fake Slack: HR runs `/perf cycle release`
and confirms in the modal; the employee's result DM carries "Appeal", which opens the appeal filing
modal preselected on that result; the manager's DM carries "Log the conversation", which opens the
feedback log modal on that employee. The buttons clicked are the ones in the DMs perfbot sent."""

from __future__ import annotations

from handlers.appeals import AppealButton, AppealCallback
from handlers.feedback import FeedbackButton
from tests.e2e.appeal_steps import appeal_count, click_in, dm_with, reviewed, send_queued
from tests.e2e.conftest import Stack
from tests.e2e.test_review_cycle import BOSS, HR, OLIVE, PEERS, dm_to, dms_to, opening, seed


def test_release_then_the_appeal_and_log_buttons_of_its_dms_open_their_modals(stack: Stack) -> None:
    cycle_id = seed(stack)
    participant_id = reviewed(stack, cycle_id)  # Bo submits Olive's manager review only

    view = opening(stack, lambda: stack.slack.command("/perf", f"cycle release {cycle_id}", HR))
    assert "1 result will be released now" in str(view["blocks"]), view["blocks"]
    assert stack.slack.view_submission(view, {"confirm": {"confirm": ["yes"]}}, HR).body == ""
    assert "1 result of cycle" in dm_to(stack, HR, "released")["text"]
    send_queued(stack)

    result = dm_with(stack, OLIVE, AppealButton.OPEN)
    assert "final rating" in result["text"]
    assert f"'value': '{participant_id}'" in str(result["blocks"])
    assert not any(AppealButton.OPEN in str(m.get("blocks")) for m in dms_to(stack, PEERS[0]))  # not released

    appeal_form = click_in(stack, OLIVE, result, AppealButton.OPEN)
    assert appeal_form["callback_id"] == AppealCallback.FILE
    part = next(b for b in appeal_form["blocks"] if b.get("block_id") == "part")
    assert part["element"]["initial_option"]["value"].startswith(f"{participant_id}:")
    assert appeal_count(stack) == 0  # opening the form files nothing

    ask = dm_with(stack, BOSS, FeedbackButton.OPEN_LOG)
    assert f"'value': '{participant_id}'" in str(ask["blocks"])
    log_form = click_in(stack, BOSS, ask, FeedbackButton.OPEN_LOG)
    assert log_form["callback_id"] == "feedback_log_modal" and "Olive" in str(log_form["blocks"])
