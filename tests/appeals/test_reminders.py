"""Reminders and escalation with `now` fixed: 2 working days before, on the day, each working day after;
the HR lead (or every HR admin) told once; requests' own reminders; holidays and a DST change; the
same statements at any headcount."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.appeals import (
    AppealMessage,
    AppealSettings,
    Outcome,
    ask_statement,
    decide_appeal,
    update_appeal_settings,
)
from models.messaging import OutboxMessage
from models.people import Person
from scheduler.jobs.appeals.reminders import sweep
from tests.appeals.helpers import AppealScene, file, file_for, make_scene, release
from tests.reviews.helpers import NOW


def _at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def _sent(session: Session, kind: str) -> list[tuple[int | None, str]]:
    rows = session.execute(
        select(OutboxMessage.person_id, OutboxMessage.dedupe_key)
        .where(OutboxMessage.kind == kind)
        .order_by(OutboxMessage.id)
    )
    return [(person, key) for person, key in rows]


def _settings(session: Session, scene: AppealScene, **values: Any) -> None:
    update_appeal_settings(session, scene.workspace, scene.hr[0], AppealSettings(**values), NOW)


def test_the_assignee_is_reminded_before_on_and_after_the_day_and_the_lead_told_once(
    session: Session,
) -> None:
    scene = make_scene(session)
    _settings(session, scene, hr_lead_id=scene.hr[1].id)
    appeal = file(session, scene, at=NOW)  # Monday 30 November; 10 working days: due Monday 14 December
    hana = scene.hr[0]
    assert appeal.assignee_id == hana.id
    for day in (1, 2, 3, 4, 7, 8, 9):
        sweep(session, _at(date(2026, 12, day)))
    assert _sent(session, AppealMessage.DECISION_REMINDER) == []
    sweep(session, _at(date(2026, 12, 10)))  # 2 working days before
    sweep(session, _at(date(2026, 12, 10), 15))  # again: nothing new
    sweep(session, _at(date(2026, 12, 12)))  # a Saturday: nothing
    sweep(session, _at(date(2026, 12, 14)))  # the day
    sweep(session, _at(date(2026, 12, 15)))  # overdue: reminded, and the lead told
    sweep(session, _at(date(2026, 12, 16)))  # overdue again; the lead not told twice
    keys = [key.split(":", 4)[4] for _, key in _sent(session, AppealMessage.DECISION_REMINDER)]
    assert keys == [
        f"2026-12-14:soon:{hana.id}",
        f"2026-12-14:today:{hana.id}",
        f"2026-12-14:overdue:2026-12-15:{hana.id}",
        f"2026-12-14:overdue:2026-12-16:{hana.id}",
    ]
    assert [person for person, _ in _sent(session, AppealMessage.ESCALATED)] == [scene.hr[1].id]
    decide_appeal(
        session, scene.workspace, hana, appeal.id, Outcome.UPHELD, "It stands.", None, _at(date(2026, 12, 16))
    )
    assert sweep(session, _at(date(2026, 12, 17))) == 0


def test_without_a_lead_every_hr_admin_with_no_part_in_the_rating_is_told(session: Session) -> None:
    scene = make_scene(session)
    file(session, scene, at=NOW)
    sweep(session, _at(date(2026, 12, 15)))
    told = {person for person, _ in _sent(session, AppealMessage.ESCALATED)}
    assert told == {scene.hr[0].id, scene.hr[1].id}  # not the chief, who is above Olive


def test_a_deadline_across_public_holidays_and_a_dst_change(session: Session) -> None:
    scene = make_scene(session, released_at=None)
    scene.workspace.timezone = "Europe/Berlin"
    _settings(session, scene, holiday_country="DE")
    filed = datetime(2027, 3, 19, 9, tzinfo=UTC)  # Friday; Good Friday 26 March, Easter Monday 29 March
    release(session, scene, filed)
    file(session, scene, at=filed)
    # 10 working days: 22–25 March, 30 March – 2 April, 5 and 6 April; clocks go forward on 28 March.
    sweep(session, _at(date(2027, 3, 26)))  # a public holiday: nothing
    assert _sent(session, AppealMessage.DECISION_REMINDER) == []
    sweep(session, _at(date(2027, 4, 1)))  # 3 working days before: nothing
    sweep(session, _at(date(2027, 4, 2)))  # 2 working days before Tuesday 6 April
    sweep(session, datetime(2027, 4, 6, 21, 30, tzinfo=UTC))  # 23:30 in Berlin (summer time): the day
    sweep(session, datetime(2027, 4, 6, 22, 30, tzinfo=UTC))  # 00:30 on 7 April in Berlin: overdue
    keys = [
        key.split(":", 4)[4].rsplit(":", 1)[0] for _, key in _sent(session, AppealMessage.DECISION_REMINDER)
    ]
    assert keys == ["2027-04-06:soon", "2027-04-06:today", "2027-04-06:overdue:2027-04-07"]


def test_a_statement_request_has_its_own_reminders(session: Session) -> None:
    scene = make_scene(session)
    appeal = file(session, scene, at=NOW)
    due = date(2026, 12, 4)  # Friday
    ask_statement(session, scene.workspace, scene.hr[0], appeal.id, "Why a 3?", False, due, NOW)
    for day in (2, 4, 7):
        sweep(session, _at(date(2026, 12, day)))
    sent = _sent(session, AppealMessage.REQUEST_REMINDER)
    assert {person for person, _ in sent} == {scene.boss.id}
    assert [key.split(":")[6] for _, key in sent] == ["soon", "today", "overdue"]


def test_the_sweep_takes_the_same_statements_at_any_size(session: Session, count_statements: Any) -> None:
    scene = make_scene(session)
    file(session, scene, at=NOW)
    with count_statements(session.get_bind()) as one:
        assert sweep(session, _at(date(2026, 12, 15))) == 3  # the assignee's reminder, two HR admins told
    peers = session.scalars(select(Person).where(Person.slack_user_id.in_(["UP0", "UP1"]))).all()
    for person in peers:
        file_for(session, scene, person, NOW)
    with count_statements(session.get_bind()) as many:
        assert sweep(session, _at(date(2026, 12, 16))) == 1 + 2 * 3
    assert many.count == one.count
