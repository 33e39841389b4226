"""The workspace's appeal settings: defaults, refusals per field, and their effect on the deadline
(company days off, public holidays, pausing while HR waits for an answer)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from models.appeals import (
    AppealSettings,
    answer_statement,
    appeal_detail,
    appeal_settings,
    ask_statement,
    update_appeal_settings,
)
from models.audit import AuditEntry
from models.errors import DomainError, PermissionDenied
from tests.appeals.helpers import AppealScene, file, make_scene
from tests.reviews.helpers import NOW


def test_defaults_and_refusals_on_their_fields(session: Session) -> None:
    scene = make_scene(session)
    assert appeal_settings(scene.workspace) == AppealSettings()
    assert AppealSettings().decision_days == 10 and not AppealSettings().pause_while_waiting
    bad = AppealSettings(decision_days=0, holiday_country="XX", hr_lead_id=scene.boss.id)
    with pytest.raises(DomainError) as refused:
        update_appeal_settings(session, scene.workspace, scene.hr[0], bad, NOW)
    assert {p.field for p in refused.value.problems} == {"decision_days", "holiday_country", "hr_lead"}
    with pytest.raises(DomainError) as region:
        update_appeal_settings(
            session, scene.workspace, scene.hr[0], AppealSettings(holiday_subdivision="BY"), NOW
        )
    assert region.value.problems[0].field == "holiday_subdivision"
    with pytest.raises(PermissionDenied):
        update_appeal_settings(session, scene.workspace, scene.boss, AppealSettings(), NOW)
    assert appeal_settings(scene.workspace) == AppealSettings()
    good = AppealSettings(
        decision_days=5,
        holiday_country="de",
        holiday_subdivision="by",
        company_days_off=[date(2026, 12, 24), date(2026, 12, 24)],
        hr_lead_id=scene.hr[1].id,
        pause_while_waiting=True,
    )
    stored = update_appeal_settings(session, scene.workspace, scene.hr[0], good, NOW)
    assert (stored.holiday_country, stored.holiday_subdivision) == ("DE", "BY")
    assert appeal_settings(scene.workspace) == stored and stored.company_days_off == [date(2026, 12, 24)]
    audit = session.scalars(select(AuditEntry).where(AuditEntry.action == "appeal.settings")).one()
    assert audit.after is not None and audit.after["decision_days"] == 5


def _due(session: Session, scene: AppealScene, appeal_id: int, now: datetime) -> date | None:
    return appeal_detail(session, scene.workspace, scene.olive, appeal_id, now).decision_due


def test_company_days_off_move_the_deadline(session: Session) -> None:
    scene = make_scene(session)
    appeal = file(session, scene, at=NOW)  # Monday 30 November: due Monday 14 December
    assert _due(session, scene, appeal.id, NOW) == date(2026, 12, 14)
    days_off = [date(2026, 12, 7), date(2026, 12, 8)]
    update_appeal_settings(
        session, scene.workspace, scene.hr[0], AppealSettings(company_days_off=days_off), NOW
    )
    assert _due(session, scene, appeal.id, NOW) == date(2026, 12, 16)


@pytest.mark.parametrize("pause", [False, True])
def test_waiting_for_an_answer_pauses_the_clock_only_if_the_workspace_says_so(
    session: Session, pause: bool
) -> None:
    scene = make_scene(session)
    update_appeal_settings(
        session, scene.workspace, scene.hr[0], AppealSettings(pause_while_waiting=pause), NOW
    )
    appeal = file(session, scene, at=NOW)
    asked = datetime(2026, 12, 1, 10, tzinfo=UTC)  # Tuesday
    ask_statement(session, scene.workspace, scene.hr[0], appeal.id, "Why?", False, date(2026, 12, 4), asked)
    answered = datetime(2026, 12, 4, 10, tzinfo=UTC)  # Friday: 3 working days waiting
    answer_statement(session, scene.workspace, scene.boss, appeal.id, "Because.", answered)
    expected = date(2026, 12, 17) if pause else date(2026, 12, 14)
    assert _due(session, scene, appeal.id, answered) == expected
