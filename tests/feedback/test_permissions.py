"""The feedback permission matrix, as a table: relation × action, after release; nothing before it."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from models.feedback import FeedbackAction, can
from models.people import Person, Role
from models.reviews import participant_of
from tests.factories import make_person, make_workspace
from tests.feedback.helpers import NOW, ReviewOrg, make_review_org, release, released_olive
from tests.reviews.helpers import launched_cycle

F = FeedbackAction
ALLOWED = {
    "employee": {F.READ_LOG, F.COMMENT, F.ACKNOWLEDGE},
    "manager": {F.WRITE_LOG, F.READ_LOG, F.MARK_DONE},
    "hr": {F.READ_LOG},
    "action owner (a colleague)": {F.MARK_DONE},
    "colleague": set(),
    "other manager": set(),
    "deactivated manager": set(),
    "other workspace hr": set(),
}


def actor_for(session: Session, org: ReviewOrg, role: str) -> Person:
    if role == "employee":
        return org.olive
    if role in ("manager", "deactivated manager"):
        org.boss.active = role == "manager"
        return org.boss
    if role == "hr":
        return org.hr
    if role in ("colleague", "action owner (a colleague)"):
        return org.peers[0]
    if role == "other manager":
        return make_person(session, org.workspace, "UOTHER", name="Otto", department="Sales")
    other = make_workspace(session, "T999")
    return make_person(session, other, "UHR2", name="Hera", role=Role.HR_ADMIN)


@pytest.mark.parametrize("role", sorted(ALLOWED))
def test_the_matrix_after_release(session: Session, role: str) -> None:
    org = make_review_org(session, peers=2)
    cycle, participant = released_olive(session, org)
    actor = actor_for(session, org, role)
    owner = org.peers[0].id if role == "action owner (a colleague)" else None
    allowed = {action for action in F if can(actor, action, cycle, participant, owner)}
    assert allowed == ALLOWED[role]


@pytest.mark.parametrize("role", sorted(ALLOWED))
def test_nothing_before_release(session: Session, role: str) -> None:
    org = make_review_org(session, peers=2)
    cycle = launched_cycle(session, org)
    participant = participant_of(session, cycle, org.olive)
    assert participant is not None
    actor = actor_for(session, org, role)
    assert {action for action in F if can(actor, action, cycle, participant, actor.id)} == set()


def test_hr_writes_only_for_someone_without_a_reviewing_manager(session: Session) -> None:
    org = make_review_org(session, peers=2)
    cycle = launched_cycle(session, org)
    participant = participant_of(session, cycle, org.olive)
    assert participant is not None
    participant.manager_id = None
    release(session, participant, org.hr, NOW)
    assert can(org.hr, F.WRITE_LOG, cycle, participant)
    assert not can(org.boss, F.WRITE_LOG, cycle, participant)
