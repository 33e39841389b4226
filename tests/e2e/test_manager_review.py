"""The manager review over signed HTTP against the fake Slack: one "Write review" DM per report once the
self-assessment and peer aggregate are in, the modal with the evidence (self-assessment, anonymous peer
aggregate, goals, recognition), a draft, field errors, submission with the stored result, App Home,
and a manager of another team refused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from handlers.reviews import ReviewButton, ReviewInput
from models.db import unit_of_work
from models.messaging import OutboxMessage
from models.people import Person, Role
from models.praise import Praise, PraiseRecipient
from models.reviews import (
    ManagerReview,
    NominationStatus,
    PeerNomination,
    PeerReview,
    ReviewCycle,
    ReviewMessage,
    SelfAssessmentInput,
    SubmissionStatus,
    participant_of,
    save_self_assessment,
)
from models.workspace import Workspace
from scheduler.jobs.reviews import manager_requests
from tests.e2e.conftest import Stack
from tests.e2e.test_review_cycle import BOSS, OLIVE, PEERS, TODAY, WORKING_NOW, deliver, dm_to, opening, seed
from tests.e2e.test_review_home import home
from tests.factories import make_goal, make_person

WORDS = {"UP1": "Always unblocks the team", "UP2": "Writes the clearest docs", "UP3": "Calm in incidents"}


def evidence_in(stack: Stack, cycle_id: int) -> None:
    """Olive's self-assessment, three peer reviews, a goal at 80 % and two praises in the period."""
    with unit_of_work(stack.session_factory) as session:
        people = {p.slack_user_id: p for p in session.scalars(select(Person))}
        cycle = session.get(ReviewCycle, cycle_id)
        assert cycle is not None
        olive = people[OLIVE]
        participant = participant_of(session, cycle, olive)
        assert participant is not None
        data = SelfAssessmentInput(
            ratings={"results": 4, "collaboration": 4, "growth": 3},
            comments={"results": "Moved billing to the new stack"},
        )
        save_self_assessment(session, olive, cycle, data, datetime.now(UTC), submit=True)
        for key, (peer, words) in enumerate(WORDS.items()):
            nomination = PeerNomination(
                workspace_id=cycle.workspace_id,
                cycle_id=cycle.id,
                participant_id=participant.id,
                reviewer_id=people[peer].id,
                status=NominationStatus.SUBMITTED,
            )
            session.add(nomination)
            session.flush()
            session.add(
                PeerReview(
                    workspace_id=cycle.workspace_id,
                    cycle_id=cycle.id,
                    participant_id=participant.id,
                    nomination_id=nomination.id,
                    ratings={"collaboration": 4, "communication": 3, "reliability": 5},
                    answers={"well": words},
                    shuffle_key=3 - key,
                )
            )
        workspace = olive.workspace_id
        make_goal(
            session,
            session.get(Workspace, workspace),  # type: ignore[arg-type]
            title="Cut churn",
            owner=olive,
            current=80.0,
            due_date=TODAY - timedelta(days=5),
        )
        for n, values in enumerate((["ownership"], ["ownership", "candour"])):
            praise = Praise(
                workspace_id=workspace,
                giver_id=people[PEERS[3]].id,
                message=f"Thanks for the <!channel> launch {n}",
                values=values,
                created_at=datetime.now(UTC) - timedelta(days=n + 1),
            )
            session.add(praise)
            session.flush()
            session.add(PraiseRecipient(workspace_id=workspace, praise_id=praise.id, person_id=olive.id))


def sweep(stack: Stack, at: datetime = WORKING_NOW) -> int:
    with unit_of_work(stack.session_factory) as session:
        return manager_requests.sweep(session, at)


def form(ratings: dict[str, str], summary: str = "") -> dict[str, Any]:
    state: dict[str, Any] = {f"rating:{key}": {ReviewInput.RATING: value} for key, value in ratings.items()}
    state["comment:results"] = {ReviewInput.COMMENT: "Billing move was hers"}
    state["summary"] = {ReviewInput.SUMMARY: summary}
    state["outcome"] = {ReviewInput.OUTCOME: "training"}
    return state


