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
    "manager": {
        A.READ_SELF,
        A.NOMINATE,
        A.DECIDE_NOMINATIONS,
        A.READ_PEER_AGGREGATE,
        A.WRITE_MANAGER_REVIEW,
        A.READ_RESULT,
    },
    "other manager": set(),  # manages other people: never sees Olive's review or result
    "hr": {
        A.MANAGE_CYCLE,
        A.READ_CYCLE_STATUS,
        A.READ_SELF,
        A.NOMINATE,
        A.DECIDE_NOMINATIONS,
        A.READ_PEER_AGGREGATE,
        A.WRITE_MANAGER_REVIEW,
        A.READ_RESULT,
        A.CALIBRATE,
        A.RECORD_OUTCOME,
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
    if role == "other manager":
        other_boss = make_person(session, org.workspace, "UOTHER", name="Oz", role=org.boss.role)
        org.peers[3].manager_id = other_boss.id  # has a report of their own, in the cycle too
        return other_boss
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


def test_results_are_the_employees_only_after_release_and_never_anyone_elses(session: Session) -> None:
    org, cycle, participant, _ = scene(session)
    colleague = participant_of(session, cycle, org.peers[2])
    assert colleague is not None
    for status in (CycleStatus.LAUNCHED, CycleStatus.RELEASED, CycleStatus.CLOSED):
        cycle.status = status
        released = status is not CycleStatus.LAUNCHED
        assert can(org.olive, A.READ_RESULT, cycle, participant) is released
        assert not can(org.olive, A.READ_RESULT, cycle, colleague)
        assert not can(org.olive, A.WRITE_MANAGER_REVIEW, cycle, participant)
        assert can(org.boss, A.READ_RESULT, cycle, participant)


def test_an_hr_admin_reviewed_in_the_cycle_neither_writes_nor_sees_their_own_result_early(
    session: Session,
) -> None:
    org, cycle, _, _ = scene(session)
    own = participant_of(session, cycle, org.hr)
    assert own is not None
    own.manager_id = org.boss.id
    assert not can(org.hr, A.WRITE_MANAGER_REVIEW, cycle, own)
    assert not can(org.hr, A.READ_RESULT, cycle, own)
    assert not can(org.hr, A.CALIBRATE, cycle, own)
    assert not can(org.hr, A.RECORD_OUTCOME, cycle, own)
    assert can(org.boss, A.WRITE_MANAGER_REVIEW, cycle, own)
    cycle.status = CycleStatus.RELEASED
    assert can(org.hr, A.READ_RESULT, cycle, own)
    assert not can(org.hr, A.RECORD_OUTCOME, cycle, own)  # released or not
