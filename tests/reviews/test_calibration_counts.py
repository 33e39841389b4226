"""The calibration view costs the same statements at 10 and at 1,000 participants."""

from __future__ import annotations

from sqlalchemy import Engine, insert
from sqlalchemy.orm import Session

from models.people import Person
from models.reviews import ManagerReview, ReviewCycle, SubmissionStatus
from models.reviews.calibration import calibration_view
from models.reviews.entities import ReviewParticipant
from tests.conftest import StatementCounter
from tests.reviews.helpers import ReviewOrg, launched_cycle, make_review_org


def grow(session: Session, org: ReviewOrg, cycle: ReviewCycle, start: int, count: int) -> None:
    """`count` more participants in ten departments under ten managers, most with a submitted review."""
    managers = list(
        session.scalars(
            insert(Person).returning(Person.id),
            [
                {
                    "workspace_id": org.workspace.id,
                    "slack_user_id": f"UM{start + i}",
                    "name": f"Manager {start + i}",
                }
                for i in range(10)
            ],
        )
    )
    people = list(
        session.scalars(
            insert(Person).returning(Person.id),
            [
                {
                    "workspace_id": org.workspace.id,
                    "slack_user_id": f"UX{start + i}",
                    "name": f"Extra {start + i}",
                }
                for i in range(count)
            ],
        )
    )
    participants = list(
        session.scalars(
            insert(ReviewParticipant).returning(ReviewParticipant.id),
            [
                {
                    "workspace_id": org.workspace.id,
                    "cycle_id": cycle.id,
                    "person_id": pid,
                    "manager_id": managers[i % 10],
                    "department": f"Dept {i % 10}",
                }
                for i, pid in enumerate(people)
            ],
        )
    )
    session.execute(
        insert(ManagerReview),
        [
            {
                "workspace_id": org.workspace.id,
                "cycle_id": cycle.id,
                "participant_id": pid,
                "status": SubmissionStatus.SUBMITTED,
                "ratings": {},
                "comments": {},
                "summary": "",
                "recommended_outcome": "none",
                "final_rating": 1 + i % 5,
            }
            for i, pid in enumerate(participants)
            if i % 7
        ],
    )


def test_calibration_statements_are_the_same_at_10_and_1000_participants(
    session: Session, engine: Engine
) -> None:
    org = make_review_org(session, peers=2)
    cycle = launched_cycle(session, org)
    grow(session, org, cycle, 0, 5)
    with StatementCounter(engine) as small:
        calibration_view(session, org.hr, cycle)
    grow(session, org, cycle, 100, 1000)
    with StatementCounter(engine) as large:
        view = calibration_view(session, org.hr, cycle)
    assert view.organisation.participants > 1000
    assert 1 <= small.count == large.count <= 3, (small.statements, large.statements)
