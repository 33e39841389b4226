"""Releasing results: who is released (submitted manager reviews only), per department, refusals,
the audit entry, the DMs queued, idempotence, the cycle becoming released, and the statements."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from bot.cli import main
from models.audit import AuditEntry
from models.db import make_engine, make_session_factory, unit_of_work
from models.errors import DomainError, PermissionDenied
from models.i18n import translator
from models.messaging import OutboxMessage
from models.people import Person
from models.reviews import (
    CycleStatus,
    ReviewCycle,
    ReviewMessage,
    create_cycle,
    participant_of,
    save_manager_review,
)
from models.reviews.calibration import change_final_rating
from models.reviews.entities import ReviewParticipant
from models.reviews.manager_review import ManagerReviewInput
from models.reviews.permissions import released
from models.reviews.releasing import release_preview, release_results
from scheduler.jobs.base import OutboxRow, RenderContext, Skip
from scheduler.jobs.reviews.release import render_result
from tests.conftest import StatementCounter
from tests.factories import make_person
from tests.reviews.helpers import NOW, ReviewOrg, definition, launched_cycle, make_review_org
from tests.reviews.test_calibration_counts import grow

LATER = NOW + timedelta(days=30)


def rate(session: Session, cycle: ReviewCycle, person: Person, by: Person, level: int = 4) -> None:
    participant = participant_of(session, cycle, person)
    assert participant is not None
    data = ManagerReviewInput(
        ratings={"results": level, "collaboration": level, "growth": level}, summary="ok"
    )
    save_manager_review(session, by, cycle, participant, data, NOW, submit=True)


def scene(session: Session) -> tuple[ReviewOrg, ReviewCycle, Person, list[Person]]:
    """Sales: Olive and 2 peers under Bo; Ops: 2 under Oz. Olive, one peer and one of Ops are rated."""
    org = make_review_org(session, peers=2)
    oz = make_person(session, org.workspace, "UOZ", name="Oz", department="Ops")
    ops = [
        make_person(session, org.workspace, f"UO{n}", name=f"Ops {n}", manager=oz, department="Ops")
        for n in range(2)
    ]
    cycle = launched_cycle(session, org, participants={"departments": ["Sales", "Ops"]})
    rate(session, cycle, org.olive, org.boss)
    rate(session, cycle, org.peers[0], org.boss, 3)
    rate(session, cycle, ops[0], oz, 5)
    return org, cycle, oz, ops


def outbox(session: Session, kind: ReviewMessage) -> list[OutboxMessage]:
    return list(
        session.scalars(
            select(OutboxMessage).where(OutboxMessage.kind == kind.value).order_by(OutboxMessage.id)
        )
    )


def test_release_of_a_department_releases_submitted_reviews_only_and_queues_the_dms(session: Session) -> None:
    org, cycle, _oz, ops = scene(session)
    preview = release_preview(session, org.workspace, org.hr, cycle.id, "Sales")
    assert (preview.ready, preview.waiting, preview.released) == (2, 2, 0)  # Bo waits too
    assert release_results(session, org.workspace, org.hr, cycle.id, NOW, department="Sales") == 2
    olive = participant_of(session, cycle, org.olive)
    waiting = participant_of(session, cycle, org.peers[1])
    other = participant_of(session, cycle, ops[0])
    assert olive is not None and waiting is not None and other is not None
    assert olive.released_at == NOW and olive.released_by_id == org.hr.id and released(cycle, olive)
    assert waiting.released_at is None and other.released_at is None and not released(cycle, other)
    assert cycle.status is CycleStatus.LAUNCHED  # others still wait
    results = outbox(session, ReviewMessage.RESULT)
    assert sorted(r.person_id for r in results) == sorted([org.olive.id, org.peers[0].id])
    asks = outbox(session, ReviewMessage.FEEDBACK_ASK)
    assert [a.person_id for a in asks] == [org.boss.id, org.boss.id]
    assert sorted(a.subject_id for a in asks) == sorted([org.olive.id, org.peers[0].id])
    assert {a.payload["target"] for a in asks} == {olive.id, participant_of(session, cycle, org.peers[0]).id}  # type: ignore[union-attr]
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "review_cycle.release")).one()
    assert entry.actor_id == org.hr.id and entry.after is not None
    assert (
        entry.after["department"] == "Sales" and entry.after["released"] == 2 and entry.after["waiting"] == 2
    )


def test_releasing_twice_sends_nothing_twice_and_says_how_many_wait(session: Session) -> None:
    org, cycle, _oz, _ops = scene(session)
    assert release_results(session, org.workspace, org.hr, cycle.id, NOW, department="Sales") == 2
    with pytest.raises(DomainError) as again:
        release_results(session, org.workspace, org.hr, cycle.id, LATER, department="Sales")
    assert "2 without a submitted manager review" in again.value.render(translator("en"))
    assert len(outbox(session, ReviewMessage.RESULT)) == 2
    # The whole cycle now: only Ops' rated person is new.
    assert release_results(session, org.workspace, org.hr, cycle.id, LATER) == 1
    assert len(outbox(session, ReviewMessage.RESULT)) == 3
    assert cycle.status is CycleStatus.LAUNCHED


def test_the_cycle_is_released_when_everyone_is(session: Session) -> None:
    org, cycle, oz, ops = scene(session)
    for person, by in ((org.peers[1], org.boss), (ops[1], oz)):
        rate(session, cycle, person, by)
    for person in (org.boss, oz):  # Bo and Oz take part too, without a manager: HR writes theirs
        rate(session, cycle, person, org.hr)
    assert release_results(session, org.workspace, None, cycle.id, NOW) == 7
    assert cycle.status is CycleStatus.RELEASED
    with pytest.raises(DomainError) as again:
        release_results(session, org.workspace, None, cycle.id, LATER)
    assert "released already" in again.value.render(translator("en"))


def test_refusals_name_the_reason(session: Session) -> None:
    org, cycle, _oz, _ops = scene(session)
    en = translator("en")
    with pytest.raises(PermissionDenied):
        release_results(session, org.workspace, org.boss, cycle.id, NOW)
    with pytest.raises(DomainError) as unknown:
        release_results(session, org.workspace, org.hr, cycle.id, NOW, department="Legal")
    assert "'Ops', 'Sales'" in unknown.value.render(en)
    draft = create_cycle(session, org.workspace, org.hr, definition(name="Next"))
    with pytest.raises(DomainError) as drafted:
        release_results(session, org.workspace, org.hr, draft.id, NOW)
    assert "draft" in drafted.value.render(en)
    fresh = launched_cycle(session, org, name="Unrated")
    with pytest.raises(DomainError) as nothing:
        release_results(session, org.workspace, org.hr, fresh.id, NOW)
    assert "Nothing to release" in nothing.value.render(en)
    assert (
        session.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "review_cycle.release")
        )
        == 0
    )


def test_release_statements_are_the_same_at_10_and_100_participants(session: Session, engine: Engine) -> None:
    counted = []
    for size in (10, 100):
        org = make_review_org(session, peers=1, team_id=f"T{size}")
        cycle = launched_cycle(session, org)
        grow(session, org, cycle, size * 1000, size)
        session.flush()
        with StatementCounter(engine) as counter:
            released_now = release_results(session, org.workspace, org.hr, cycle.id, NOW)
            session.flush()
        counted.append(counter)
        assert released_now == sum(1 for i in range(size) if i % 7)
        queued = session.scalar(
            select(func.count()).where(
                OutboxMessage.workspace_id == org.workspace.id,
                OutboxMessage.kind == ReviewMessage.RESULT.value,
            )
        )
        assert queued == released_now  # everyone released gets their DM
        assert (
            session.scalar(
                select(func.count()).where(
                    ReviewParticipant.cycle_id == cycle.id, ReviewParticipant.released_at.is_not(None)
                )
            )
            == released_now
        )
    small, large = counted
    assert small.count == large.count <= 8, (small.statements, large.statements)


def test_cli_release_prints_the_counts_and_refuses_an_unknown_department(
    cli_database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    url = cli_database
    with unit_of_work(make_session_factory(make_engine(url))) as session:
        _, cycle, _, _ = scene(session)
        cycle_id = str(cycle.id)
    capsys.readouterr()
    assert main(["cycle", "release", cycle_id, "--department", "Legal", "--team", "T001"]) == 1
    assert "Its departments: 'Ops', 'Sales'" in capsys.readouterr().err
    assert main(["cycle", "release", cycle_id, "--department", "Sales", "--team", "T001"]) == 0
    out = capsys.readouterr().out
    assert "2 results released" in out and "2 wait without a submitted manager review" in out
    assert main(["cycle", "release", cycle_id, "--team", "T001"]) == 0
    assert "1 results released" in capsys.readouterr().out
    assert main(["cycle", "release", cycle_id, "--team", "T001"]) == 1
    assert "Nothing to release" in capsys.readouterr().err


def test_a_released_result_no_longer_changes_by_review_or_calibration(session: Session) -> None:
    org, cycle, _oz, _ops = scene(session)
    release_results(session, org.workspace, org.hr, cycle.id, NOW, department="Sales")
    olive = participant_of(session, cycle, org.olive)
    assert olive is not None
    en = translator("en")
    data = ManagerReviewInput(ratings={"results": 1, "collaboration": 1, "growth": 1}, summary="changed")
    with pytest.raises(DomainError) as rewritten:
        save_manager_review(session, org.boss, cycle, olive, data, NOW, submit=True)
    assert "only through an appeal" in rewritten.value.render(en)
    with pytest.raises(DomainError) as calibrated:
        change_final_rating(session, org.hr, cycle, olive, 2, "late change", NOW)
    assert "before the results are released" in calibrated.value.render(en)


def test_the_result_dm_is_rendered_at_delivery_in_the_readers_language_and_zone(session: Session) -> None:
    org, cycle, _oz, _ops = scene(session)
    release_results(session, org.workspace, org.hr, cycle.id, NOW.replace(hour=20), department="Sales")
    row = next(r for r in outbox(session, ReviewMessage.RESULT) if r.person_id == org.olive.id)

    def render(tz: str, lang: str, reader: Person) -> object:
        context = RenderContext(
            session=session,
            row=OutboxRow.of(row),
            workspace=org.workspace,
            recipient=reader,
            t=translator(lang),
            tz=ZoneInfo(tz),
            tz_name=tz,
            now=NOW,
        )
        return render_result(context)

    chinese = render("Asia/Shanghai", "zh_CN", org.olive)
    assert not isinstance(chinese, Skip)
    text = str(chinese.blocks_json())  # type: ignore[attr-defined]
    assert "最终评级 *4" in text and "2026年12月15日" in text  # released 04:00 on 1 Dec in Shanghai, +14
    english = render("America/New_York", "en", org.olive)
    assert "You can appeal until Dec 14, 2026" in str(english.blocks_json())  # type: ignore[attr-defined]
    assert isinstance(render("UTC", "en", org.boss), Skip)  # a result goes to its employee only