def manager_review(stack: Stack) -> ManagerReview | None:
    with stack.session_factory() as session:
        return session.scalars(select(ManagerReview)).first()


def test_write_review_dm_modal_with_evidence_draft_errors_submission_and_home(stack: Stack) -> None:
    cycle_id = seed(stack)
    assert sweep(stack) == 0  # nothing is in yet and the stage has not opened
    evidence_in(stack, cycle_id)
    assert sweep(stack) == 1
    assert sweep(stack) == 0  # one DM per report
    deliver(stack)
    request = dm_to(stack, BOSS, "you can write your manager review now")
    shown_home = str(home(stack, BOSS)["blocks"])
    assert "Manager reviews to write" in shown_home and "review_write_manager" in shown_home

    def click() -> Any:
        message = {"type": "message", "text": request["text"], "blocks": request["blocks"], "ts": "1.2"}
        return stack.slack.block_action(
            ReviewButton.WRITE_MANAGER_REVIEW,
            BOSS,
            message=message,
            channel_id=stack.fake.dm_channel_id(BOSS),
        )

    view = opening(stack, click)
    blocks = str(view["blocks"])
    assert "Moved billing to the new stack" in blocks  # the self-assessment
    assert all(words in blocks for words in WORDS.values()) and "4.0 (3 reviews)" in blocks  # peers
    assert "Cut churn" in blocks and "80%" in blocks  # goals
    assert "2 times" in blocks and "ownership (2)" in blocks and "launch 0" in blocks  # recognition
    assert "<!channel>" not in blocks  # user text is neutralised
    assert not any(peer in blocks for peer in WORDS)  # no reviewer ids beside the words
    assert len(view["blocks"]) <= 100
    ids = {b.get("block_id") for b in view["blocks"]}
    assert {"rating:results", "comment:results", "summary", "outcome"} <= ids

    draft = form({"results": "4"})
    stack.slack.block_action(ReviewButton.SAVE_MANAGER_DRAFT, BOSS, view=view, state_values=draft)
    [update] = stack.fake.wait_for("views.update")
    assert "Draft saved" in str(update.args["view"]["blocks"])
    saved = manager_review(stack)
    assert saved is not None and saved.status is SubmissionStatus.DRAFT and saved.result is None

    incomplete = stack.slack.view_submission(view, draft, BOSS).json()
    assert set(incomplete["errors"]) == {"rating:collaboration", "rating:growth", "summary"}

    full = form({"results": "5", "collaboration": "4", "growth": "4"}, summary="A strong half.")
    assert stack.slack.view_submission(view, full, BOSS).body == ""
    saved = manager_review(stack)
    assert saved is not None and saved.status is SubmissionStatus.SUBMITTED
    assert saved.result is not None and saved.result["formula"] == "0.6 × 4.2 + 0.4 × 4.33 = 4.25 → 4"
    assert saved.final_rating == 4 and saved.recommended_outcome.value == "training"
    assert "final rating 4" in dm_to(stack, BOSS, "is submitted")["text"]
    assert "Manager reviews to write" not in str(home(stack, BOSS)["blocks"])

    # Another team's manager cannot open it; Olive cannot either.
    with unit_of_work(stack.session_factory) as session:
        make_person(session, session.scalars(select(Workspace)).one(), "UOZ", name="Oz", role=Role.MANAGER)
    opened = len(stack.fake.calls("views.open"))
    for outsider in ("UOZ", OLIVE):
        message = {"type": "message", "text": request["text"], "blocks": request["blocks"], "ts": "1.2"}
        stack.slack.block_action(ReviewButton.WRITE_MANAGER_REVIEW, outsider, message=message)
    assert len(stack.fake.calls("views.open")) == opened
    with stack.session_factory() as session:
        queued = session.scalar(
            select(func.count()).where(OutboxMessage.kind == ReviewMessage.MANAGER_REQUEST.value)
        )
    assert queued == 1
