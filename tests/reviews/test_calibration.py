"""Calibration: distributions per department and manager with means (none for groups under 4, saying
why), `perfbot cycle calibration --format csv`, and HR's audited change of a final rating."""

from __future__ import annotations

import csv
import io
from datetime import UTC
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.cli import main
from models.audit import AuditEntry
from models.db import make_engine, make_session_factory, unit_of_work
from models.errors import DomainError, PermissionDenied
from models.i18n import translator
from models.messaging import OutboxMessage
from models.people import Person, Role
from models.reviews import (
    CycleStatus,
    ReviewCycle,
    ReviewMessage,
    participant_of,
    save_manager_review,
)
from models.reviews.calibration import calibration_view, change_final_rating
from models.reviews.manager_review import ManagerReviewInput
from scheduler.jobs.base import OutboxRow, RenderContext, Skip
from scheduler.jobs.reviews.calibration import render_calibrated
from tests.factories import make_person
from tests.reviews.helpers import NOW, ReviewOrg, launched_cycle, make_review_org


def rate(
    session: Session, org: ReviewOrg, cycle: ReviewCycle, person: Person, level: int, by: Person
) -> None:
    participant = participant_of(session, cycle, person)
    assert participant is not None
    data = ManagerReviewInput(
        ratings={"results": level, "collaboration": level, "growth": level}, summary="ok"
    )
    save_manager_review(session, by, cycle, participant, data, NOW, submit=True)


def scene(session: Session) -> tuple[ReviewOrg, ReviewCycle, Person, list[Person]]:
    org = make_review_org(session, peers=4)
    ops = make_person(session, org.workspace, "UOPS", name="Oz", role=Role.MANAGER, department="=Ops")
    ops_team = [
        make_person(session, org.workspace, f"UO{n}", name=f"Ops {n}", manager=ops, department="=Ops")
        for n in range(2)
    ]
    cycle = launched_cycle(session, org)
    for person, level in zip([org.olive, *org.peers], (5, 4, 4, 3, 2), strict=True):
        rate(session, org, cycle, person, level, org.boss)
    rate(session, org, cycle, ops_team[0], 5, ops)
    return org, cycle, ops, ops_team


def test_distribution_per_department_and_manager_and_no_mean_for_small_groups(session: Session) -> None:
    org, cycle, ops, _ = scene(session)
    view = calibration_view(session, org.hr, cycle)
    assert view.organisation.rated == 6 and view.organisation.mean == Decimal("3.83")
    sales = next(g for g in view.departments if g.name == "Sales")
    assert sales.counts == {5: 1, 4: 2, 3: 1, 2: 1} and sales.mean == Decimal("3.60")
    small = next(g for g in view.managers if g.key == ops.id)
    assert small.rated == 1 and small.participants == 2 and small.too_small and small.mean is None
    with pytest.raises(PermissionDenied):
        calibration_view(session, org.boss, cycle)


def test_changing_a_final_rating_needs_a_reason_is_audited_and_tells_the_manager(session: Session) -> None:
    org, cycle, _, _ = scene(session)
    participant = participant_of(session, cycle, org.olive)
    assert participant is not None
    with pytest.raises(DomainError) as refused:
        change_final_rating(session, org.hr, cycle, participant, 9, " ", NOW)
    assert {p.field for p in refused.value.problems} == {"rating", "reason"}
    with pytest.raises(PermissionDenied):
        change_final_rating(session, org.boss, cycle, participant, 4, "fairer", NOW)
    change = change_final_rating(
        session, org.hr, cycle, participant, 4, "Above the team's bar, not beyond", NOW
    )
    assert (change.before, change.after, change.review.final_rating) == (5, 4, 4)
    result = change.review.result
    assert result is not None and result["computed_rating"] == 5 and result["rating_override"] == 4
    assert result["formula"] == "1 × 5 = 5 → 5 ⇒ 4"
    [entry] = session.scalars(select(AuditEntry).where(AuditEntry.action == "review.calibrate")).all()
    assert (entry.actor_id, entry.before, entry.after) == (
        org.hr.id,
        {"final_rating": 5},
        {"final_rating": 4},
    )
    assert entry.reason == "Above the team's bar, not beyond"
    [told] = session.scalars(
        select(OutboxMessage).where(OutboxMessage.kind == ReviewMessage.CALIBRATED)
    ).all()
    assert told.person_id == org.boss.id and "reason" not in told.payload
    assert calibration_view(session, org.hr, cycle).organisation.counts[4] == 3
    cycle.status = CycleStatus.RELEASED
    with pytest.raises(DomainError):
        change_final_rating(session, org.hr, cycle, participant, 3, "later", NOW)


