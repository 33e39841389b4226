"""Filing: the parts one can appeal, the refusals (nothing stored), round-robin assignment, the DMs."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.appeals import (
    AppealEntry,
    AppealInput,
    AppealMessage,
    AppealRow,
    AppealState,
    appealable_parts,
    evidence_options,
    file_appeal,
    no_appeal_reason,
)
from models.audit import AuditEntry
from models.errors import DomainError, PermissionDenied
from models.messaging import OutboxMessage
from models.people import Role
from tests.appeals.helpers import REASON, file, make_scene, release
from tests.factories import make_person
from tests.reviews.helpers import NOW


def _count(session: Session, entity: type) -> int:
    statement = select(func.count()).select_from(entity)
    if entity is OutboxMessage:
        statement = statement.where(OutboxMessage.kind.contains("appeal"))
    return int(session.scalar(statement) or 0)


def test_the_parts_of_a_released_result_are_offered_with_their_ratings(session: Session) -> None:
    scene = make_scene(session)
    parts = appealable_parts(session, scene.workspace, scene.olive, NOW)
    by_part = {p.part: p for p in parts}
    assert set(by_part) == {"overall", "results", "collaboration", "growth"}
    assert by_part["collaboration"].current_rating == 4 and by_part["collaboration"].label == "Collaboration"
    assert by_part["results"].rating_label == "Meets expectations"
    assert all(p.refusal is None and p.last_day == NOW.date() + timedelta(days=14) for p in parts)


def test_nothing_to_appeal_before_release_and_after_the_window(session: Session) -> None:
    scene = make_scene(session, released_at=None)
    assert appealable_parts(session, scene.workspace, scene.olive, NOW) == []
    assert "not been released" in no_appeal_reason(session, scene.workspace, scene.olive, NOW)
    with pytest.raises(DomainError) as refused:
        file(session, scene)
    assert refused.value.problems[0].field == "part"
    release(session, scene, NOW)
    late = NOW + timedelta(days=16)
    assert appealable_parts(session, scene.workspace, scene.olive, late) == []
    assert "passed" in no_appeal_reason(session, scene.workspace, scene.olive, late)
    with pytest.raises(DomainError):
        file(session, scene, at=late)
    assert _count(session, AppealRow) == 0 and _count(session, OutboxMessage) == 0


def test_refusals_store_nothing(session: Session) -> None:
    scene = make_scene(session)
    before = _count(session, AuditEntry)
    with pytest.raises(DomainError) as short:
        file(session, scene, reason="Unfair.", outcome_sought="")
    assert {p.field for p in short.value.problems} == {"reason", "outcome"}
    with pytest.raises(DomainError) as bad:
        file(session, scene, evidence=["goal:999999", "link:javascript:alert(1)"])
    assert bad.value.problems[0].field == "evidence"
    with pytest.raises(PermissionDenied):
        data = AppealInput(scene.participant.id, "results", REASON, [], "4")
        file_appeal(session, scene.workspace, scene.boss, data, NOW)
    assert _count(session, AppealRow) == 0 and _count(session, AuditEntry) == before


def test_a_filed_appeal_is_assigned_in_turn_never_to_someone_conflicted(session: Session) -> None:
    scene = make_scene(session)
    first = file(session, scene, "results")
    second = file(session, scene, "growth")
    third = file(session, scene, "overall")
    assert [a.state for a in (first, second, third)] == [AppealState.UNDER_REVIEW] * 3
    # The chief is above Olive's manager: skipped; the turn goes round Hana and Hugo.
    assert [a.assignee_id for a in (first, second, third)] == [scene.hr[0].id, scene.hr[1].id, scene.hr[0].id]
    kinds = session.execute(
        select(OutboxMessage.kind, OutboxMessage.person_id).where(OutboxMessage.id.in_(first.messages))
    ).all()
    assert sorted(kinds) == sorted(
        [(AppealMessage.FILED, scene.olive.id), (AppealMessage.ASSIGNED, scene.hr[0].id)]
    )
    actions = session.scalars(select(AppealEntry.action).where(AppealEntry.appeal_id == first.id)).all()
    assert [a.value for a in actions] == ["file", "assign"]
    with pytest.raises(DomainError) as duplicate:
        file(session, scene, "results")
    assert duplicate.value.problems[0].field == "part"
    refused = {p.part: p.refusal for p in appealable_parts(session, scene.workspace, scene.olive, NOW)}
    assert refused["results"] is not None and refused["collaboration"] is None


def test_evidence_is_offered_from_ones_own_goals_and_only_to_oneself(session: Session) -> None:
    scene = make_scene(session)
    assert evidence_options(session, scene.workspace, scene.olive, scene.participant.id) == []
    with pytest.raises(PermissionDenied):
        evidence_options(session, scene.workspace, scene.boss, scene.participant.id)
    appeal = file(session, scene, evidence=["link:https://wiki.example.com/migration"])
    assert appeal.evidence == ["link:https://wiki.example.com/migration"]


def test_filing_takes_the_same_statements_at_any_headcount(session: Session, count_statements: Any) -> None:
    scene = make_scene(session)
    with count_statements(session.get_bind()) as few:
        file(session, scene, "results")
    for n in range(12):
        role = Role.HR_ADMIN if n % 3 == 0 else Role.EMPLOYEE
        make_person(session, scene.workspace, f"UMORE{n}", role=role, manager=scene.chief)
    with count_statements(session.get_bind()) as many:
        file(session, scene, "growth")
    assert many.count == few.count
