"""Builders for feedback tests: the review org and cycle of tests.reviews.helpers, with Olive's result
released by `release` (a stand-in for the release command, which lands separately)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from models.feedback import ActionInput, FeedbackInput
from models.people import Person
from models.reviews import ReviewCycle, ReviewParticipant, participant_of
from tests.reviews.helpers import NOW, ReviewOrg, launched_cycle, make_review_org

TODAY = NOW.date()
__all__ = ["NOW", "ReviewOrg", "make_review_org"]


def release(session: Session, participant: ReviewParticipant, by: Person, at: datetime) -> None:
    """Mark one participant's result released, as HR's release command does (it lands separately)."""
    participant.released_at = at
    participant.released_by_id = by.id
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
