"""The feedback log's rules: on the field validation, only after release, locked once acknowledged,
actions kept in their slots, comments and acknowledgement (manager told), Mark done; all audited."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from models.audit import AuditEntry
from models.errors import DomainError, PermissionDenied
from models.feedback import (
    ActionInput,
    DevelopmentAction,
    FeedbackComment,
    FeedbackInput,
    FeedbackMessage,
    acknowledge_log,
    actions_of,
    comment_on_log,
    log_feedback,
    mark_done,
)
from models.messaging import OutboxMessage
from models.reviews import participant_of
from tests.feedback.helpers import NOW, action, good_input, make_review_org, release, released_olive
from tests.reviews.helpers import launched_cycle

TODAY = NOW.date()


def fields(error: DomainError) -> set[str]:
    return {problem.field for problem in error.problems if problem.field}


def test_every_problem_is_on_its_field(session: Session) -> None:
    org = make_review_org(session, peers=1)
    cycle, participant = released_olive(session, org)
    data = FeedbackInput(
        held_on=TODAY + timedelta(days=1),
        actions=[
            ActionInput(
                description="", owner_id=org.olive.id, kind="training", due_on=TODAY + timedelta(days=30)
            ),
            ActionInput(),  # an empty slot is no action
            ActionInput(description="Mentoring", owner_id=999_999, kind="bogus", due_on=None),
        ],
    )
    with pytest.raises(DomainError) as raised:
        log_feedback(session, org.boss, cycle, participant, data, NOW)
    assert fields(raised.value) == {
        "held_on",
        "notes",
        "action:0:description",
        "action:2:owner",
        "action:2:kind",
        "action:2:due",
    }
    data = FeedbackInput(
        held_on=TODAY,
        notes="x",
        actions=[action(org.olive, TODAY)],  # due on the day of the meeting
    )
    with pytest.raises(DomainError) as raised:
        log_feedback(session, org.boss, cycle, participant, data, NOW)
    assert fields(raised.value) == {"action:0:due"}
    assert session.scalars(select(DevelopmentAction)).all() == []


def test_refused_before_release_and_to_anyone_but_the_reviewing_manager(session: Session) -> None:
    org = make_review_org(session, peers=1)
    cycle = launched_cycle(session, org)
    participant = participant_of(session, cycle, org.olive)
    assert participant is not None
    with pytest.raises(PermissionDenied):
        log_feedback(session, org.boss, cycle, participant, good_input(org.olive), NOW)
    release(session, participant, org.hr, NOW)
    for someone in (org.olive, org.hr, org.peers[0]):
        with pytest.raises(PermissionDenied):
            log_feedback(session, someone, cycle, participant, good_input(org.olive), NOW)


def test_log_change_keeps_slots_and_the_employee_is_sent_it_each_time(session: Session) -> None:
    org = make_review_org(session, peers=1)
    cycle, participant = released_olive(session, org)
    first = good_input(
        org.olive,
        TODAY,
        action(org.olive, TODAY + timedelta(days=30)),
        action(org.boss, TODAY + timedelta(days=60)),
    )
    change = log_feedback(session, org.boss, cycle, participant, first, NOW)
    assert change.created and len(change.messages) == 1
    [kept, dropped] = actions_of(session, change.log)
    mark_done(session, org.olive, kept.id, NOW)
    second = good_input(org.olive, TODAY, action(org.olive, TODAY + timedelta(days=40), "Course, longer"))
    log_feedback(session, org.boss, cycle, participant, second, NOW + timedelta(minutes=1))
    [still] = actions_of(session, change.log)
    assert still.id == kept.id and still.description == "Course, longer" and still.done_at is not None
    assert session.get(DevelopmentAction, dropped.id) is None
    sent = session.scalars(select(OutboxMessage).where(OutboxMessage.kind == FeedbackMessage.LOGGED)).all()
    assert [m.person_id for m in sent] == [org.olive.id, org.olive.id]
    audit = session.scalars(select(AuditEntry.action).where(AuditEntry.entity_type == "feedback_log")).all()
    assert audit == ["feedback.log", "feedback.change"]
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "feedback.log")).one()
    assert "Speak up" not in str(entry.after), "the audit keeps no conversation text"


def test_comment_and_acknowledge_tell_the_manager_and_acknowledging_locks_the_log(session: Session) -> None:
    org = make_review_org(session, peers=1)
    cycle, participant = released_olive(session, org)
    log = log_feedback(session, org.boss, cycle, participant, good_input(org.olive), NOW).log
    with pytest.raises(PermissionDenied):
        comment_on_log(session, org.boss, log.id, "mine", NOW)
    with pytest.raises(DomainError) as raised:
        comment_on_log(session, org.olive, log.id, "  ", NOW)
    assert fields(raised.value) == {"comment"}
    assert len(comment_on_log(session, org.olive, log.id, "I see it differently", NOW).messages) == 1
    assert len(acknowledge_log(session, org.olive, log.id, NOW).messages) == 1
    assert acknowledge_log(session, org.olive, log.id, NOW).messages == [], "told once"
    told = session.scalars(
        select(OutboxMessage.kind)
        .where(OutboxMessage.person_id == org.boss.id, OutboxMessage.kind.startswith("feedback."))
        .order_by(OutboxMessage.id)
    ).all()
    assert told == [FeedbackMessage.COMMENTED, FeedbackMessage.ACKNOWLEDGED]
    with pytest.raises(DomainError, match="acknowledged"):
        log_feedback(session, org.boss, cycle, participant, good_input(org.olive), NOW)
    comment_on_log(session, org.olive, log.id, "Later thought", NOW)  # comments still join the log
    assert len(session.scalars(select(FeedbackComment)).all()) == 2


def test_mark_done_by_owner_or_manager_only(session: Session) -> None:
    org = make_review_org(session, peers=2)
    cycle, participant = released_olive(session, org)
    data = good_input(
        org.olive, TODAY, action(org.peers[0], TODAY + timedelta(days=10), "Mentor Olive", "mentoring")
    )
    log = log_feedback(session, org.boss, cycle, participant, data, NOW).log
    [item] = actions_of(session, log)
    for someone in (org.olive, org.hr, org.peers[1]):
        with pytest.raises(PermissionDenied):
            mark_done(session, someone, item.id, NOW)
    assert mark_done(session, org.peers[0], item.id, NOW).done_by_id == org.peers[0].id
    assert session.scalars(
        select(AuditEntry.action).where(AuditEntry.entity_type == "development_action")
    ).all() == ["feedback.action_done"]
