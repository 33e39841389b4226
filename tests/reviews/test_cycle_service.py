"""Creating, editing, launching a cycle; extending deadlines; reassigning a reviewing manager."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from models.audit import AuditEntry
from models.errors import DomainError, PermissionDenied
from models.messaging import OutboxMessage
from models.reviews import (
    CycleStatus,
    DeadlineExtension,
    ReviewMessage,
    ReviewParticipant,
    Stage,
    create_cycle,
    edit_draft,
    extend_deadline,
    launch_cycle,
    participant_of,
    reassign_manager,
)
from models.reviews.self_assessment import effective_due
from tests.factories import make_person
from tests.reviews.helpers import NOW, definition, launched_cycle, make_review_org


def test_only_hr_creates_cycles(session: Session) -> None:
    org = make_review_org(session)
    with pytest.raises(PermissionDenied):
        create_cycle(session, org.workspace, org.boss, definition())
    cycle = create_cycle(session, org.workspace, org.hr, definition())
    assert cycle.status is CycleStatus.DRAFT and cycle.settings_version == 1


def test_a_draft_is_edited_with_a_new_settings_version_and_a_launched_one_is_not(session: Session) -> None:
    org = make_review_org(session)
    cycle = create_cycle(session, org.workspace, org.hr, definition())
    edit_draft(session, org.workspace, org.hr, cycle.id, definition(name="Renamed"))
    assert (cycle.name, cycle.settings_version) == ("Renamed", 2)
    launch_cycle(session, org.workspace, org.hr, cycle.id, NOW)
    with pytest.raises(DomainError):
        edit_draft(session, org.workspace, org.hr, cycle.id, definition(name="Again"))


def test_launch_freezes_participants_with_manager_and_department_and_queues_dms(session: Session) -> None:
    org = make_review_org(session, peers=3)
    gone = make_person(session, org.workspace, "UGONE", name="Gone", active=False)
    cycle = create_cycle(session, org.workspace, org.hr, definition(participants={"exclude": ["hana@x.org"]}))
    org.hr.email = "hana@x.org"
    session.flush()
    count = launch_cycle(session, org.workspace, org.hr, cycle.id, NOW)
    assert count == 5  # boss, olive, 3 peers; not HR (excluded), not the deactivated
    frozen = participant_of(session, cycle, org.olive)
    assert frozen is not None and (frozen.manager_id, frozen.department) == (org.boss.id, "Sales")
    assert participant_of(session, cycle, gone) is None
    org.olive.manager_id = None  # a later org change does not move the review
    org.olive.department = "Support"
    session.flush()
    session.refresh(frozen)
    assert (frozen.manager_id, frozen.department) == (org.boss.id, "Sales")
    dms = session.scalars(select(OutboxMessage).where(OutboxMessage.kind == ReviewMessage.LAUNCH)).all()
    assert sorted(m.person_id for m in dms) == sorted(
        p.person_id for p in session.scalars(select(ReviewParticipant))
    )
    assert all(m.payload == {"cycle_id": cycle.id} for m in dms)
    with pytest.raises(DomainError):
        launch_cycle(session, org.workspace, org.hr, cycle.id, NOW)


def test_departments_choose_participants(session: Session) -> None:
    org = make_review_org(session, peers=2)
    cycle = create_cycle(session, org.workspace, org.hr, definition(participants={"departments": ["People"]}))
    assert launch_cycle(session, org.workspace, org.hr, cycle.id, NOW) == 1


def test_launch_statements_do_not_grow_with_headcount(session: Session, count_statements: type) -> None:
    counts = []
    for size, team in ((10, "T010"), (300, "T300")):
        org = make_review_org(session, peers=size, team_id=team)
        cycle = create_cycle(session, org.workspace, org.hr, definition())
        session.flush()
        with count_statements(session.get_bind()) as counter:
            launch_cycle(session, org.workspace, org.hr, cycle.id, NOW)
            session.flush()
        counts.append(counter.count)
    assert counts[0] == counts[1], counts


def test_deadlines_move_later_per_cycle_or_per_person_and_are_audited(session: Session) -> None:
    org = make_review_org(session)
    cycle = launched_cycle(session, org)
    later = cycle.self_due + timedelta(days=3)
    with pytest.raises(DomainError):
        extend_deadline(
            session, org.workspace, org.hr, cycle.id, Stage.SELF_ASSESSMENT, cycle.self_due - timedelta(1)
        )
    with pytest.raises(PermissionDenied):
        extend_deadline(session, org.workspace, org.boss, cycle.id, Stage.SELF_ASSESSMENT, later)
    extend_deadline(
        session, org.workspace, org.hr, cycle.id, Stage.SELF_ASSESSMENT, later, person=org.olive, reason="ill"
    )
    participant = participant_of(session, cycle, org.olive)
    assert participant is not None
    assert effective_due(session, cycle, participant, Stage.SELF_ASSESSMENT) == later
    version = cycle.settings_version
    extend_deadline(
        session, org.workspace, org.hr, cycle.id, Stage.PEER_REVIEWS, cycle.peer_due + timedelta(1)
    )
    assert cycle.settings_version == version + 1
    actions = session.scalars(
        select(AuditEntry.action).where(AuditEntry.action == "review_cycle.extend_deadline")
    )
    assert len(list(actions)) == 2


def test_hr_reassigns_the_reviewing_manager_audited(session: Session) -> None:
    org = make_review_org(session)
    cycle = launched_cycle(session, org)
    participant = reassign_manager(
        session, org.workspace, org.hr, cycle.id, org.olive, org.peers[0], reason="moved"
    )
    assert participant.manager_id == org.peers[0].id
    assert org.olive.manager_id == org.boss.id
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action.like("review_participant.%"))).one()
    assert (entry.before, entry.after, entry.reason) == (
        {"manager_id": org.boss.id},
        {"manager_id": org.peers[0].id},
        "moved",
    )


def test_a_cycle_wide_extension_overtakes_earlier_personal_ones(session: Session) -> None:
    org = make_review_org(session)
    cycle = launched_cycle(session, org)
    participant = participant_of(session, cycle, org.olive)
    assert participant is not None
    personal = cycle.self_due + timedelta(days=2)
    extend_deadline(
        session, org.workspace, org.hr, cycle.id, Stage.SELF_ASSESSMENT, personal, person=org.olive
    )
    extend_deadline(
        session, org.workspace, org.hr, cycle.id, Stage.SELF_ASSESSMENT, personal + timedelta(days=5)
    )
    assert effective_due(session, cycle, participant, Stage.SELF_ASSESSMENT) == personal + timedelta(days=5)
    assert session.scalars(select(DeadlineExtension)).all() == []
