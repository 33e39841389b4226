"""Sweeps decide what to send: idempotent, set-based, and the same SQL whatever the headcount."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from models.db import unit_of_work
from models.messaging import MessageKind, OutboxMessage, OutboxStatus, enqueue_welcome, enqueue_welcomes
from models.people import Role
from models.workspace import Workspace
from scheduler.clock import run_sweep
from scheduler.jobs import JOBS
from scheduler.jobs.praise import digest as recognition_digest
from scheduler.jobs.praise import nudge as praise_nudge
from tests.conftest import StatementCounter
from tests.factories import make_person
from tests.scheduler.helpers import LONG_AGO, MONDAY, make_org, praise


def nudges(session: Session) -> list[OutboxMessage]:
    return list(
        session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.kind == MessageKind.PRAISE_NUDGE)
            .order_by(OutboxMessage.id)
        )
    )


def test_a_manager_is_nudged_about_each_report_nobody_recognised(session: Session) -> None:
    org = make_org(session, reports=4)
    praised, forgotten, gone, new = org.reports
    praise(session, org.manager, [praised], MONDAY - timedelta(days=5))
    praise(session, org.manager, [forgotten], MONDAY - timedelta(days=30))  # too long ago to count
    gone.active = False
    new.created_at = MONDAY - timedelta(days=3)  # has not been around for 21 days yet
    session.flush()

    assert praise_nudge.sweep(session, MONDAY) == 1
    [nudge] = nudges(session)
    assert (nudge.person_id, nudge.subject_id, nudge.status) == (
        org.manager.id,
        forgotten.id,
        OutboxStatus.QUEUED,
    )
    assert nudge.dedupe_key == f"nudge:praise:manager:{org.manager.id}:report:{forgotten.id}:2026-W48"
    assert nudge.payload == {"days": 21, "week": "2026-W48"}
    assert (nudge.not_before, nudge.working_hours) == (MONDAY, True)


def test_running_a_sweep_twice_queues_nothing_new(session: Session) -> None:
    make_org(session, reports=3)
    assert praise_nudge.sweep(session, MONDAY) == 3
    assert praise_nudge.sweep(session, MONDAY) == 0
    assert praise_nudge.sweep(session, MONDAY + timedelta(days=4)) == 0  # same ISO week
    assert praise_nudge.sweep(session, MONDAY + timedelta(days=7)) == 3  # next week: nudged again


def test_every_sweep_run_twice_queues_nothing_new(session_factory: sessionmaker[Session]) -> None:
    with unit_of_work(session_factory) as session:
        org = make_org(session, reports=2, recognition_channel_id="CRECOG")
        praise(session, org.manager, [org.reports[0]], MONDAY - timedelta(days=3), ["craft"])
    friday = MONDAY + timedelta(days=4, hours=6)  # 16:00 UTC, after the digest's 15:00
    first = [run_sweep(session_factory, job, friday) for job in JOBS]
    second = [run_sweep(session_factory, job, friday) for job in JOBS]
    assert sum(first) == 2  # one nudge (the other report was praised) and one digest
    assert second == [0] * len(JOBS)


def test_muted_managers_and_settings_are_respected(session: Session) -> None:
    org = make_org(session, reports=2, nudge_after_days=7)
    praise(session, org.manager, [org.reports[0]], MONDAY - timedelta(days=10))
    other = make_org(session, reports=1, team_id="T002")
    other.manager.mute_nudges = True
    session.flush()
    assert (
        praise_nudge.sweep(session, MONDAY) == 2
    )  # both reports of the unmuted manager, nothing for the muted
    assert {n.payload["days"] for n in nudges(session)} == {7}
    assert {n.workspace_id for n in nudges(session)} == {org.workspace.id}


def test_each_workspace_is_swept_on_its_own_people_and_praise(session: Session) -> None:
    one = make_org(session, reports=2, team_id="T001")
    two = make_org(session, reports=2, team_id="T002", nudge_after_days=7)
    praise(session, two.manager, two.reports, MONDAY - timedelta(days=1))
    assert praise_nudge.sweep(session, MONDAY) == 2
    assert {(n.workspace_id, n.person_id) for n in nudges(session)} == {(one.workspace.id, one.manager.id)}


def test_the_digest_is_queued_once_per_week_after_its_hour(session: Session) -> None:
    org = make_org(session, reports=0, recognition_channel_id="CRECOG", timezone="Asia/Tokyo")
    friday_1400_tokyo = datetime(2026, 11, 27, 14, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
    assert recognition_digest.sweep(session, friday_1400_tokyo) == 0  # last week's moment is past its grace
    friday_1500_tokyo = friday_1400_tokyo + timedelta(hours=1)
    assert recognition_digest.sweep(session, friday_1500_tokyo) == 1
    assert recognition_digest.sweep(session, friday_1500_tokyo + timedelta(hours=5)) == 0
    [digest] = session.scalars(
        select(OutboxMessage).where(OutboxMessage.kind == MessageKind.RECOGNITION_DIGEST)
    )
    assert (digest.channel_id, digest.person_id, digest.workspace_id) == ("CRECOG", None, org.workspace.id)
    assert digest.not_before == friday_1500_tokyo
    assert digest.payload == {
        "since": (friday_1500_tokyo - timedelta(days=7)).astimezone(UTC).isoformat(),
        "until": friday_1500_tokyo.astimezone(UTC).isoformat(),
    }


def test_no_recognition_channel_no_digest(session: Session) -> None:
    make_org(session, reports=1)
    assert recognition_digest.sweep(session, MONDAY + timedelta(days=4, hours=6)) == 0


def test_the_digest_moment_is_the_latest_one_not_after_now() -> None:
    tokyo = ZoneInfo("Asia/Tokyo")
    moment = recognition_digest.digest_moment(datetime(2026, 11, 30, 1, 0, tzinfo=UTC), tokyo, 4, 15)
    assert moment == datetime(2026, 11, 27, 15, 0, tzinfo=tokyo)
    exact = datetime(2026, 11, 27, 15, 0, tzinfo=tokyo)
    assert recognition_digest.digest_moment(exact, tokyo, 4, 15) == exact


def test_welcome_is_queued_once_per_person(session: Session) -> None:
    org = make_org(session, reports=2)
    assert enqueue_welcome(session, org.reports[0], MONDAY) == 1
    assert enqueue_welcome(session, org.reports[0], MONDAY + timedelta(days=1)) == 0
    assert enqueue_welcomes(session, [org.manager, *org.reports], MONDAY) == 2
    keys = session.scalars(select(OutboxMessage.dedupe_key).where(OutboxMessage.kind == MessageKind.WELCOME))
    assert sorted(keys) == sorted(f"welcome:person:{p.id}" for p in [org.manager, *org.reports])


def grow_org(session_factory: sessionmaker[Session], managers: int, reports_each: int, team_id: str) -> None:
    with unit_of_work(session_factory) as session:
        org = make_org(session, reports=0, team_id=team_id, recognition_channel_id="CRECOG")
        for m in range(managers):
            manager = make_person(
                session, org.workspace, f"M{team_id}{m}", role=Role.MANAGER, created_at=LONG_AGO
            )
            for r in range(reports_each):
                make_person(
                    session, org.workspace, f"R{team_id}{m}x{r}", manager=manager, created_at=LONG_AGO
                )
            praise(session, manager, [manager], MONDAY - timedelta(days=2), ["craft"])


def test_sweeps_issue_the_same_statements_at_10_and_500_people(
    engine: Engine, session_factory: sessionmaker[Session], count_statements: type[StatementCounter]
) -> None:
    friday = MONDAY + timedelta(days=4, hours=6)
    grow_org(session_factory, managers=2, reports_each=4, team_id="T10")  # 1 + 2 + 8 people
    with count_statements(engine) as small:
        queued_small = sum(run_sweep(session_factory, job, friday) for job in JOBS)
    with unit_of_work(session_factory) as session:
        # One workspace either way: the count may grow with workspaces, never with people.
        session.execute(Workspace.__table__.delete().where(Workspace.team_id == "T10"))
    grow_org(session_factory, managers=49, reports_each=9, team_id="T500")  # 1 + 49 + 441 people
    with count_statements(engine) as large:
        queued_large = sum(run_sweep(session_factory, job, friday) for job in JOBS)
    assert (queued_small, queued_large) == (8 + 1, 49 * 9 + 1)
    assert large.count == small.count, (small.statements, large.statements)
