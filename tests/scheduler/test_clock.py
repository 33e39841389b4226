"""The clock: one at a time (advisory lock on PostgreSQL, lock file on SQLite), and `--once`."""

from __future__ import annotations

import argparse
import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from models.db import unit_of_work
from models.messaging import enqueue_welcome
from scheduler.clock import Clock, ClockConfig, Summary, run_once
from scheduler.delivery import Delivery
from scheduler.jobs import JOBS
from scheduler.jobs.base import Job
from scheduler.locks import ClockAlreadyRunning, FileClockLock, PostgresClockLock, clock_lock_for
from tests.scheduler.helpers import MONDAY, FakeSender, make_org, praise, rows


def needs_postgres(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL-only behaviour: advisory locks")


def clock(engine: Engine, session_factory: sessionmaker[Session], **config: object) -> Clock:
    return Clock(
        engine,
        session_factory,
        Delivery(session_factory, FakeSender()),
        config=ClockConfig(**config),  # type: ignore[arg-type]
        now=lambda: MONDAY,
    )


def test_run_once_sweeps_then_delivers_and_summarises(session_factory: sessionmaker[Session]) -> None:
    with unit_of_work(session_factory) as session:
        org = make_org(session, reports=3)
        praise(session, org.manager, [org.reports[0]], MONDAY - timedelta(days=1))
        org.reports[2].tz = "Asia/Tokyo"  # 19:00 there: the nudge is about them, the manager gets it now
        enqueue_welcome(session, org.reports[1], MONDAY)
    sender = FakeSender()
    summary = run_once(session_factory, sender, MONDAY)
    # Two nudges to the manager (one a second into a DM: the second waits) and one welcome.
    assert summary == Summary(queued=2, sent=2, deferred=1, failed=0, deferred_by=(("rate limit", 1),))
    assert summary.line() == "queued 2, sent 2, deferred 1 (rate limit 1), failed 0"
    again = run_once(session_factory, sender, MONDAY + timedelta(seconds=1))
    assert again.line() == "queued 0, sent 1, deferred 0, failed 0"
    assert len(sender.posts) == 3 and len(rows(session_factory)) == 3


def test_a_broken_job_does_not_keep_the_others_back(session_factory: sessionmaker[Session]) -> None:
    def broken(session: Session, now: datetime) -> int:
        raise RuntimeError("bug")

    with unit_of_work(session_factory) as session:
        make_org(session, reports=1)
    jobs = [Job(name="broken", sweep=broken, renderers={}), *JOBS]
    summary = run_once(session_factory, FakeSender(), MONDAY, jobs=jobs)
    assert (summary.job_errors, summary.queued, summary.sent) == (1, 1, 1)


def test_the_clock_schedules_every_sweep_and_delivery_coalesced_with_a_generous_grace(
    engine: Engine, session_factory: sessionmaker[Session]
) -> None:
    scheduler = clock(engine, session_factory).build_scheduler()
    jobs = {job.id: job for job in scheduler.get_jobs()}
    assert set(jobs) == {
        "sweep:praise_nudge",
        "sweep:recognition_digest",
        "sweep:goal_reminders",
        "sweep:review_reminders",
        "sweep:review_manager_requests",
        "sweep:feedback_reminders",
        "sweep:review_stage_reminders",
        "sweep:appeals",
        "sweep:housekeeping",
        "delivery",
        "lock_check",
    }
    assert all(job.coalesce and job.max_instances == 1 for job in jobs.values())
    assert all(job.misfire_grace_time >= 3600 for job in jobs.values())
    assert jobs["delivery"].trigger.interval == timedelta(seconds=2)


def test_the_clocks_jobs_run_with_its_now(engine: Engine, session_factory: sessionmaker[Session]) -> None:
    with unit_of_work(session_factory) as session:
        make_org(session, reports=2)
    ticking = clock(engine, session_factory)
    ticking.sweep(JOBS[0])
    ticking.deliver()
    assert len(ticking.delivery.sender.posts) == 1  # type: ignore[attr-defined]
    assert len(rows(session_factory)) == 2


def test_a_second_scheduler_on_sqlite_refuses_to_start(
    engine: Engine, session_factory: sessionmaker[Session]
) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite-only behaviour: PostgreSQL clocks stand by instead")
    first, second = clock(engine, session_factory), clock(engine, session_factory)
    assert isinstance(first.lock, FileClockLock)
    assert first.lock.path.name == "perfbot.db.clock.lock"
    assert first.wait_for_lock()
    with pytest.raises(ClockAlreadyRunning, match="another perfbot scheduler is already running"):
        second.wait_for_lock()
    first.lock.release()
    assert second.wait_for_lock()
    second.lock.release()


def test_the_scheduler_command_exits_non_zero_when_another_runs_on_sqlite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import signal

    from bot.cli_scheduler import run_scheduler

    database = tmp_path / "perfbot.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{database}")
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")
    monkeypatch.setattr(signal, "signal", lambda *args: None)  # leave pytest's handlers alone
    held = FileClockLock(tmp_path / "perfbot.db.clock.lock")
    assert held.acquire()
    try:
        assert run_scheduler(argparse.Namespace(once=False)) == 1
        assert "another perfbot scheduler is already running" in capsys.readouterr().err
        assert run_scheduler(argparse.Namespace(once=True)) == 1
        assert "another scheduler is running" in capsys.readouterr().err
    finally:
        held.release()


