"""SQL statements for `/review status`, `/review team`, the self-assessment modal and App Home do not grow
with the headcount: the same at 10 and at 1,000 participants (each with nominations and a self-assessment)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine, insert, select

from models.db import unit_of_work
from models.people import Person
from models.reviews import (
    NominationStatus,
    PeerNomination,
    ReviewCycle,
    ReviewParticipant,
    SelfAssessment,
    SubmissionStatus,
)
from models.workspace import Workspace
from tests.conftest import StatementCounter
from tests.e2e.conftest import Stack
from tests.e2e.test_review_cycle import BOSS, HR, OLIVE, PEERS, seed


def grow(stack: Stack, start: int, count: int) -> None:
    """`count` more participants reporting to Bo, each with three nominations and a draft or submitted
    self-assessment; Olive is nominated as a peer by some of them."""
    now = datetime.now(UTC)
    with unit_of_work(stack.session_factory) as session:
        workspace = session.scalars(select(Workspace)).one()
        cycle = session.scalars(select(ReviewCycle)).one()
        boss, olive = (
            session.scalars(select(Person).where(Person.slack_user_id == u)).one() for u in (BOSS, OLIVE)
        )
        people = [
            {
                "workspace_id": workspace.id,
                "slack_user_id": f"UX{start + i:05d}",
                "name": f"Extra {start + i}",
                "email": f"extra{start + i}@example.com",
                "manager_id": boss.id,
                "department": "Sales",
            }
            for i in range(count)
        ]
        ids = list(session.scalars(insert(Person).returning(Person.id), people))
        participants = list(
            session.scalars(
                insert(ReviewParticipant).returning(ReviewParticipant.id),
                [
                    {
                        "workspace_id": workspace.id,
                        "cycle_id": cycle.id,
                        "person_id": pid,
                        "manager_id": boss.id,
                        "department": "Sales",
                        "nominated_at": now,
                    }
                    for pid in ids
                ],
            )
        )
        nominations = []
        for index, participant_id in enumerate(participants):
            reviewers = [ids[(index + step) % len(ids)] for step in (1, 2)] + [olive.id]
            for reviewer in reviewers:
                status = NominationStatus.APPROVED if index % 2 else NominationStatus.NOMINATED
                nominations.append(
                    {
                        "workspace_id": workspace.id,
                        "cycle_id": cycle.id,
                        "participant_id": participant_id,
                        "reviewer_id": reviewer,
                        "status": status,
                    }
                )
        session.execute(insert(PeerNomination), nominations)
        session.execute(
            insert(SelfAssessment),
            [
                {
                    "workspace_id": workspace.id,
                    "cycle_id": cycle.id,
                    "participant_id": pid,
                    "status": SubmissionStatus.SUBMITTED if pid % 3 else SubmissionStatus.DRAFT,
                    "ratings": {"results": 3},
                    "comments": {},
                }
                for pid in participants
            ],
        )


def measure(stack: Stack, engine: Engine) -> dict[str, int]:
    counts = {}
    for user in (OLIVE, BOSS):
        with StatementCounter(engine) as counter:
            assert stack.slack.command("/review", "status", user).status == 200
        counts[f"status {user}"] = counter.count
    with StatementCounter(engine) as counter:
        assert stack.slack.command("/review", "team", BOSS).status == 200
    counts["team"] = counter.count
    opened = len(stack.fake.calls("views.open"))
    with StatementCounter(engine) as counter:
        stack.slack.command("/review", "self", OLIVE)
        stack.fake.wait_for("views.open", count=opened + 1)
    counts["self modal"] = counter.count
    for user in (HR, BOSS):
        published = len(stack.fake.calls("views.publish"))
        with StatementCounter(engine) as counter:
            stack.slack.event({"type": "app_home_opened", "user": user, "channel": "D1", "tab": "home"})
            stack.fake.wait_for("views.publish", count=published + 1)
        counts[f"home {user}"] = counter.count
    return counts


def test_review_statements_are_the_same_at_10_and_1000_participants(stack: Stack) -> None:
    seed(stack)
    grow(stack, 0, 10 - 2 - len(PEERS))  # with Bo, Olive, four peers and HR: about 10
    measure(stack, stack.engine)  # first contact learns each person's language from Slack (one write)
    small = measure(stack, stack.engine)
    grow(stack, 100, 1000)
    large = measure(stack, stack.engine)
    assert small == large, (small, large)
    assert all(count < 30 for count in small.values()), str(small)
