"""Check-ins: history, alerts to the manager, and small wins recorded for recognition."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.errors import DomainError, PermissionDenied
from models.goals import (
    CheckinInput,
    GoalCheckin,
    GoalHealth,
    GoalKind,
    GoalLevel,
    GoalStatus,
    MetricDirection,
    NoticeKind,
    check_in,
    checkin_history,
    goal_settings,
    update_goal_settings,
)
from models.i18n import translator
from models.praise import PositiveSignal
from tests.factories import make_goal
from tests.goals.conftest import NOW, Org


def checkin_count(session: Session) -> int:
    return session.scalar(select(func.count(GoalCheckin.id))) or 0


def signals(session: Session) -> list[PositiveSignal]:
    return list(session.scalars(select(PositiveSignal).order_by(PositiveSignal.id)))


def test_a_check_in_records_the_value_and_keeps_the_history(session: Session, org: Org) -> None:
    goal = make_goal(
        session, org.workspace, owner=org.olive, baseline=15, target=10, direction=MetricDirection.DECREASE
    )

    first = check_in(
        session,
        org.workspace,
        org.olive,
        goal.id,
        CheckinInput(status="on_track", value="13", note="New triage", blockers="None"),
        now=NOW,
    )
    check_in(
        session,
        org.workspace,
        org.olive,
        goal.id,
        CheckinInput(status=GoalHealth.ON_TRACK, value="12"),
        now=NOW + timedelta(days=7),
    )

    assert (goal.current, goal.health) == (12, GoalHealth.ON_TRACK)
    assert goal.progress == pytest.approx(60)
    assert goal.last_checkin_at == NOW + timedelta(days=7)
    assert (first.checkin.value_before, first.checkin.value, first.checkin.note) == (15, 13, "New triage")
    history = checkin_history(session, org.workspace, org.boss, goal.id)
    assert [(c.value, author.id if author else None) for c, author in history.checkins] == [
        (12, org.olive.id),
        (13, org.olive.id),
    ]
    assert [c.progress_after for c, _ in history.checkins] == [pytest.approx(60), pytest.approx(40)]


def test_turning_at_risk_tells_the_manager_once(session: Session, org: Org) -> None:
    goal = make_goal(session, org.workspace, owner=org.olive)

    at_risk = check_in(
        session,
        org.workspace,
        org.olive,
        goal.id,
        CheckinInput(status="at_risk", value="5", note="Lost a deal"),
        now=NOW,
    )
    assert at_risk.manager_to_alert == org.boss
    assert [(n.kind, n.recipient, n.comment) for n in at_risk.notices] == [
        (NoticeKind.GOAL_TROUBLED, org.boss, "Lost a deal")
    ]
    still = check_in(
        session, org.workspace, org.olive, goal.id, CheckinInput(status="at_risk", value="6"), now=NOW
    )
    assert still.manager_to_alert is None
    worse = check_in(
        session, org.workspace, org.olive, goal.id, CheckinInput(status="off_track", value="6"), now=NOW
    )
    assert worse.manager_to_alert == org.boss
    better = check_in(
        session, org.workspace, org.olive, goal.id, CheckinInput(status="on_track", value="9"), now=NOW
    )
    assert better.notices == []


def test_a_manager_checking_in_is_not_told_about_their_own_alert(session: Session, org: Org) -> None:
    goal = make_goal(session, org.workspace, owner=org.olive)
    outcome = check_in(
        session, org.workspace, org.boss, goal.id, CheckinInput(status="off_track", value="1"), now=NOW
    )
    assert outcome.notices == [] and goal.health is GoalHealth.OFF_TRACK


def test_real_progress_records_a_positive_signal(session: Session, org: Org) -> None:
    goal = make_goal(session, org.workspace, owner=org.olive, title="Cut response time", current=40)

    outcome = check_in(
        session, org.workspace, org.olive, goal.id, CheckinInput(status="on_track", value="65"), now=NOW
    )

    assert outcome.signal is not None
    (signal,) = signals(session)
    assert (signal.person_id, signal.kind, signal.occurred_at) == (org.olive.id, "goal_progress", NOW)
    assert signal.params == {"name": "Olive", "goal": "Cut response time", "before": "40%", "after": "65%"}
    assert translator("en")(signal.message, **signal.params) == (
        "Olive moved Cut response time from 40% to 65% this week"  # the nudge sets the title apart
    )


def test_small_steps_and_steps_beyond_the_bar_are_not_a_win(session: Session, org: Org) -> None:
    goal = make_goal(session, org.workspace, owner=org.olive, current=95)
    assert (
        check_in(
            session, org.workspace, org.olive, goal.id, CheckinInput(status="on_track", value="99"), now=NOW
        ).signal
        is None
    )
    # From 99 to 300 is real, but only the step up to the full bar counts: 1 point.
    assert (
        check_in(
            session, org.workspace, org.olive, goal.id, CheckinInput(status="on_track", value="300"), now=NOW
        ).signal
        is None
    )
    assert signals(session) == []


def test_the_progress_threshold_is_a_workspace_setting(session: Session, org: Org) -> None:
    assert goal_settings(session, org.workspace.id).progress_threshold == 10
    update_goal_settings(session, org.workspace, org.hr, progress_threshold="3", checkin_cadence_days="14")
    assert goal_settings(session, org.workspace.id).checkin_cadence_days == 14
    goal = make_goal(session, org.workspace, owner=org.olive)
    outcome = check_in(
        session, org.workspace, org.olive, goal.id, CheckinInput(status="on_track", value="4"), now=NOW
    )
    assert outcome.signal is not None


def test_only_hr_changes_goal_settings_and_values_are_checked(session: Session, org: Org) -> None:
    with pytest.raises(PermissionDenied):
        update_goal_settings(
            session, org.workspace, org.boss, progress_threshold="5", checkin_cadence_days="7"
        )
    with pytest.raises(DomainError) as caught:
        update_goal_settings(
            session, org.workspace, org.hr, progress_threshold="0", checkin_cadence_days="2.5"
        )
    assert {p.field for p in caught.value.problems} == {"progress_threshold", "checkin_cadence_days"}


def test_a_milestone_done_completes_the_goal_and_is_a_win(session: Session, org: Org) -> None:
    goal = make_goal(session, org.workspace, owner=org.olive, kind=GoalKind.MILESTONE, title="Launch the app")

    outcome = check_in(
        session, org.workspace, org.olive, goal.id, CheckinInput(status="on_track", done=True), now=NOW
    )

    assert (goal.status, goal.done, goal.progress, goal.closed_at) == (GoalStatus.COMPLETED, True, 100, NOW)
    assert outcome.signal is not None and outcome.signal.kind == "goal_completed"
    assert (
        translator("en")(outcome.signal.message, **outcome.signal.params) == "Olive completed Launch the app"
    )
    assert len(signals(session)) == 1


def test_a_metric_goal_is_completed_by_a_final_check_in(session: Session, org: Org) -> None:
    goal = make_goal(session, org.workspace, owner=org.olive, current=90)
    outcome = check_in(
        session,
        org.workspace,
        org.olive,
        goal.id,
        CheckinInput(status="on_track", value="97", complete=True),
        now=NOW,
    )
    assert goal.status is GoalStatus.COMPLETED and outcome.signal is not None
    assert outcome.signal.kind == "goal_completed"


@pytest.mark.parametrize(
    "status", [GoalStatus.CANCELLED, GoalStatus.COMPLETED, GoalStatus.PROPOSED, GoalStatus.DRAFT]
)
def test_closed_or_unagreed_goals_take_no_check_in(session: Session, org: Org, status: GoalStatus) -> None:
    goal = make_goal(session, org.workspace, owner=org.olive, status=status, current=10)
    with pytest.raises(DomainError) as caught:
        check_in(
            session, org.workspace, org.olive, goal.id, CheckinInput(status="on_track", value="50"), now=NOW
        )
    assert caught.value.problems[0].field == "goal"
    assert (goal.current, goal.health, checkin_count(session)) == (10, None, 0)


@pytest.mark.parametrize(
    "data,field",
    [
        (CheckinInput(status="on_track", value="plenty"), "value"),
        (CheckinInput(status="on_track", value="inf"), "value"),
        (CheckinInput(status="on_track", value=""), "value"),
        (CheckinInput(status=None, value="5"), "status"),
        (CheckinInput(status="fine", value="5"), "status"),
        (CheckinInput(status="on_track", value="5", note="n" * 3001), "note"),
    ],
)
def test_bad_check_ins_are_refused_on_their_field(
    session: Session, org: Org, data: CheckinInput, field: str
) -> None:
    goal = make_goal(session, org.workspace, owner=org.olive, current=10)
    with pytest.raises(DomainError) as caught:
        check_in(session, org.workspace, org.olive, goal.id, data, now=NOW)
    assert [p.field for p in caught.value.problems] == [field]
    assert (goal.current, checkin_count(session)) == (10, 0)


def test_only_the_owner_and_their_manager_check_in_on_an_individual_goal(session: Session, org: Org) -> None:
    goal = make_goal(session, org.workspace, owner=org.olive)
    for who in (org.peer, org.other, org.hr, org.tina):
        with pytest.raises(PermissionDenied):
            check_in(
                session, org.workspace, who, goal.id, CheckinInput(status="on_track", value="5"), now=NOW
            )
    assert checkin_count(session) == 0


def test_the_manager_of_a_team_goals_owner_hears_when_it_slips(session: Session, org: Org) -> None:
    goal = make_goal(session, org.workspace, level=GoalLevel.TEAM, owner=org.tina)
    outcome = check_in(
        session, org.workspace, org.tina, goal.id, CheckinInput(status="at_risk", value="5"), now=NOW
    )
    assert outcome.manager_to_alert == org.boss