def test_two_clocks_on_postgresql_only_one_gets_the_lock(engine: Engine) -> None:
    needs_postgres(engine)
    first, second = PostgresClockLock(engine), PostgresClockLock(engine)
    try:
        assert first.acquire()
        assert not second.acquire()
        assert first.healthy() and not second.healthy()
        first.release()
        assert second.acquire()
        assert not first.acquire()
    finally:
        first.release()
        second.release()


def test_a_standby_clock_takes_over_when_the_active_one_stops(
    engine: Engine, session_factory: sessionmaker[Session]
) -> None:
    needs_postgres(engine)
    active = clock(engine, session_factory)
    standby = clock(engine, session_factory, standby_retry_seconds=0.02)
    assert isinstance(active.lock, PostgresClockLock)
    assert active.wait_for_lock()
    took_over = threading.Event()
    thread = threading.Thread(target=lambda: standby.wait_for_lock() and took_over.set())
    thread.start()
    try:
        assert not took_over.wait(0.2), "the standby must not run while the active clock holds the lock"
        active.lock.release()
        assert took_over.wait(5), "the standby should take over"
    finally:
        standby.stop()
        thread.join(5)
        standby.lock.release()


def test_a_clock_that_loses_its_connection_stops_with_an_error(
    engine: Engine, session_factory: sessionmaker[Session]
) -> None:
    needs_postgres(engine)
    lost = clock(engine, session_factory)
    assert lost.wait_for_lock()
    assert isinstance(lost.lock, PostgresClockLock)
    holder = lost.lock._connection  # the lock's own connection: kill exactly that backend
    assert holder is not None
    pid = holder.execute(text("SELECT pg_backend_pid()")).scalar_one()
    with engine.connect() as admin:
        admin.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        admin.commit()
    lost.check_lock()
    assert lost.exit_code == 1 and lost.stopping.is_set()
    lost.lock.release()
    taker = clock_lock_for(engine)
    assert taker.acquire()  # the server dropped the lock with the connection
    taker.release()


def test_the_running_clock_sweeps_delivers_and_stops_cleanly(
    engine: Engine, session_factory: sessionmaker[Session]
) -> None:
    with unit_of_work(session_factory) as session:
        make_org(session, reports=1)
    running = clock(engine, session_factory)
    sender = running.delivery.sender
    assert isinstance(sender, FakeSender)
    delivered = threading.Event()
    sender.before_post = lambda channel: delivered.set()
    result: list[int] = []
    thread = threading.Thread(target=lambda: result.append(running.run()))
    thread.start()
    try:
        assert delivered.wait(10), "the clock should sweep and deliver on start"
    finally:
        running.stop()
        thread.join(10)
    assert result == [0]
    assert len(sender.posts) == 1
    again = clock_lock_for(engine)
    assert again.acquire(), "a stopped clock releases its lock"
    again.release()


class FakeTime:
    """A clock that moves only when slept on."""

    def __init__(self, start: datetime) -> None:
        self.current = start
        self.slept = 0.0

    def now(self) -> datetime:
        return self.current

    def sleep(self, seconds: float) -> None:
        self.slept += seconds
        self.current += timedelta(seconds=seconds)


def test_run_once_waits_for_rows_held_back_seconds_by_the_limits_but_not_for_hours(
    session_factory: sessionmaker[Session],
) -> None:
    with unit_of_work(session_factory) as session:
        org = make_org(session, reports=3)
        night_owl = org.reports[0]
        night_owl.tz = "Asia/Tokyo"  # 19:00 there: their welcome waits for the morning
        enqueue_welcome(session, night_owl, MONDAY)
    time = FakeTime(MONDAY)
    sender = FakeSender()
    summary = run_once(session_factory, sender, MONDAY, clock=time.now, sleep=time.sleep)
    # Three nudges into the manager's DM, a second apart; the welcome is left for Tokyo's morning.
    assert summary.line() == "queued 3, sent 3, deferred 1 (working hours 1), failed 0"
    assert 2 <= time.slept < 3
