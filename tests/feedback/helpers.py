"""Builders for feedback tests: the review org and cycle of tests.reviews.helpers, with Olive's result
released by `release`: her manager review submitted, then HR's release of the cycle."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from models.feedback import ActionInput, FeedbackInput
from models.people import Person
from models.reviews import (
    ReviewCycle,
    ReviewParticipant,
    SubmissionStatus,
    manager_review_of,
    participant_of,
    release_results,
    save_manager_review,
)
from models.reviews.manager_review import ManagerReviewInput
from models.workspace import Workspace
from tests.reviews.helpers import NOW, ReviewOrg, launched_cycle, make_review_org

TODAY = NOW.date()
__all__ = ["NOW", "ReviewOrg", "make_review_org"]


def submit_review(session: Session, participant: ReviewParticipant, hr: Person, at: datetime = NOW) -> None:
    """The manager review of `participant`, submitted by their reviewing manager (by HR when they have
    none), unless it is submitted already."""
    review = manager_review_of(session, participant)
    if review is not None and review.status is SubmissionStatus.SUBMITTED:
        return
    cycle = session.get(ReviewCycle, participant.cycle_id)
    assert cycle is not None
    author = session.get(Person, participant.manager_id) if participant.manager_id is not None else hr
    assert author is not None
    data = ManagerReviewInput(ratings={"results": 3, "collaboration": 4, "growth": 3}, summary="Solid year.")
    save_manager_review(session, author, cycle, participant, data, at, submit=True)


def release(session: Session, participant: ReviewParticipant, by: Person, at: datetime) -> None:
    """Release `participant`'s result the way HR does: their manager review submitted, then the cycle
    released at `at` (which releases every other participant with a submitted manager review too)."""
    submit_review(session, participant, by, at)
    workspace = session.get(Workspace, participant.workspace_id)
    assert workspace is not None
    release_results(session, workspace, by, participant.cycle_id, at)
    session.flush()


def released_olive(
    session: Session, org: ReviewOrg, at: datetime = NOW
) -> tuple[ReviewCycle, ReviewParticipant]:
    cycle = launched_cycle(session, org)
    participant = participant_of(session, cycle, org.olive)
    assert participant is not None
    release(session, participant, org.hr, at)
    return cycle, participant


def action(
    owner: Person, due: date, description: str = "Presentation course", kind: str = "training"
) -> ActionInput:
    return ActionInput(description=description, owner_id=owner.id, kind=kind, due_on=due)


def good_input(owner: Person, held_on: date = TODAY, *actions: ActionInput) -> FeedbackInput:
    return FeedbackInput(
        held_on=held_on,
        notes="We talked through the year.",
        strengths="Shipped the migration",
        improve="Speak up earlier",
        actions=list(actions) or [action(owner, held_on + timedelta(days=30))],
    )
