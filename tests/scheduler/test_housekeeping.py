"""Housekeeping: old processed event ids and old sent outbox rows go, in batches; nothing that still
keeps an occasion from being queued twice, and nothing unsent, is removed."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from models.db import unit_of_work
from models.messaging import (
    MessageKind,
    NewMessage,
    OutboxStatus,
    ProcessedEvent,
    cancel,
    claim_event,
    enqueue,
    mark_failed,
    mark_sent,
)
from scheduler.clock import run_sweep
from scheduler.jobs import JOBS, SENDING_JOBS, jobs_with
from scheduler.jobs.base import Job
from scheduler.jobs.housekeeping import housekeeping_job, make_sweep
from scheduler.jobs.praise import nudge as praise_nudge
from tests.scheduler.helpers import MONDAY, make_org, rows

DAY = timedelta(days=1)


def messages(
    session_factory: sessionmaker[Session], kind: str, count: int, *, sent_at: datetime
) -> list[int]:
    """`count` rows of `kind`, sent at `sent_at`; their ids."""
    with unit_of_work(session_factory) as session:
        org = make_org(session, reports=0, team_id=f"T{kind[:8]}{sent_at:%j%H%M}")
        workspace_id, person_id = org.workspace.id, org.manager.id
        new = [
            NewMessage(workspace_id, kind, f"{kind}:{sent_at.isoformat()}:{i}", sent_at, person_id=person_id)
            for i in range(count)
        ]
        enqueue(session, new, sent_at)
    ids = [m.id for m in rows(session_factory) if m.workspace_id == workspace_id]
    with unit_of_work(session_factory) as session:
        for message_id in ids:
            mark_sent(session, message_id, channel="D1", ts="1.0", now=sent_at)
    return ids


def remaining(session_factory: sessionmaker[Session]) -> set[int]:
    return {m.id for m in rows(session_factory)}


def test_event_ids_older_than_a_day_are_forgotten(session_factory: sessionmaker[Session]) -> None:
    with unit_of_work(session_factory) as session:
        workspace = make_org(session, reports=0).workspace
        claim_event(session, workspace_id=workspace.id, event_id="Ev_OLD", now=MONDAY - 2 * DAY)
        claim_event(session, workspace_id=workspace.id, event_id="Ev_NEW", now=MONDAY - timedelta(hours=23))
    run_sweep(session_factory, housekeeping_job(), MONDAY)
    with session_factory() as session:
        assert list(session.scalars(select(ProcessedEvent.event_id))) == ["Ev_NEW"]


def test_sent_rows_are_kept_for_the_retention_then_removed(session_factory: sessionmaker[Session]) -> None:
    old = messages(session_factory, MessageKind.WELCOME, 2, sent_at=MONDAY - 31 * DAY)
    recent = messages(session_factory, MessageKind.WELCOME, 2, sent_at=MONDAY - 29 * DAY)
    run_sweep(session_factory, housekeeping_job(), MONDAY)  # the default: 30 days
    assert remaining(session_factory) == set(recent)
    assert not set(old) & remaining(session_factory)
    run_sweep(session_factory, housekeeping_job(outbox_retention=7 * DAY), MONDAY)
    assert remaining(session_factory) == set()


def test_unsent_failed_and_cancelled_rows_stay(session_factory: sessionmaker[Session]) -> None:
    long_ago = MONDAY - 400 * DAY
    with unit_of_work(session_factory) as session:
        org = make_org(session, reports=0)
        enqueue(
            session,
            [
                NewMessage(org.workspace.id, MessageKind.WELCOME, f"k{i}", long_ago, person_id=org.manager.id)
                for i in range(3)
            ],
            long_ago,
        )
    queued, failed, cancelled = sorted(remaining(session_factory))
    with unit_of_work(session_factory) as session:
        mark_failed(session, failed, "chat.postMessage: user_not_found", long_ago, attempted=True)
        cancel(session, cancelled, "muted", long_ago)
    run_sweep(session_factory, housekeeping_job(outbox_retention=DAY), MONDAY)
    assert {(m.id, m.status) for m in rows(session_factory)} == {
        (queued, OutboxStatus.QUEUED),
        (failed, OutboxStatus.FAILED),
        (cancelled, OutboxStatus.CANCELLED),
    }


def test_rows_go_in_batches_and_a_run_stops_after_its_last_batch(
    session_factory: sessionmaker[Session],
) -> None:
    messages(session_factory, MessageKind.WELCOME, 5, sent_at=MONDAY - 60 * DAY)
    job = Job(name="housekeeping", renderers={}, sweep=make_sweep(30 * DAY, {}, batch=2, max_batches=2))
    run_sweep(session_factory, job, MONDAY)
    assert len(remaining(session_factory)) == 1, "two batches of two, the fifth waits for the next run"
    run_sweep(session_factory, job, MONDAY)
    assert remaining(session_factory) == set()


def test_a_row_is_kept_while_its_job_could_meet_its_occasion_again(
    session_factory: sessionmaker[Session],
) -> None:
    approval = messages(session_factory, MessageKind.GOAL_APPROVAL, 1, sent_at=MONDAY - 400 * DAY)
    checkin = messages(session_factory, MessageKind.GOAL_CHECKIN, 1, sent_at=MONDAY - 60 * DAY)
    nudge = messages(session_factory, MessageKind.PRAISE_NUDGE, 1, sent_at=MONDAY - 5 * DAY)
    old_checkin = messages(session_factory, MessageKind.GOAL_CHECKIN, 1, sent_at=MONDAY - 92 * DAY)
    old_nudge = messages(session_factory, MessageKind.PRAISE_NUDGE, 1, sent_at=MONDAY - 9 * DAY)
    [housekeeping] = [job for job in jobs_with(outbox_retention=DAY) if job.name == "housekeeping"]
    run_sweep(session_factory, housekeeping, MONDAY)
    # An approval reminder is queued again while the proposal waits; a check-in prompt within a
    # cadence period (up to 90 days); a nudge within its week.
    assert remaining(session_factory) == {*approval, *checkin, *nudge}
    assert not {*old_checkin, *old_nudge} & remaining(session_factory)


def test_a_nudge_sent_and_tidied_away_is_not_queued_again(session_factory: sessionmaker[Session]) -> None:
    with unit_of_work(session_factory) as session:
        make_org(session, reports=1)
    assert run_sweep(session_factory, praise_nudge.JOB, MONDAY) == 1
    [nudge] = rows(session_factory)
    with unit_of_work(session_factory) as session:
        mark_sent(session, nudge.id, channel="DUMGR", ts="1.0", now=MONDAY)
    later = MONDAY + 2 * DAY  # the same ISO week, past a one-day retention
    [housekeeping] = [job for job in jobs_with(outbox_retention=DAY) if job.name == "housekeeping"]
    run_sweep(session_factory, housekeeping, later)
    assert run_sweep(session_factory, praise_nudge.JOB, later) == 0
    assert [m.id for m in rows(session_factory)] == [nudge.id]


def test_the_clock_runs_housekeeping_after_the_sending_jobs() -> None:
    assert [job.name for job in JOBS] == [*(job.name for job in SENDING_JOBS), "housekeeping"]
    assert JOBS[-1].sweep is not None and JOBS[-1].every == timedelta(hours=1)


def test_the_retention_setting_reaches_the_job(monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from bot.settings import load_settings

    monkeypatch.chdir(tmp_path)
    assert load_settings().outbox_retention_days == 30
    monkeypatch.setenv("OUTBOX_RETENTION_DAYS", "7")
    assert load_settings().outbox_retention_days == 7
