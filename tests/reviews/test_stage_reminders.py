"""Stage reminders of the manager review, calibration and release: the reviewing manager before, on and
after the deadline, HR on the 4th day after; HR before calibration and release (not once released);
nothing for a submitted review, queued ones cancelled; the same statements at 10 and 100 people."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from models.i18n import translator
from models.messaging import OutboxMessage, OutboxStatus
from models.people import Person
from models.reviews import ReviewCycle, ReviewMessage, participant_of, release_results, save_manager_review
from models.reviews.manager_review import ManagerReviewInput
from scheduler.jobs.base import OutboxRow, RenderContext, Skip
from scheduler.jobs.reviews import stage_reminders
from tests.conftest import StatementCounter
from tests.reviews.helpers import NOW, ReviewOrg, launched_cycle, make_review_org
from tests.reviews.test_calibration_counts import grow
from tests.reviews.test_reminders import at_offset, rows

FULL = ManagerReviewInput(ratings={"results": 4, "collaboration": 4, "growth": 4}, summary="ok")


def submit(session: Session, org: ReviewOrg, cycle: ReviewCycle, person: Person, by: Person) -> None:
    participant = participant_of(session, cycle, person)
    assert participant is not None
    save_manager_review(session, by, cycle, participant, FULL, NOW, submit=True)


def render(session: Session, org: ReviewOrg, row: OutboxMessage, reader: Person, lang: str = "en") -> object:
    context = RenderContext(
        session=session,
        row=OutboxRow.of(row),
        workspace=org.workspace,
        recipient=reader,
        t=translator(lang),
        tz=UTC,
        tz_name="UTC",
        now=NOW,
    )
    renderer = stage_reminders.JOB.renderers[row.kind]
    return renderer(context)


def test_manager_review_reminders_before_on_after_then_hr_and_none_once_submitted(session: Session) -> None:
    org = make_review_org(session, peers=1)  # Bo reviews Olive and one peer; Hana (HR) reviews Bo
    cycle = launched_cycle(session, org, participants={"departments": ["Sales"]})
    submit(session, org, cycle, org.peers[0], org.boss)  # done early: never reminded
    sent_on = {}
    for offset in range(-4, 6):
        before = len(rows(session, ReviewMessage.MANAGER_REMINDER))
        stage_reminders.sweep(session, at_offset(cycle.manager_due, offset))
        stage_reminders.sweep(session, at_offset(cycle.manager_due, offset))  # twice: still once
        sent_on[offset] = len(rows(session, ReviewMessage.MANAGER_REMINDER)) - before
    assert sent_on == {-4: 0, -3: 1, -2: 0, -1: 1, 0: 1, 1: 1, 2: 1, 3: 1, 4: 0, 5: 0}
    reminded = rows(session, ReviewMessage.MANAGER_REMINDER)
    assert {(r.person_id, r.subject_id) for r in reminded} == {(org.boss.id, org.olive.id)}
    message = render(session, org, reminded[0], org.boss)
    assert not isinstance(message, Skip)
    assert "Your manager review of <@UOLIVE>" in message.text and "in 3 days" in message.text  # type: ignore[attr-defined]
    assert "review_write_manager" in str(message.blocks)  # type: ignore[attr-defined]
    [overdue] = rows(session, ReviewMessage.MANAGER_OVERDUE)
    assert overdue.person_id == org.hr.id
    told = render(session, org, overdue, org.hr, "zh_CN")
    assert not isinstance(told, Skip) and "<@UBOSS> (1)" in told.text  # type: ignore[attr-defined]
    # Submitting cancels what is queued, and a reminder rendered afterwards is skipped.
    submit(session, org, cycle, org.olive, org.boss)
    statuses = {r.status for r in rows(session, ReviewMessage.MANAGER_REMINDER)}
    assert statuses == {OutboxStatus.CANCELLED}
    assert isinstance(render(session, org, reminded[-1], org.boss), Skip)
    assert isinstance(render(session, org, overdue, org.hr), Skip)


def test_hr_hears_before_calibration_and_release_but_not_once_released(session: Session) -> None:
    org = make_review_org(session, peers=1)
    cycle = launched_cycle(session, org, participants={"departments": ["Sales"]})
    submit(session, org, cycle, org.olive, org.boss)
    for due in (cycle.calibration_due, cycle.release_due):
        for offset in range(-4, 2):
            stage_reminders.sweep(session, at_offset(due, offset))
    calibration = rows(session, ReviewMessage.CALIBRATION_REMINDER)
    release = rows(session, ReviewMessage.RELEASE_REMINDER)
    assert len(calibration) == len(release) == 3 and {r.person_id for r in calibration + release} == {
        org.hr.id
    }
    first = render(session, org, calibration[0], org.hr)
    assert not isinstance(first, Skip)
    assert "1 results are in to calibrate, 2 manager reviews are still to come in" in first.text  # type: ignore[attr-defined]
    on_the_day = render(session, org, release[-1], org.hr)
    assert not isinstance(on_the_day, Skip)
    assert "today" in on_the_day.text and "1 are ready to release, 2 still wait" in on_the_day.text  # type: ignore[attr-defined]
    for person in (org.peers[0],):
        submit(session, org, cycle, person, org.boss)
    submit(session, org, cycle, org.boss, org.hr)
    release_results(session, org.workspace, org.hr, cycle.id, NOW)
    assert isinstance(render(session, org, release[-1], org.hr), Skip)  # released: nothing to remind
    before = len(rows(session, ReviewMessage.RELEASE_REMINDER))
    stage_reminders.sweep(session, at_offset(cycle.release_due, -1) + timedelta(hours=1))
    assert len(rows(session, ReviewMessage.RELEASE_REMINDER)) == before  # no running cycle any more


def test_sweep_statements_are_the_same_at_10_and_100_participants(session: Session, engine: Engine) -> None:
    counted = []
    for size in (10, 100):
        org = make_review_org(session, peers=1, team_id=f"T{size}")
        cycle = launched_cycle(session, org)
        grow(session, org, cycle, size * 1000, size)
        session.flush()
        moment = datetime.combine(cycle.manager_due - timedelta(days=1), NOW.timetz())
        with StatementCounter(engine) as counter:
            stage_reminders.sweep(session, moment)
        counted.append(counter)
        queued = session.scalars(
            select(OutboxMessage).where(
                OutboxMessage.workspace_id == org.workspace.id,
                OutboxMessage.kind == ReviewMessage.MANAGER_REMINDER.value,
            )
        ).all()
        assert len(queued) == 2 + sum(1 for i in range(size) if not i % 7)  # Olive, her peer, the unreviewed
        session.execute(OutboxMessage.__table__.delete())  # the next size's sweep meets the other cycle only
        session.execute(
            ReviewCycle.__table__.update().where(ReviewCycle.id == cycle.id).values(status="released")  # type: ignore[attr-defined]
        )
    small, large = counted
    assert small.count == large.count <= 10, (small.statements, large.statements)
