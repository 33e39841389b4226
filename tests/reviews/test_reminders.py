"""Stage reminders through the outbox: 3 days, 1 day, on the day, then daily ×3, then the manager (or HR)
is told; nothing to someone who submitted; queued ones cancelled on submission; constant statements."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.messaging import OutboxMessage, OutboxStatus
from models.reviews import (
    CycleStatus,
    ReviewMessage,
    SelfAssessmentInput,
    decide_nominations,
    nominate_peers,
    participant_of,
    save_self_assessment,
    submit_peer_review,
)
from scheduler.jobs.reviews import reminders
from tests.reviews.helpers import NOW, launched_cycle, make_review_org

FULL = SelfAssessmentInput(ratings={"results": 3, "collaboration": 3, "growth": 3})


def at_offset(due: object, offset: int) -> datetime:
    """The moment `offset` days after the deadline (negative: before), at NOW's time of day."""
    assert hasattr(due, "isoformat")
    return NOW + timedelta(days=(due - NOW.date()).days + offset)  # type: ignore[operator]


def rows(session: Session, kind: str) -> list[OutboxMessage]:
    return list(
        session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.kind == kind)
            .order_by(OutboxMessage.id)
            .execution_options(populate_existing=True)
        )
    )


def test_self_assessment_reminders_before_on_and_after_the_day_then_the_manager(session: Session) -> None:
    org = make_review_org(session, peers=1)
    cycle = launched_cycle(session, org)
    sent_on = {}
    for offset in range(-4, 6):
        before = len(rows(session, ReviewMessage.SELF_REMINDER))
        reminders.sweep(session, at_offset(cycle.self_due, offset))
        reminders.sweep(session, at_offset(cycle.self_due, offset))  # twice: still once
        sent_on[offset] = len(rows(session, ReviewMessage.SELF_REMINDER)) - before
    participants = 4  # hr, boss, olive, one peer
    assert sent_on == {
        -4: 0,
        -3: participants,
        -2: 0,
        -1: participants,
        0: participants,
        1: participants,
        2: participants,
        3: participants,
        4: 0,
        5: 0,
    }
    overdue = rows(session, ReviewMessage.OVERDUE)
    olive_told = [
        row for row in overdue if row.subject_id == org.olive.id and "self_assessment" in row.dedupe_key
    ]
    assert [row.person_id for row in olive_told] == [org.boss.id]
    hr_told = [
        row for row in overdue if row.subject_id == org.boss.id and "self_assessment" in row.dedupe_key
    ]
    assert [row.person_id for row in hr_told] == [org.hr.id], "someone without a manager: HR is told"


def test_nothing_for_someone_who_submitted_and_queued_ones_are_cancelled(session: Session) -> None:
    org = make_review_org(session, peers=1)
    cycle = launched_cycle(session, org)
    reminders.sweep(session, at_offset(cycle.self_due, -3))
    olive_row = next(r for r in rows(session, ReviewMessage.SELF_REMINDER) if r.person_id == org.olive.id)
    save_self_assessment(session, org.olive, cycle, FULL, NOW, submit=True)
    session.refresh(olive_row)
    assert olive_row.status is OutboxStatus.CANCELLED
    reminders.sweep(session, at_offset(cycle.self_due, -1))
    later = [r for r in rows(session, ReviewMessage.SELF_REMINDER) if r.person_id == org.olive.id]
    assert later == [olive_row]


def test_peer_review_reminders_go_to_the_approved_peer_until_they_answer(session: Session) -> None:
    org = make_review_org(session, peers=3)
    cycle = launched_cycle(session, org)
    nominate_peers(session, org.olive, cycle, org.peers, NOW)
    participant = participant_of(session, cycle, org.olive)
    assert participant is not None
    asked = decide_nominations(session, org.boss, cycle, participant.id, org.peers, NOW)
    reminders.sweep(session, at_offset(cycle.peer_due, -1))
    queued = rows(session, ReviewMessage.PEER_REMINDER)
    assert sorted(r.person_id for r in queued) == sorted(p.id for p in org.peers)
    assert all(r.subject_id == org.olive.id for r in queued)
    first = asked[0]
    ratings: dict[str, int | None] = {"collaboration": 4, "communication": 4, "reliability": 4}
    submit_peer_review(session, session.get(type(org.olive), first.reviewer_id), first.id, ratings, {}, NOW)  # type: ignore[arg-type]
    cancelled = [r for r in rows(session, ReviewMessage.PEER_REMINDER) if r.status is OutboxStatus.CANCELLED]
    assert [r.person_id for r in cancelled] == [first.reviewer_id]


def test_sweep_statements_are_the_same_at_10_and_1000_participants(
    session: Session, count_statements: type
) -> None:
    counts = []
    previous = None
    for size, team in ((10, "T010"), (1000, "T1K")):
        if previous is not None:
            previous.status = CycleStatus.CLOSED  # one running cycle at each measurement
        org = make_review_org(session, peers=size, team_id=team)
        cycle = previous = launched_cycle(session, org)
        session.flush()
        with count_statements(session.get_bind()) as counter:
            queued = reminders.sweep(session, at_offset(cycle.self_due, -3))
        counts.append(counter.count)
        assert queued >= size
    assert counts[0] == counts[1], counts
