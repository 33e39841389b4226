"""What the scheduler asks: goals due soon, goals without a recent check-in, proposals waiting."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session

from models.goal_reminders import goals_due_in, goals_without_checkin, proposals_waiting
from models.goal_settings import update_goal_settings
from models.goals import GoalLevel, GoalStatus
from tests.factories import make_goal
from tests.goals.conftest import NOW, TODAY, Org, build_org


def test_goals_due_in_seven_days_and_in_one_day(session: Session, org: Org) -> None:
    week = make_goal(session, org.workspace, owner=org.olive, due_date=TODAY + timedelta(days=7))
    tomorrow = make_goal(session, org.workspace, owner=org.peer, due_date=TODAY + timedelta(days=1))
    make_goal(session, org.workspace, owner=org.olive, due_date=TODAY + timedelta(days=6))
    make_goal(
        session,
        org.workspace,
        owner=org.olive,
        due_date=TODAY + timedelta(days=7),
        status=GoalStatus.COMPLETED,
    )
    make_goal(session, org.workspace, level=GoalLevel.COMPANY, due_date=TODAY + timedelta(days=7))
    other = build_org(session, "T002")
    make_goal(session, other.workspace, owner=other.olive, due_date=TODAY + timedelta(days=7))

    assert [(r.goal.id, r.recipient) for r in goals_due_in(session, org.workspace.id, now=NOW, days=7)] == [
        (week.id, org.olive)
    ]
    assert [(r.goal.id, r.recipient) for r in goals_due_in(session, org.workspace.id, now=NOW, days=1)] == [
        (tomorrow.id, org.peer)
    ]


def test_active_goals_without_a_recent_check_in(session: Session, org: Org) -> None:
    stale = make_goal(session, org.workspace, owner=org.olive, last_checkin_at=NOW - timedelta(days=8))
    never = make_goal(session, org.workspace, owner=org.peer, activated_at=NOW - timedelta(days=10))
    make_goal(session, org.workspace, owner=org.olive, last_checkin_at=NOW - timedelta(days=2))
    make_goal(session, org.workspace, owner=org.olive, activated_at=NOW - timedelta(days=1))
    make_goal(
        session,
        org.workspace,
        owner=org.olive,
        status=GoalStatus.PROPOSED,
        activated_at=NOW - timedelta(days=30),
    )

    assert {r.goal.id for r in goals_without_checkin(session, org.workspace.id, now=NOW)} == {
        stale.id,
        never.id,
    }
    assert {r.goal.id for r in goals_without_checkin(session, org.workspace.id, now=NOW, days=9)} == {
        never.id
    }
    update_goal_settings(session, org.workspace, org.hr, progress_threshold="10", checkin_cadence_days="14")
    assert goals_without_checkin(session, org.workspace.id, now=NOW) == []


def test_proposals_waiting_more_than_three_days_for_their_approver(session: Session, org: Org) -> None:
    waiting = make_goal(
        session,
        org.workspace,
        owner=org.olive,
        status=GoalStatus.PROPOSED,
        proposed_at=NOW - timedelta(days=4),
    )
    unmanaged = make_goal(
        session,
        org.workspace,
        owner=org.other,
        status=GoalStatus.PROPOSED,
        proposed_at=NOW - timedelta(days=5),
    )
    make_goal(
        session,
        org.workspace,
        owner=org.peer,
        status=GoalStatus.PROPOSED,
        proposed_at=NOW - timedelta(days=2),
    )

    reminders = proposals_waiting(session, org.workspace.id, now=NOW)

    assert [(r.goal.id, r.owner, r.approver) for r in reminders] == [
        (unmanaged.id, org.other, None),
        (waiting.id, org.olive, org.boss),
    ]
