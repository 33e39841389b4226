"""An appeal scene on the database: an org with HR (three admins), a manager above a manager, a released
result, and the appellant Olive. Results are released with `release`: HR releases the cycle, which
releases every participant with a submitted manager review."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from models.appeals import AppealInput, AppealRow, file_appeal
from models.people import Person, Role
from models.reviews import (
    ReviewCycle,
    ReviewParticipant,
    participant_of,
    release_results,
    save_manager_review,
)
from models.reviews.manager_review import ManagerReviewInput
from models.workspace import Workspace
from tests.factories import make_person
from tests.reviews.helpers import NOW, launched_cycle, make_review_org

REASON = "The results criterion ignores the migration I led in Q3, which shipped on time."


@dataclass
class AppealScene:
    workspace: Workspace
    cycle: ReviewCycle
    participant: ReviewParticipant
    olive: Person  # the appellant
    boss: Person  # her reviewing manager
    chief: Person  # above the boss, and an HR admin: conflicted on Olive's appeal
    hr: list[Person]  # the HR admins with no part in Olive's rating, in the order of the round robin
    peer: Person  # a colleague of Olive


def release(session: Session, scene: AppealScene, at: datetime) -> None:
    """HR (Hana) releases the cycle at `at`: every submitted manager review not yet released is out."""
    release_results(session, scene.workspace, scene.hr[0], scene.cycle.id, at)
    session.refresh(scene.participant)  # read back what the release expired, not in the tests' counts


def make_scene(session: Session, *, released_at: datetime | None = NOW, team_id: str = "T001") -> AppealScene:
    org = make_review_org(session, peers=2, team_id=team_id)
    chief = make_person(session, org.workspace, "UCHIEF", name="Chief", role=Role.HR_ADMIN)
    org.boss.manager_id = chief.id
    hugo = make_person(session, org.workspace, "UHR2", name="Hugo", role=Role.HR_ADMIN, department="People")
    hr = [org.hr, hugo]
    cycle = launched_cycle(session, org)
    participant = participant_of(session, cycle, org.olive)
    assert participant is not None
    data = ManagerReviewInput(ratings={"results": 3, "collaboration": 4, "growth": 3}, summary="Solid year.")
    save_manager_review(session, org.boss, cycle, participant, data, NOW, submit=True)
    scene = AppealScene(org.workspace, cycle, participant, org.olive, org.boss, chief, hr, org.peers[0])
    if released_at is not None:
        release(session, scene, released_at)
    return scene


def file(
    session: Session, scene: AppealScene, part: str = "results", at: datetime | None = None, **changes: object
) -> AppealRow:
    data = AppealInput(
        participant_id=scene.participant.id,
        part=part,
        reason=str(changes.get("reason", REASON)),
        evidence=list(changes.get("evidence", [])),  # type: ignore[call-overload]
        outcome_sought=str(changes.get("outcome_sought", "Rate results 4.")),
    )
    return file_appeal(session, scene.workspace, scene.olive, data, at or NOW + timedelta(hours=1))


def file_for(
    session: Session, scene: AppealScene, person: Person, at: datetime, part: str = "overall"
) -> AppealRow:
    """A released result and an appeal on it for another report of the boss (for counts at scale)."""
    participant = participant_of(session, scene.cycle, person)
    assert participant is not None
    data = ManagerReviewInput(ratings={"results": 2, "collaboration": 3, "growth": 3}, summary="Fine.")
    save_manager_review(session, scene.boss, scene.cycle, participant, data, NOW, submit=True)
    release(session, scene, at)  # only `person` has a submitted manager review not yet released
    appeal = AppealInput(participant.id, part, REASON, [], "A fair rating.")
    return file_appeal(session, scene.workspace, person, appeal, at)
