"""Development action reminders through the outbox: 7 days, 1 day before and on the due date, to the
owner, once each; none for a done action and queued ones cancelled when it is marked done; the same
statements at any number of actions; delivered in the owner's working hours with "Mark done"."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from models.db import unit_of_work
from models.feedback import FeedbackMessage, actions_of, log_feedback, mark_done
from models.messaging import OutboxMessage, OutboxStatus
from models.reviews import participant_of
from scheduler.delivery import Delivery
from scheduler.jobs.feedback import reminders
from tests.feedback.helpers import NOW, TODAY, action, good_input, make_review_org, release, released_olive
from tests.scheduler.helpers import FakeSender

DUE = TODAY + timedelta(days=10)


def reminder_rows(session: Session) -> list[OutboxMessage]:
    return list(
        session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.kind == FeedbackMessage.ACTION_DUE)
            .order_by(OutboxMessage.id)
            .execution_options(populate_existing=True)
        )
    )


def test_three_reminders_to_the_owner_at_7_days_1_day_and_on_the_day(session: Session) -> None:
    org = make_review_org(session, peers=1)
    cycle, participant = released_olive(session, org)
    data = good_input(org.olive, TODAY, action(org.peers[0], DUE, "Mentor Olive", "mentoring"))
    log_feedback(session, org.boss, cycle, participant, data, NOW)
    queued_on = {}
    for day in range(12):
        at = NOW + timedelta(days=day)
        queued_on[day] = reminders.sweep(session, at) + reminders.sweep(session, at)  # twice: once
    assert {day: n for day, n in queued_on.items() if n} == {3: 1, 9: 1, 10: 1}
    found = reminder_rows(session)
    assert [row.dedupe_key.rsplit(":", 1)[1] for row in found] == ["d-7", "d-1", "d-0"]
    assert {row.person_id for row in found} == {org.peers[0].id}
    assert all(row.working_hours for row in found)


def test_a_done_action_is_not_reminded_and_its_queued_reminders_are_cancelled(session: Session) -> None:
    org = make_review_org(session, peers=1)
    cycle, participant = released_olive(session, org)
    log = log_feedback(
        session, org.boss, cycle, participant, good_input(org.olive, TODAY, action(org.olive, DUE)), NOW
    ).log
    reminders.sweep(session, NOW + timedelta(days=3))
    [queued] = reminder_rows(session)
    mark_done(session, org.boss, actions_of(session, log)[0].id, NOW + timedelta(days=4))
    assert reminder_rows(session)[0].status is OutboxStatus.CANCELLED
    assert reminders.sweep(session, NOW + timedelta(days=9)) == 0
    assert queued.id == reminder_rows(session)[0].id


def test_the_sweep_costs_the_same_statements_at_any_number_of_actions(
    session: Session, count_statements: Any
) -> None:
    org = make_review_org(session, peers=30)
    cycle, participant = released_olive(session, org)
    log_feedback(
        session, org.boss, cycle, participant, good_input(org.olive, TODAY, action(org.olive, DUE)), NOW
    )
    counts = []
    for size in (1, 31):
        for peer in org.peers[: size - 1]:
            found = participant_of(session, cycle, peer)
            assert found is not None
            if found.released_at is None:
                release(session, found, org.hr, NOW)
                data = good_input(peer, TODAY, action(peer, DUE), action(org.boss, DUE))
                log_feedback(session, org.boss, cycle, found, data, NOW)
        session.execute(
            OutboxMessage.__table__.delete().where(OutboxMessage.kind == FeedbackMessage.ACTION_DUE)  # type: ignore[attr-defined]
        )
        with count_statements(session.get_bind()) as counter:
            queued = reminders.sweep(session, NOW + timedelta(days=3))
        assert queued == 1 + 2 * (size - 1)
        counts.append(counter.count)
    assert counts[0] == counts[1] == 3, counts


def test_delivered_in_working_hours_with_a_mark_done_button(session_factory: sessionmaker[Session]) -> None:
    with unit_of_work(session_factory) as session:
        org = make_review_org(session, peers=1)
        cycle, participant = released_olive(session, org)
        log_feedback(
            session, org.boss, cycle, participant, good_input(org.olive, TODAY, action(org.olive, DUE)), NOW
        )
        olive_user = org.olive.slack_user_id
    evening = NOW.replace(hour=22) + timedelta(days=3)  # 7 days before, after working hours
    with unit_of_work(session_factory) as session:
        reminders.sweep(session, evening)
    sender = FakeSender()
    Delivery(session_factory, sender).drain(evening)
    # The manager's DM at release speaks of development actions too: only the reminder starts so.
    reminder = [p for p in sender.posts if p.text.startswith("The development action")]
    assert reminder == [], "not in the evening"
    morning = NOW + timedelta(days=4)
    for second in range(5):
        Delivery(session_factory, sender).drain(morning + timedelta(seconds=second))
    [post] = [p for p in sender.posts if p.text.startswith("The development action")]
    assert post.channel == f"D{olive_user}"
    assert "due in 6 days" in post.text
    buttons = [e for b in post.blocks if b["type"] == "actions" for e in b["elements"]]
    assert [b["action_id"] for b in buttons] == ["feedback_action_done"]
