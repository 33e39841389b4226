"""An appeal end to end over signed HTTP against the fake Slack: a reviewed and released result, the
employee files with `/appeal` (a too-short reason refused on its field first), the assignee's DM, HR asks
the manager for a statement without sharing the reason, the manager answers, HR decides "adjusted"
(a missing new rating refused on its field), the employee is told the decision and its reasoning, the
manager the outcome only, and the final rating changed in the calibration view, the original kept."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from handlers.appeals import AppealButton
from models.appeals import AppealState, Outcome
from models.audit import AuditEntry
from models.reviews import ManagerReview
from tests.e2e.appeal_steps import (
    REASON,
    appeal_count,
    appeals,
    click_in,
    dm_with,
    everything_said_to,
    filing,
    release,
    reviewed,
    send_queued,
)
from tests.e2e.conftest import Stack
from tests.e2e.test_review_cycle import BOSS, HR, OLIVE, dm_to, dms_to, seed
from tests.e2e.test_review_home import home

STATEMENT_QUESTION = "How did you weigh the billing migration?"
STATEMENT = "Billing was late by a month; the target counted only the second half."
EXPLANATION = "The billing migration was delivered and counts fully: the overall rating becomes 4."


def pushed(stack: Stack, do: Any) -> dict[str, Any]:
    before = len(stack.fake.calls("views.push"))
    do()
    view = stack.fake.wait_for("views.push", count=before + 1)[before].args["view"]
    assert isinstance(view, dict)
    return view


def opened(stack: Stack, do: Any) -> dict[str, Any]:
    before = len(stack.fake.calls("views.open"))
    do()
    view = stack.fake.wait_for("views.open", count=before + 1)[before].args["view"]
    assert isinstance(view, dict)
    return view


def test_file_statement_decision_and_who_is_told_what(stack: Stack) -> None:
    cycle_id = seed(stack)
    participant_id = reviewed(stack, cycle_id, level=3)

    before_release = stack.slack.command("/appeal", "", OLIVE).json()
    assert "released" in before_release["text"] and appeal_count(stack) == 0
    release(stack, participant_id)

    view = opened(stack, lambda: stack.slack.command("/appeal", "", OLIVE))
    shown = str(view["blocks"])
    assert "Final rating: 3" in shown and "30 characters" in shown
    assert {b.get("block_id") for b in view["blocks"]} >= {"part", "reason", "evidence", "outcome"}

    short = stack.slack.view_submission(
        view, filing(f"{participant_id}:overall", reason="Unfair."), OLIVE
    ).json()
    assert set(short["errors"]) == {"reason"} and appeal_count(stack) == 0

    links = "https://wiki.example.com/billing\nhttps://tickets.example.com/B-12"
    done = stack.slack.view_submission(view, filing(f"{participant_id}:overall", links=links), OLIVE)
    assert done.status == 200 and done.body == ""
    [appeal] = appeals(stack)
    assert appeal.state is AppealState.UNDER_REVIEW and appeal.original_rating == 3
    stack.fake.wait_for("views.publish", count=1)  # Olive's Home, refreshed after the filing
    assert "Appeals to handle" in str(home(stack, HR)["blocks"])
    assert "Your appeals" in str(home(stack, OLIVE)["blocks"])

    # The assignee's DM carries the record; HR asks the manager, without sharing the reason.
    send_queued(stack)
    assigned = dm_with(stack, HR, AppealButton.VIEW)
    record = click_in(stack, HR, assigned, AppealButton.VIEW)
    assert REASON in str(record["blocks"]) and "wiki.example.com/billing" in str(record["blocks"])
    ask = pushed(stack, lambda: stack.slack.block_action(AppealButton.ASK_STATEMENT, HR, view=record))
    due = (datetime.now(UTC) + timedelta(days=3)).date().isoformat()
    question = {"question": {"appeal_input": STATEMENT_QUESTION}, "due": {"appeal_input": due}}
    assert stack.slack.view_submission(ask, question, HR).status == 200
    assert appeals(stack)[0].state is AppealState.WAITING_FOR_STATEMENT

    send_queued(stack)
    request = dm_with(stack, BOSS, AppealButton.STATEMENT)
    form = click_in(stack, BOSS, request, AppealButton.STATEMENT)
    assert STATEMENT_QUESTION in str(form["blocks"]) and REASON not in str(form["blocks"])
    assert stack.slack.view_submission(form, {"answer": {"appeal_input": STATEMENT}}, BOSS).body == ""
    assert appeals(stack)[0].state is AppealState.UNDER_REVIEW

    # HR decides: an adjustment needs the new rating, on its field.
    record = click_in(stack, HR, assigned, AppealButton.VIEW)
    assert STATEMENT in str(record["blocks"])
    decide = pushed(stack, lambda: stack.slack.block_action(AppealButton.DECIDE, HR, view=record))
    without_rating = {"outcome": {"appeal_input": "adjusted"}, "explanation": {"appeal_input": EXPLANATION}}
    refused = stack.slack.view_submission(decide, without_rating, HR).json()
    assert set(refused["errors"]) == {"rating"}
    decision = {**without_rating, "rating": {"appeal_input": "4"}}
    assert stack.slack.view_submission(decide, decision, HR).status == 200
    [appeal] = appeals(stack)
    assert (
        appeal.state is AppealState.DECIDED and appeal.outcome is Outcome.ADJUSTED and appeal.new_rating == 4
    )

    # The employee reads the decision and why; the manager the outcome only, never the reason.
    send_queued(stack)
    told = dm_to(stack, OLIVE, "decided")
    assert EXPLANATION in str(told["text"]) + str(told["blocks"])
    manager = everything_said_to(stack, BOSS)
    assert "adjusted" in manager.lower()
    assert REASON not in manager and EXPLANATION not in manager
    assert len([m for m in dms_to(stack, BOSS) if "has decided" in m["text"]]) == 1  # told once
    assert "Expect an answer by" in dm_to(stack, OLIVE, "is filed")["text"]

    # The final rating changed where calibration reads it, the original kept beside it, audited.
    with stack.session_factory() as session:
        review = session.scalars(select(ManagerReview)).one()
        assert review.final_rating == 4 and review.result is not None
        assert review.result["original"]["final_rating"] is not None
        actions = set(session.scalars(select(AuditEntry.action)))
    assert {"appeal.file", "appeal.ask_statement", "appeal.answer_statement", "appeal.decide"} <= actions
    calibration = stack.slack.command("/perf", f"calibration {cycle_id}", HR).json()
    assert "4: 1" in str(calibration["blocks"])

    figures = str(stack.slack.command("/perf", f"appeals {cycle_id}", HR).json()["blocks"])
    assert "1 appeal, 1 decided; 100% adjusted; median 0 working days to decide" in figures
    status = stack.slack.command("/appeal", "status", OLIVE).json()
    assert "Decided" in str(status["blocks"]) and "Adjusted" in str(status["blocks"])
