"""The "Write review" DMs: queued when the manager stage opens, one per report, never after submission."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.messaging import OutboxMessage
from models.reviews import ReviewMessage, participant_of, save_manager_review
from models.reviews.manager_review import ManagerReviewInput
from scheduler.jobs.reviews import manager_requests
from tests.reviews.helpers import NOW, launched_cycle, make_review_org


def queued_for(session: Session) -> list[tuple[int | None, int | None]]:
    return [
        (row.person_id, row.subject_id)
        for row in session.scalars(
            select(OutboxMessage).where(OutboxMessage.kind == ReviewMessage.MANAGER_REQUEST.value)
        )
    ]


def test_when_the_stage_opens_each_report_gets_one_dm_to_their_manager_unless_reviewed(
    session: Session,
) -> None:
    org = make_review_org(session, peers=3)
    cycle = launched_cycle(session, org)
    participant = participant_of(session, cycle, org.peers[0])
    assert participant is not None
    before = datetime.combine(cycle.peer_due, time(10), UTC)
    assert manager_requests.sweep(session, before) == 0  # no evidence in, stage not open
    opened = before + timedelta(days=1)
    data = ManagerReviewInput(ratings={"results": 3, "collaboration": 3, "growth": 3}, summary="Solid.")
    save_manager_review(session, org.boss, cycle, participant, data, NOW, submit=True)
    queued = manager_requests.sweep(session, opened)
    reports = {org.olive.id, *(p.id for p in org.peers[1:])}
    assert queued == len(reports)
    assert set(queued_for(session)) == {(org.boss.id, person) for person in reports}
    assert manager_requests.sweep(session, opened + timedelta(hours=1)) == 0  # one per report
    after = datetime.combine(cycle.manager_due + timedelta(days=1), time(10), UTC)
    session.execute(OutboxMessage.__table__.delete())
    assert manager_requests.sweep(session, after) == 0  # the stage is over: reminders take it from here
