"""The rest of an appeal's life over signed HTTP, from the record modal's buttons: the HR lead reassigns
it, the assignee asks the employee a question, the employee answers, HR upholds the rating, the lead
reopens it with a reason, the employee withdraws it. The manager cannot open the record."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from handlers.appeals import AppealButton
from models.appeals import AppealSettings, AppealState, Outcome, update_appeal_settings
from models.db import unit_of_work
from models.people import Person
from models.workspace import Workspace
from tests.e2e.appeal_steps import appeals, filing, release, reviewed
from tests.e2e.conftest import Stack
from tests.e2e.test_appeals import opened, pushed
from tests.e2e.test_review_cycle import BOSS, HR, OLIVE, PEERS, seed
from tests.e2e.test_review_home import home

QUESTION = "Which tickets show the billing work?"
ANSWER = "B-12 and B-14; both closed in October."


def record(stack: Stack, user: str, appeal_id: int) -> dict[str, Any]:
    return opened(stack, lambda: stack.slack.block_action(AppealButton.VIEW, user, value=str(appeal_id)))


def on_record(stack: Stack, user: str, appeal_id: int, action: str) -> dict[str, Any]:
    view = record(stack, user, appeal_id)
    assert action in str(view["blocks"]), (action, user)
    return pushed(stack, lambda: stack.slack.block_action(action, user, view=view))


def test_reassign_question_answer_uphold_reopen_and_withdraw(stack: Stack) -> None:
    cycle_id = seed(stack)
    participant_id = reviewed(stack, cycle_id)
    release(stack, participant_id)
    second_hr = PEERS[3]
    granted = stack.slack.command("/perf", f"admin grant <@{second_hr}>", HR).json()
    assert "is now an HR admin" in granted["text"]
    with unit_of_work(stack.session_factory) as session:
        people = {p.slack_user_id: p for p in session.scalars(select(Person))}
        workspace = session.scalars(select(Workspace)).one()
        update_appeal_settings(
            session, workspace, people[HR], AppealSettings(hr_lead_id=people[HR].id), datetime.now(UTC)
        )
        ids = {user: people[user].id for user in (HR, second_hr)}
    view = opened(stack, lambda: stack.slack.command("/appeal", "", OLIVE))
    assert stack.slack.view_submission(view, filing(f"{participant_id}:results"), OLIVE).body == ""
    [appeal] = appeals(stack)
    other = second_hr if appeal.assignee_id == ids[HR] else HR
    stack.fake.wait_for("views.publish", count=1)  # Olive's Home, refreshed after the filing
    hr_home = home(stack, HR)
    from_home = opened(stack, lambda: stack.slack.block_action(AppealButton.VIEW, HR, view=hr_home))
    assert "Filed by Olive" in str(from_home["blocks"])

    # The HR lead reassigns it to the other HR admin.
    assign = on_record(stack, HR, appeal.id, AppealButton.ASSIGN)
    assert stack.slack.view_submission(assign, {"assignee": {"appeal_input": other}}, HR).status == 200
    assert appeals(stack)[0].assignee_id == ids[other]

    # The manager may not read the appeal.
    opened_before = len(stack.fake.calls("views.open"))
    stack.slack.block_action(AppealButton.VIEW, BOSS, value=str(appeal.id))
    assert len(stack.fake.calls("views.open")) == opened_before

    ask = on_record(stack, other, appeal.id, AppealButton.ASK_EMPLOYEE)
    due = (datetime.now(UTC) + timedelta(days=2)).date().isoformat()
    asked = {"question": {"appeal_input": QUESTION}, "due": {"appeal_input": due}}
    assert stack.slack.view_submission(ask, asked, other).status == 200
    assert appeals(stack)[0].state is AppealState.WAITING_FOR_EMPLOYEE
    status = stack.slack.command("/appeal", "status", OLIVE).json()
    assert "asked you a question" in str(status["blocks"])

    answer = on_record(stack, OLIVE, appeal.id, AppealButton.ANSWER)
    assert QUESTION in str(answer["blocks"])
    empty = stack.slack.view_submission(answer, {"answer": {"appeal_input": " "}}, OLIVE).json()
    assert "answer" in empty["errors"]
    assert stack.slack.view_submission(answer, {"answer": {"appeal_input": ANSWER}}, OLIVE).status == 200
    assert appeals(stack)[0].state is AppealState.UNDER_REVIEW
    assert ANSWER in str(record(stack, other, appeal.id)["blocks"])

    decide = on_record(stack, other, appeal.id, AppealButton.DECIDE)
    upheld = {"outcome": {"appeal_input": "upheld"}, "explanation": {"appeal_input": "The rating matches."}}
    assert stack.slack.view_submission(decide, upheld, other).status == 200
    assert appeals(stack)[0].outcome is Outcome.UPHELD

    reopen = on_record(stack, HR, appeal.id, AppealButton.REOPEN)
    assert (
        stack.slack.view_submission(reopen, {"reason": {"appeal_input": "New facts came up."}}, HR).status
        == 200
    )
    reopened = appeals(stack)[0]  # back with its assignee at once; the upheld decision stands meanwhile
    assert reopened.state is AppealState.UNDER_REVIEW and reopened.outcome is Outcome.UPHELD
    assert "Reopened" in str(record(stack, OLIVE, appeal.id)["blocks"])

    withdraw = on_record(stack, OLIVE, appeal.id, AppealButton.WITHDRAW)
    assert stack.slack.view_submission(withdraw, {}, OLIVE).status == 200
    assert appeals(stack)[0].state is AppealState.WITHDRAWN
    again = stack.slack.view_submission(withdraw, {}, OLIVE).json()  # a second click: said, not lost
    assert again["response_action"] == "update" and "current stage" in str(again["view"]["blocks"])
