"""The feedback conversation over signed HTTP against the fake Slack: the manager logs it with
`/review feedback @person` (fields refused on the field first), the employee gets the log by DM,
comments (the manager is told) and acknowledges (the modal says it is not agreeing; the manager is
told); someone else is refused; open actions show on App Home, where "Mark done" closes one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from handlers.feedback import FeedbackButton
from handlers.feedback import FeedbackInput as Field
from models.audit import AuditEntry
from models.db import unit_of_work
from models.feedback import DevelopmentAction, FeedbackComment, FeedbackLog
from models.people import Person
from models.reviews import ReviewCycle, participant_of
from tests.e2e.appeal_steps import dm_with
from tests.e2e.conftest import Stack
from tests.e2e.test_review_cycle import (
    BOSS,
    HR,
    OLIVE,
    PEERS,
    WORKING_NOW,
    click,
    deliver,
    dm_to,
    opening,
    seed,
)
from tests.e2e.test_review_home import home
from tests.feedback.helpers import release

TODAY = datetime.now(UTC).date()


def seed_released(stack: Stack) -> int:
    """The review cycle of test_review_cycle with Olive's manager review submitted by Bo and the cycle
    released by Hana (release_results: only Olive has a submitted review); the cycle's id."""
    cycle_id = seed(stack)
    with unit_of_work(stack.session_factory) as session:
        cycle = session.get(ReviewCycle, cycle_id)
        people = {p.slack_user_id: p for p in session.scalars(select(Person))}
        assert cycle is not None
        participant = participant_of(session, cycle, people[OLIVE])
        assert participant is not None
        release(session, participant, people[HR], datetime.now(UTC))
    return cycle_id


def action_state(index: int, what: str, owner: str, kind: str, due: str) -> dict[str, Any]:
    at = f"action:{index}:"
    return {
        at + "description": {Field.DESCRIPTION: what},
        at + "owner": {Field.OWNER: owner},
        at + "kind": {Field.KIND: kind},
        at + "due": {Field.DUE: due},
    }


def log_state(held_on: str, notes: str, *actions: dict[str, Any]) -> dict[str, Any]:
    state: dict[str, Any] = {
        "held_on": {Field.HELD_ON: held_on},
        "notes": {Field.NOTES: notes},
        "strengths": {Field.STRENGTHS: "Shipped the <!channel> migration"},
        "improve": {Field.IMPROVE: ""},
    }
    for action in actions:
        state.update(action)
    return state


def test_the_manager_logs_the_employee_comments_and_acknowledges_and_the_manager_is_told(
    stack: Stack,
) -> None:
    seed_released(stack)
    refused = stack.slack.command("/review", "feedback <@UOLIVE|olive>", PEERS[0]).json()
    assert "Only the reviewing manager logs the feedback conversation" in refused["text"]

    view = opening(stack, lambda: stack.slack.command("/review", "feedback <@UOLIVE|olive>", BOSS))
    blocks = {b.get("block_id") for b in view["blocks"]}
    assert {"held_on", "notes", "strengths", "improve", "action:0:owner", "action:2:due"} <= blocks
    assert len(view["blocks"]) <= 100

    future = (TODAY + timedelta(days=2)).isoformat()
    half_action = action_state(1, "", BOSS, "mentoring", TODAY.isoformat())
    empty = log_state(future, "", half_action) | {"strengths": {Field.STRENGTHS: ""}}
    wrong = stack.slack.view_submission(view, empty, BOSS).json()
    assert wrong["response_action"] == "errors"
    assert set(wrong["errors"]) == {"held_on", "notes", "action:1:description", "action:1:due"}

    good = log_state(
        TODAY.isoformat(),
        "We went through the year",
        action_state(0, "Presentation course", OLIVE, "training", (TODAY + timedelta(days=30)).isoformat()),
        action_state(
            1, "Pair on the design reviews", BOSS, "mentoring", (TODAY + timedelta(days=7)).isoformat()
        ),
    )
    assert stack.slack.view_submission(view, good, BOSS).status == 200

    logged = dm_to(stack, OLIVE, "logged your feedback conversation")
    shown = str(logged["blocks"])
    assert "We went through the year" in shown and "Presentation course" in shown
    assert "<!channel>" not in shown, "user text is shown, never obeyed"
    assert "does not say you agree" in shown

    comment_view = opening(stack, lambda: click(stack, FeedbackButton.COMMENT, OLIVE, logged))
    stack.slack.view_submission(
        comment_view, {"comment": {Field.COMMENT: "I see the second half differently"}}, OLIVE
    )
    told = dm_to(stack, BOSS, "commented on the log")
    assert "I see the second half differently" in str(told["blocks"])

    ack_view = opening(stack, lambda: click(stack, FeedbackButton.ACKNOWLEDGE, OLIVE, logged))
    assert "Acknowledging is not agreeing" in str(ack_view["blocks"])
    stack.slack.view_submission(ack_view, {}, OLIVE)
    dm_to(stack, BOSS, "acknowledged the log")

    with stack.session_factory() as session:
        log = session.scalars(select(FeedbackLog)).one()
        assert log.acknowledged_at is not None and log.held_on == TODAY
        assert [c.text for c in session.scalars(select(FeedbackComment))] == [
            "I see the second half differently"
        ]
        audited = session.scalars(
            select(AuditEntry.action).where(AuditEntry.action.startswith("feedback."))
        ).all()
        assert sorted(audited) == ["feedback.acknowledge", "feedback.comment", "feedback.log"]

    again = opening(stack, lambda: stack.slack.command("/review", "feedback <@UOLIVE>", BOSS))
    locked = stack.slack.view_submission(again, good, BOSS).json()
    assert "acknowledged this log" in str(locked)


