"""Appeals refused through the modal and the command, nothing stored: after the window, someone else's
result, a duplicate, an empty reason; the release DM's "Appeal" button opens the modal on that result;
`/appeal help` and an unknown word; `/perf appeals` for HR only."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from handlers.appeals import AppealButton
from tests.e2e.appeal_steps import appeal_count, filing, release, reviewed
from tests.e2e.conftest import Stack
from tests.e2e.test_appeals import opened
from tests.e2e.test_review_cycle import BOSS, HR, OLIVE, PEERS, seed


def test_after_the_window_nothing_can_be_filed(stack: Stack) -> None:
    cycle_id = seed(stack)
    participant_id = reviewed(stack, cycle_id)
    release(stack, participant_id, at=datetime.now(UTC) - timedelta(days=40))
    answer = stack.slack.command("/appeal", "", OLIVE).json()
    assert "time to appeal your result has passed" in answer["text"] and appeal_count(stack) == 0
    assert not stack.fake.calls("views.open")


def test_someone_elses_result_a_duplicate_and_an_empty_reason_are_refused_on_the_field(stack: Stack) -> None:
    cycle_id = seed(stack)
    participant_id = reviewed(stack, cycle_id)
    release(stack, participant_id)
    peer = PEERS[0]
    release(stack, reviewed(stack, cycle_id, user=peer))
    view = opened(stack, lambda: stack.slack.command("/appeal", "", OLIVE))
    part = f"{participant_id}:overall"

    # A colleague submits a form naming Olive's result: refused, nothing stored.
    theirs = stack.slack.view_submission(view, filing(part), peer).json()
    assert theirs["response_action"] == "errors" and appeal_count(stack) == 0

    empty = stack.slack.view_submission(view, filing(part, reason="   "), OLIVE).json()
    assert "reason" in empty["errors"] and appeal_count(stack) == 0
    assert stack.slack.view_submission(view, filing(part), OLIVE).body == ""
    assert appeal_count(stack) == 1
    again = stack.slack.view_submission(view, filing(part), OLIVE).json()
    assert "part" in again["errors"] and appeal_count(stack) == 1

    # The next modal says why the overall rating cannot be appealed again, and offers the criteria.
    view = opened(stack, lambda: stack.slack.command("/appeal", "", OLIVE))
    options = str(next(b for b in view["blocks"] if b.get("block_id") == "part"))
    assert f"{participant_id}:overall" not in options and f"{participant_id}:results" in options


def test_the_release_dm_button_opens_the_modal_on_that_result(stack: Stack) -> None:
    cycle_id = seed(stack)
    participant_id = reviewed(stack, cycle_id)
    release(stack, participant_id)
    view = opened(
        stack, lambda: stack.slack.block_action(AppealButton.OPEN, OLIVE, value=str(participant_id))
    )
    part = next(b for b in view["blocks"] if b.get("block_id") == "part")
    assert part["element"]["initial_option"]["value"].startswith(f"{participant_id}:")


def test_help_unknown_words_and_the_hr_only_queue(stack: Stack) -> None:
    seed(stack)
    assert "`/appeal status`" in stack.slack.command("/appeal", "help", OLIVE).json()["text"]
    unknown = stack.slack.command("/appeal", "please", OLIVE).json()["text"]
    assert "I do not know `/appeal please`" in unknown and "`/appeal status`" in unknown
    assert "no appeals" in stack.slack.command("/appeal", "status", OLIVE).json()["text"]
    refused = stack.slack.command("/perf", "appeals", BOSS).json()
    assert "Only HR admins" in refused["text"]
    queue = stack.slack.command("/perf", "appeals", HR).json()
    assert "No open appeals" in str(queue["blocks"]) and "0 appeals" in str(queue["blocks"])
