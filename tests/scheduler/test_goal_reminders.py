"""Goal reminders through the outbox: due in 7 days and in 1 day, check-in prompts on the workspace's
cadence, proposals waiting for approval; moot ones skipped at delivery, the same SQL at any size."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from models.db import unit_of_work
from models.goals import Goal, GoalLevel, GoalStatus, update_goal_settings
from models.messaging import MessageKind, OutboxMessage, OutboxStatus
from models.people import Person, Role
from models.workspace import Workspace
from scheduler.clock import run_sweep
from scheduler.jobs.goals import reminders as goal_reminders
from tests.conftest import StatementCounter
from tests.factories import make_goal, make_person
from tests.scheduler.helpers import LONG_AGO, MONDAY, Org, make_org

TODAY = MONDAY.date()  # Monday 2026-11-23
ACTIVATED = MONDAY - timedelta(days=2)  # recently enough that no check-in is due yet


def goal(session: Session, owner: Person | None, workspace: Workspace | None = None, **fields: Any) -> Goal:
    """A goal agreed two days ago (no check-in due yet), due well after the week under test."""
    fields.setdefault("activated_at", ACTIVATED)
    fields.setdefault("due_date", date(2027, 6, 30))
    home = workspace or (session.get(Workspace, owner.workspace_id) if owner else None)
    assert home is not None
    return make_goal(session, home, owner=owner, **fields)


def queued(session: Session, kind: MessageKind) -> set[tuple[int | None, str]]:
    """(recipient, dedupe key) of every row of this kind."""
    found = session.execute(
        select(OutboxMessage.person_id, OutboxMessage.dedupe_key).where(OutboxMessage.kind == kind)
    )
    return {(person_id, key) for person_id, key in found}


@pytest.fixture
def org(session: Session) -> Org:
    return make_org(session, reports=2)


# -- sweeps ----------------------------------------------------------------------------------------


def test_running_the_sweep_twice_queues_nothing_new(session: Session, org: Org) -> None:
    ana, _ = org.reports
    goal(session, ana, due_date=TODAY + timedelta(days=7))
    goal(session, ana, due_date=TODAY + timedelta(days=1))
    goal(session, ana, activated_at=MONDAY - timedelta(days=10))
    goal(session, ana, status=GoalStatus.PROPOSED, proposed_at=MONDAY - timedelta(days=4))
    assert goal_reminders.sweep(session, MONDAY) == 4  # due in 7 days, in 1 day, a check-in, an approval
    assert goal_reminders.sweep(session, MONDAY) == 0
    assert goal_reminders.sweep(session, MONDAY + timedelta(hours=5)) == 0


def test_due_in_7_days_and_in_1_day_go_to_the_owner(session: Session, org: Org) -> None:
    ana, ben = org.reports
    week = goal(session, ana, due_date=TODAY + timedelta(days=7))
    tomorrow = goal(session, ben, due_date=TODAY + timedelta(days=1))
    goal(session, ana, due_date=TODAY + timedelta(days=6))
    goal(session, ana, due_date=TODAY + timedelta(days=7), status=GoalStatus.COMPLETED)
    goal(session, ana, due_date=TODAY + timedelta(days=7), status=GoalStatus.PROPOSED)
    goal(session, None, org.workspace, level=GoalLevel.COMPANY, due_date=TODAY + timedelta(days=7))
    gone = make_person(session, org.workspace, "UGONE", active=False, created_at=LONG_AGO)
    goal(session, gone, due_date=TODAY + timedelta(days=1))
    other = make_org(session, reports=1, team_id="T002")
    elsewhere = goal(session, other.reports[0], due_date=TODAY + timedelta(days=7))

    goal_reminders.sweep(session, MONDAY)

    assert queued(session, MessageKind.GOAL_DUE) == {
        (ana.id, f"goal:{week.id}:due-7d:2026-11-30"),
        (ben.id, f"goal:{tomorrow.id}:due-1d:2026-11-24"),
        (other.reports[0].id, f"goal:{elsewhere.id}:due-7d:2026-11-30"),
    }
    reminder = session.scalars(
        select(OutboxMessage).where(OutboxMessage.dedupe_key == f"goal:{week.id}:due-7d:2026-11-30")
    ).one()
    assert reminder.workspace_id == org.workspace.id
    assert reminder.payload == {"goal_id": week.id, "due": "2026-11-30", "days": 7}
    assert (reminder.not_before, reminder.working_hours, reminder.status) == (
        MONDAY,
        True,
        OutboxStatus.QUEUED,
    )
    before = queued(session, MessageKind.GOAL_DUE)
    # Six days later the 7-day reminders are not repeated; the 1-day ones come on their day.
    goal_reminders.sweep(session, MONDAY + timedelta(days=6))
    assert queued(session, MessageKind.GOAL_DUE) - before == {
        (ana.id, f"goal:{week.id}:due-1d:2026-11-30"),
        (other.reports[0].id, f"goal:{elsewhere.id}:due-1d:2026-11-30"),
    }


def test_a_new_due_date_is_a_new_occasion(session: Session, org: Org) -> None:
    ana = org.reports[0]
    moved = goal(session, ana, due_date=TODAY + timedelta(days=7))
    goal_reminders.sweep(session, MONDAY)
    moved.due_date = TODAY + timedelta(days=14)
    session.flush()
    goal_reminders.sweep(session, MONDAY + timedelta(days=7))
    assert {key for _, key in queued(session, MessageKind.GOAL_DUE)} == {
        f"goal:{moved.id}:due-7d:2026-11-30",
        f"goal:{moved.id}:due-7d:2026-12-07",
    }


def test_a_check_in_prompt_only_for_goals_without_a_recent_check_in(session: Session, org: Org) -> None:
    ana, ben = org.reports
    stale = goal(session, ana, last_checkin_at=MONDAY - timedelta(days=8))
    never = goal(session, ben, activated_at=MONDAY - timedelta(days=10))
    goal(session, ana, last_checkin_at=MONDAY - timedelta(days=2))  # checked in recently
    goal(session, ana, activated_at=MONDAY - timedelta(days=1))  # just agreed
    goal(session, ana, status=GoalStatus.PROPOSED, activated_at=None, created_at=LONG_AGO)
    goal(session, ana, status=GoalStatus.CANCELLED, last_checkin_at=LONG_AGO)

    goal_reminders.sweep(session, MONDAY)

    # The key names the day the cadence ran out, counted from the last check-in (or activation).
    assert queued(session, MessageKind.GOAL_CHECKIN) == {
        (ben.id, f"goal:{never.id}:checkin:2026-11-20"),
        (ana.id, f"goal:{stale.id}:checkin:2026-11-22"),
    }
    [prompt] = session.scalars(select(OutboxMessage).where(OutboxMessage.subject_id == ana.id)).all()
    assert prompt.payload == {"goal_id": stale.id, "days": 7}


def test_check_in_prompts_come_once_per_cadence_period_and_a_check_in_restarts_the_count(
    session: Session, org: Org
) -> None:
    ana = org.reports[0]
    quiet = goal(session, ana, last_checkin_at=MONDAY - timedelta(days=7, hours=1))
    assert goal_reminders.sweep(session, MONDAY) == 1
    # Every day of the next week (ISO week boundary included): nothing new.
    for day in range(1, 7):
        assert goal_reminders.sweep(session, MONDAY + timedelta(days=day)) == 0, day
    # Still silent a whole period later: the next prompt.
    assert goal_reminders.sweep(session, MONDAY + timedelta(days=7)) == 1
    # A check-in starts the count afresh.
    quiet.last_checkin_at = MONDAY + timedelta(days=8)
    session.flush()
    for day in range(8, 15):
        assert goal_reminders.sweep(session, MONDAY + timedelta(days=day, hours=3)) == 0, day
    assert goal_reminders.sweep(session, MONDAY + timedelta(days=15, hours=3)) == 1
    assert {key for _, key in queued(session, MessageKind.GOAL_CHECKIN)} == {
        f"goal:{quiet.id}:checkin:2026-11-23",
        f"goal:{quiet.id}:checkin:2026-11-30",
        f"goal:{quiet.id}:checkin:2026-12-08",
    }


def test_the_check_in_cadence_is_the_workspaces_setting(session: Session, org: Org) -> None:
    ana = org.reports[0]
    hr = make_person(session, org.workspace, "UHR", role=Role.HR_ADMIN, created_at=LONG_AGO)
    update_goal_settings(session, org.workspace, hr, progress_threshold="10", checkin_cadence_days="14")
    goal(session, ana, last_checkin_at=MONDAY - timedelta(days=10))
    fortnight = goal(session, ana, last_checkin_at=MONDAY - timedelta(days=15))
    other = make_org(session, reports=1, team_id="T002")  # the default: 7 days
    weekly = goal(session, other.reports[0], last_checkin_at=MONDAY - timedelta(days=10))

    goal_reminders.sweep(session, MONDAY)

    assert queued(session, MessageKind.GOAL_CHECKIN) == {
        (other.reports[0].id, f"goal:{weekly.id}:checkin:2026-11-20"),
        (ana.id, f"goal:{fortnight.id}:checkin:2026-11-22"),
    }
    assert session.scalars(select(OutboxMessage.payload).where(OutboxMessage.person_id == ana.id)).one() == {
        "goal_id": fortnight.id,
        "days": 14,
    }


def test_a_proposal_waiting_more_than_3_days_reminds_the_approver_once_per_proposal(
    session: Session, org: Org
) -> None:
    ana, ben = org.reports
    hr = make_person(session, org.workspace, "UHR", role=Role.HR_ADMIN, created_at=LONG_AGO)
    solo = make_person(session, org.workspace, "USOLO", created_at=LONG_AGO)  # no manager: HR decides
    waiting = goal(session, ana, status=GoalStatus.PROPOSED, proposed_at=MONDAY - timedelta(days=3, hours=1))
    goal(session, ben, status=GoalStatus.PROPOSED, proposed_at=MONDAY - timedelta(days=2, hours=23))
    unmanaged = goal(session, solo, status=GoalStatus.PROPOSED, proposed_at=MONDAY - timedelta(days=5))
    gone = make_person(session, org.workspace, "UGONE", manager=org.manager, active=False)
    goal(session, gone, status=GoalStatus.PROPOSED, proposed_at=MONDAY - timedelta(days=5))

    goal_reminders.sweep(session, MONDAY)

    stamp = int(waiting.proposed_at.timestamp())  # type: ignore[union-attr]
    solo_stamp = int(unmanaged.proposed_at.timestamp())  # type: ignore[union-attr]
    assert queued(session, MessageKind.GOAL_APPROVAL) == {
        (org.manager.id, f"goal:{waiting.id}:approval:{stamp}:person:{org.manager.id}"),
        (hr.id, f"goal:{unmanaged.id}:approval:{solo_stamp}:person:{hr.id}"),
    }
    reminder = session.scalars(select(OutboxMessage).where(OutboxMessage.person_id == org.manager.id)).one()
    assert (reminder.subject_id, reminder.payload) == (ana.id, {"goal_id": waiting.id, "proposed": stamp})
    assert goal_reminders.sweep(session, MONDAY + timedelta(days=2)) == 1  # Ben's, now over 3 days

    # Sent back and proposed again: a new waiting period, reminded again after 3 more days.
    waiting.status, waiting.proposed_at = GoalStatus.PROPOSED, MONDAY + timedelta(days=1)
    session.flush()
    assert goal_reminders.sweep(session, MONDAY + timedelta(days=3)) == 0
    assert goal_reminders.sweep(session, MONDAY + timedelta(days=4, hours=1)) == 1
    assert len(queued(session, MessageKind.GOAL_APPROVAL)) == 4


def grow_goals(session_factory: sessionmaker[Session], goals: int, team_id: str) -> None:
    """`goals` goals of every kind a reminder is about, over 10 owners with one manager."""
    with unit_of_work(session_factory) as session:
        org = make_org(session, reports=10, team_id=team_id)
        for index in range(goals):
            owner = org.reports[index % 10]
            shape = index % 4
            make_goal(
                session,
                org.workspace,
                owner=owner,
                due_date=TODAY + timedelta(days=(7, 1, 30, 30)[shape]),
                status=GoalStatus.PROPOSED if shape == 3 else GoalStatus.ACTIVE,
                proposed_at=MONDAY - timedelta(days=5) if shape == 3 else None,
                activated_at=None if shape == 3 else MONDAY - timedelta(days=2 if shape < 2 else 9),
                flush=False,
            )


def test_the_sweep_issues_the_same_statements_at_10_and_500_goals(
    engine: Engine, session_factory: sessionmaker[Session], count_statements: type[StatementCounter]
) -> None:
    grow_goals(session_factory, 10, "T10")
    with count_statements(engine) as small:
        queued_small = run_sweep(session_factory, goal_reminders.JOB, MONDAY)
    with unit_of_work(session_factory) as session:
        session.execute(OutboxMessage.__table__.delete())
        session.execute(Goal.__table__.delete())
    grow_goals(session_factory, 500, "T500")  # a second workspace; T10 stays, without goals
    with unit_of_work(session_factory) as session:
        session.execute(Workspace.__table__.delete().where(Workspace.team_id == "T10"))
    with count_statements(engine) as large:
        queued_large = run_sweep(session_factory, goal_reminders.JOB, MONDAY)
    assert (queued_small, queued_large) == (10, 500)
    assert large.count == small.count, (small.statements, large.statements)


# -- delivery --------------------------------------------------------------------------------------


def test_a_proposal_whose_approver_has_left_reminds_hr(session: Session, org: Org) -> None:
    ana, _ben = org.reports
    hr = make_person(session, org.workspace, "UHR", role=Role.HR_ADMIN, created_at=LONG_AGO)
    waiting = goal(session, ana, status=GoalStatus.PROPOSED, proposed_at=MONDAY - timedelta(days=4))
    org.manager.active = False
    session.flush()

    goal_reminders.sweep(session, MONDAY)

    stamp = int(waiting.proposed_at.timestamp())  # type: ignore[union-attr]
    assert queued(session, MessageKind.GOAL_APPROVAL) == {
        (hr.id, f"goal:{waiting.id}:approval:{stamp}:person:{hr.id}"),
    }