def test_cli_calibration_csv_is_spreadsheet_safe_and_says_why_a_mean_is_missing(
    cli_database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    url = cli_database
    with unit_of_work(make_session_factory(make_engine(url))) as session:
        _, cycle, _, _ = scene(session)
        cycle_id = cycle.id
    capsys.readouterr()
    assert main(["cycle", "calibration", str(cycle_id), "--format", "csv", "--team", "T001"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == [
        "group",
        "name",
        "participants",
        "rated",
        *(f"rating {n}" for n in range(1, 6)),
        "mean",
        "note",
    ]
    assert ["organisation", "", "10", "6", "0", "1", "1", "2", "2", "3.83", ""] in rows
    ops = next(row for row in rows if row[0] == "department" and "Ops" in row[1])
    assert ops[1] == "'=Ops" and ops[-2] == "" and ops[-1].startswith("fewer than 4 rated: no mean")
    assert main(["cycle", "calibration", str(cycle_id), "--team", "T001"]) == 0
    assert "department Sales: 5 of 6 rated" in capsys.readouterr().out


def test_cli_calibrate_changes_a_rating_with_its_reason_and_refuses_without_hr(
    cli_database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    url = cli_database
    with unit_of_work(make_session_factory(make_engine(url))) as session:
        org, cycle, _, _ = scene(session)
        cycle_id, olive, boss, hr = cycle.id, org.olive.email, org.boss.email, org.hr.email
    args = [
        "cycle",
        "calibrate",
        str(cycle_id),
        olive,
        "4",
        "--reason",
        "In line with peers",
        "--team",
        "T001",
    ]
    assert main([*args, "--by", boss]) == 1
    assert "Only HR admins calibrate" in capsys.readouterr().err
    assert main([*args, "--by", hr]) == 0
    assert "5 → 4" in capsys.readouterr().out
    with make_session_factory(make_engine(url))() as session:
        [entry] = session.scalars(select(AuditEntry).where(AuditEntry.action == "review.calibrate")).all()
        assert entry.reason == "In line with peers"


def test_the_manager_is_told_the_change_and_its_reason(session: Session) -> None:
    org, cycle, _, _ = scene(session)
    participant = participant_of(session, cycle, org.olive)
    assert participant is not None
    change_final_rating(session, org.hr, cycle, participant, 4, "In line with <!channel> peers", NOW)
    row = session.scalars(select(OutboxMessage).where(OutboxMessage.kind == ReviewMessage.CALIBRATED)).one()
    context = RenderContext(
        session=session,
        row=OutboxRow.of(row),
        workspace=org.workspace,
        recipient=org.boss,
        t=translator("zh_CN"),
        tz=UTC,
        tz_name="UTC",
        now=NOW,
    )
    message = render_calibrated(context)
    assert not isinstance(message, Skip)
    assert "从 5 调整为 4" in message.text and "<@UOLIVE>" in message.text
    assert "In line with" in str(message.blocks) and "<!channel>" not in str(message.blocks)
    change_final_rating(session, org.hr, cycle, participant, 3, "Changed again", NOW)
    assert isinstance(render_calibrated(context), Skip)  # the later change has its own message
