"""The reviews permission matrix, as a table: role × action × object."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from models.people import Person
from models.reviews import (
    CycleStatus,
    NominationStatus,
    PeerNomination,
    ReviewAction,
    ReviewCycle,
    ReviewParticipant,
    can,
    participant_of,
)
from tests.factories import make_person, make_workspace
from tests.reviews.helpers import ReviewOrg, launched_cycle, make_review_org

A = ReviewAction
# role -> the actions it may take on Olive's review (before release), with HR names off.
ALLOWED = {
    "employee": {A.WRITE_SELF, A.READ_SELF, A.NOMINATE},
    "manager": {A.READ_SELF, A.NOMINATE, A.DECIDE_NOMINATIONS, A.READ_PEER_AGGREGATE},
    "hr": {
        A.MANAGE_CYCLE,
        A.READ_CYCLE_STATUS,
        A.READ_SELF,
        A.NOMINATE,
        A.DECIDE_NOMINATIONS,
        A.READ_PEER_AGGREGATE,
    },
    "approved peer": {A.WRITE_PEER_REVIEW},
    "nominated peer": set(),
    "colleague": set(),
    "deactivated manager": set(),
    "other workspace hr": set(),
}


def actor_for(session: Session, org: ReviewOrg, role: str) -> Person:
    if role == "employee":
        return org.olive
    if role in ("manager", "deactivated manager"):
        if role == "deactivated manager":
            org.boss.active = False
        return org.boss
    if role == "hr":
        return org.hr
    if role == "approved peer":
        return org.peers[0]
    if role == "nominated peer":
        return org.peers[1]
    if role == "colleague":
        return org.peers[2]
    other = make_workspace(session, "T999")
    return make_person(session, other, "UHR", name="Other HR", role=org.hr.role)


def scene(session: Session) -> tuple[ReviewOrg, ReviewCycle, ReviewParticipant, dict[int, PeerNomination]]:
    org = make_review_org(session)
    cycle = launched_cycle(session, org)
    participant = participant_of(session, cycle, org.olive)
    assert participant is not None
    nominations = {}
    for person, status in (
        (org.peers[0], NominationStatus.APPROVED),
        (org.peers[1], NominationStatus.NOMINATED),
    ):
        nomination = PeerNomination(
            workspace_id=org.workspace.id,
            cycle_id=cycle.id,
            participant_id=participant.id,
            reviewer_id=person.id,
            status=status,
        )
        session.add(nomination)
        nominations[person.id] = nomination
    session.flush()
    return org, cycle, participant, nominations


@pytest.mark.parametrize("role", sorted(ALLOWED))
@pytest.mark.parametrize("action", list(ReviewAction))
def test_permission_matrix(session: Session, role: str, action: ReviewAction) -> None:
    org, cycle, participant, nominations = scene(session)
    actor = actor_for(session, org, role)
    nomination = nominations.get(actor.id)
    assert can(actor, action, cycle, participant, nomination) is (action in ALLOWED[role])


def test_hr_sees_peer_names_only_where_the_cycle_allows(session: Session) -> None:
    org, cycle, participant, _ = scene(session)
    assert not can(org.hr, A.READ_PEER_NAMES, cycle, participant)
    cycle.settings = {**cycle.settings, "hr_sees_peer_names": True}
    assert can(org.hr, A.READ_PEER_NAMES, cycle, participant)
    assert not can(org.boss, A.READ_PEER_NAMES, cycle, participant)


def test_after_release_the_employee_reads_their_own_aggregate(session: Session) -> None:
    org, cycle, participant, _ = scene(session)
    assert not can(org.olive, A.READ_PEER_AGGREGATE, cycle, participant)
    cycle.status = CycleStatus.RELEASED
    assert can(org.olive, A.READ_PEER_AGGREGATE, cycle, participant)
    assert not can(org.peers[2], A.READ_PEER_AGGREGATE, cycle, participant)