def test_open_actions_on_home_for_owner_and_manager_and_mark_done(stack: Stack) -> None:
    seed_released(stack)
    waiting = str(home(stack, BOSS)["blocks"])  # released, not yet logged: Bo's Home asks for it
    assert "One-to-ones to log" in waiting and FeedbackButton.OPEN_LOG in waiting and "<@UOLIVE>" in waiting
    assert "One-to-ones to log" not in str(home(stack, OLIVE)["blocks"])
    view = opening(stack, lambda: stack.slack.command("/review", "feedback <@UOLIVE|olive>", BOSS))
    state = log_state(
        TODAY.isoformat(),
        "Notes",
        action_state(0, "Presentation course", OLIVE, "training", (TODAY + timedelta(days=30)).isoformat()),
        action_state(
            1, "Mentor Olive on design", PEERS[0], "mentoring", (TODAY + timedelta(days=7)).isoformat()
        ),
    )
    before = len(stack.fake.calls("views.publish"))
    stack.slack.view_submission(view, state, BOSS)
    dm_to(stack, OLIVE, "logged your feedback conversation")
    stack.fake.wait_for("views.publish", count=before + 1)  # the manager's Home, refreshed after the log

    olive = home(stack, OLIVE)
    assert "Development actions" in str(olive["blocks"])
    assert "Presentation course" in str(olive["blocks"]) and "Mentor Olive" not in str(olive["blocks"])
    boss = str(home(stack, BOSS)["blocks"])
    assert "Presentation course" in boss and "Mentor Olive on design" in boss
    assert "One-to-ones to log" not in boss  # logged now
    peer = str(home(stack, PEERS[0])["blocks"])
    assert "Mentor Olive on design" in peer and "Presentation course" not in peer
    assert "Development actions" not in str(home(stack, PEERS[1])["blocks"])

    with stack.session_factory() as session:
        course = session.scalars(select(DevelopmentAction).where(DevelopmentAction.position == 0)).one()
    stack.slack.block_action(FeedbackButton.MARK_DONE, PEERS[1], value=str(course.id), view=olive)
    published = len(stack.fake.calls("views.publish"))
    stack.slack.block_action(FeedbackButton.MARK_DONE, OLIVE, value=str(course.id), view=olive)
    dm_to(stack, OLIVE, "Marked done")
    refreshed = stack.fake.wait_for("views.publish", count=published + 1)[published].args["view"]
    assert "Presentation course" not in str(refreshed)
    with stack.session_factory() as session:
        done = session.get(DevelopmentAction, course.id)
        assert done is not None and done.done_at is not None
        assert session.get(Person, done.done_by_id).slack_user_id == OLIVE  # type: ignore[union-attr]


def test_the_button_at_release_opens_the_log_and_nothing_opens_before_release(stack: Stack) -> None:
    cycle_id = seed(stack)
    early = stack.slack.command("/review", "feedback <@UOLIVE|olive>", BOSS).json()
    assert "has no released review result yet" in early["text"]
    usage = stack.slack.command("/review", "feedback", BOSS).json()
    assert "/review feedback @someone" in usage["text"]
    assert "/review feedback @person" in stack.slack.command("/review", "help", BOSS).json()["text"]
    with unit_of_work(stack.session_factory) as session:
        cycle = session.get(ReviewCycle, cycle_id)
        olive = session.scalars(select(Person).where(Person.slack_user_id == OLIVE)).one()
        assert cycle is not None
        participant = participant_of(session, cycle, olive)
        assert participant is not None
        hr = session.scalars(select(Person).where(Person.slack_user_id == HR)).one()
        release(session, participant, hr, datetime.now(UTC))
        participant_id = participant.id
    deliver(stack, WORKING_NOW + timedelta(days=1))  # the DMs the release queued, next working morning
    at_release = dm_with(stack, BOSS, FeedbackButton.OPEN_LOG)  # the manager's DM asking for the one-to-one
    assert f"'value': '{participant_id}'" in str(at_release["blocks"])
    view = opening(stack, lambda: click(stack, FeedbackButton.OPEN_LOG, BOSS, at_release))
    assert view["callback_id"] == "feedback_log_modal" and "Olive" in str(view["blocks"])
    opened = len(stack.fake.calls("views.open"))
    answered = len(stack.fake.calls("response_url"))
    click(stack, FeedbackButton.OPEN_LOG, HR, at_release)
    click(stack, FeedbackButton.OPEN_LOG, OLIVE, at_release)
    refusals = stack.fake.wait_for("response_url", count=answered + 2)[answered:]
    assert all("Only the reviewing manager logs" in str(r.args) for r in refusals)
    with stack.session_factory() as session:
        assert session.scalars(select(FeedbackLog)).all() == []
    assert len(stack.fake.calls("views.open")) == opened, "HR and the employee get no log modal"
