"""The clock: APScheduler 3 triggers the sweeps and delivery, nothing more.

Every sweep is idempotent and every job takes `now`, so the clock may fire late, twice or not
at all without harm: coalescing and a generous misfire grace time just mean "catch up once".
Only one clock runs at a time (see scheduler.locks): on PostgreSQL a second one waits as a
standby and takes over when the first one's lock goes; on SQLite a second one refuses to start.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import Engine, select

from models.base import utcnow
from models.db import SessionFactory, unit_of_work
from models.messaging import OutboxMessage
from scheduler.delivery import Delivery
from scheduler.jobs import JOBS
from scheduler.jobs.base import Job
from scheduler.jobs.people.directory import DirectoryRefresh
from scheduler.locks import ClockAlreadyRunning, ClockLock, FileClockLock, clock_lock_for
from scheduler.sender import Sender

log = logging.getLogger(__name__)


WORKING_HOURS, RATE_LIMIT, SLACK_UNREACHABLE, RETRY = (
    "working hours",
    "rate limit",
    "Slack unreachable",
    "retry",
)


@dataclass(frozen=True)
class Summary:
    queued: int
    sent: int
    deferred: int
    failed: int
    cancelled: int = 0
    job_errors: int = 0
    # Why rows were deferred, as (reason, count) in a fixed order; reasons with no rows left out.
    deferred_by: tuple[tuple[str, int], ...] = ()

    def line(self) -> str:
        why = f" ({', '.join(f'{reason} {count}' for reason, count in self.deferred_by)})"
        deferred = f"deferred {self.deferred}{why if self.deferred_by else ''}"
        return f"queued {self.queued}, sent {self.sent}, {deferred}, failed {self.failed}"


def deferral_reason(last_error: str | None) -> str:
    """Sort a deferred row's recorded reason into what an operator acts on."""
    text = (last_error or "").lower()
    if "working hours" in text:
        return WORKING_HOURS
    if "rate limit" in text:  # our own budget, or Slack's 429 and Retry-After
        return RATE_LIMIT
    if "no answer from slack" in text or "http 5" in text:
        return SLACK_UNREACHABLE
    return RETRY


def deferral_reasons(session_factory: SessionFactory, row_ids: Iterable[int]) -> tuple[tuple[str, int], ...]:
    ids = list(row_ids)
    if not ids:
        return ()
    with session_factory() as session:
        errors = session.scalars(select(OutboxMessage.last_error).where(OutboxMessage.id.in_(ids))).all()
    counts = Counter(deferral_reason(error) for error in errors)
    order = (WORKING_HOURS, RATE_LIMIT, SLACK_UNREACHABLE, RETRY)
    return tuple((reason, counts[reason]) for reason in order if counts[reason])


def run_sweep(session_factory: SessionFactory, job: Job, now: datetime) -> int:
    """One job's sweep in its own transaction; how many rows it queued."""
    if job.sweep is None:
        return 0
    with unit_of_work(session_factory) as session:
        queued = job.sweep(session, now)
    log.info("sweep %s queued %d", job.name, queued)
    return queued


def run_once(
    session_factory: SessionFactory,
    sender: Sender,
    now: datetime,
    *,
    jobs: Iterable[Job] = JOBS,
    delivery: Delivery | None = None,
    clock: Callable[[], datetime] | None = None,
    sleep: Callable[[float], object] | None = None,
    linger: float = 10.0,
) -> Summary:
    """Every sweep once at `now`, then deliver what is due (`perfbot scheduler --once`).

    With a real clock and sleep, rows held back a few seconds by the rate limits (up to `linger`)
    are waited for; anything later (working hours, Retry-After, backoff) is left for the next run."""
    queued = errors = 0
    for job in jobs:
        try:
            queued += run_sweep(session_factory, job, now)
        except Exception:  # one broken job must not keep the others' messages back
            log.exception("sweep %s failed", job.name)
            errors += 1
    delivery = delivery or Delivery(session_factory, sender)
    stats = delivery.drain(now, clock=clock, sleep=sleep, linger=linger)
    reasons = deferral_reasons(session_factory, stats.waiting)
    return Summary(queued, stats.sent, stats.deferred, stats.failed, stats.cancelled, errors, reasons)


@dataclass(frozen=True)
class ClockConfig:
    delivery_every: timedelta = timedelta(seconds=2)
    # One delivery run goes on while there is work, then yields to the next tick.
    delivery_run_seconds: float = 60.0
    lock_check_every: timedelta = timedelta(seconds=30)
    # How often the directory refresh looks whether a walk is due (daily) or may resume after a 429.
    directory_check_every: timedelta = timedelta(minutes=1)
    standby_retry_seconds: float = 15.0
    misfire_grace_seconds: int = 3600


class Clock:
    def __init__(
        self,
        engine: Engine,
        session_factory: SessionFactory,
        delivery: Delivery,
        *,
        jobs: Iterable[Job] = JOBS,
        config: ClockConfig | None = None,
        lock: ClockLock | None = None,
        now: Callable[[], datetime] = utcnow,
        directory: DirectoryRefresh | None = None,
    ) -> None:
        self.engine = engine
        self.session_factory = session_factory
        self.delivery = delivery
        self.jobs = tuple(jobs)
        self.config = config or ClockConfig()
        self.lock = lock or clock_lock_for(engine)
        self.now = now
        self.directory = directory
        self.stopping = threading.Event()
        self.exit_code = 0
        self.scheduler: BlockingScheduler | None = None
        # Sweeps, delivery and the lock check each get a thread: a long sweep never holds delivery up.
        self._executor = ThreadPoolExecutor(max_workers=len(self.jobs) + 3)

    def wait_for_lock(self) -> bool:
        """Take the clock lock. PostgreSQL: wait as a standby until it is free (False if stopped first).
        SQLite: refuse at once, since a second writer would only contend for the database."""
        if self.lock.acquire():
            log.info("clock lock taken (%s)", self.lock.describe())
            return True
        if isinstance(self.lock, FileClockLock):
            raise ClockAlreadyRunning(
                f"another perfbot scheduler is already running on this SQLite database "
                f"({self.lock.describe()}); only one may run at a time"
            )
        log.info("another clock holds %s; standing by", self.lock.describe())
        while not self.stopping.wait(self.config.standby_retry_seconds):
            if self.lock.acquire():
                log.info("clock lock taken over (%s)", self.lock.describe())
                return True
        return False

    def run(self) -> int:
        """Block until stopped; the exit status (non-zero if the lock was lost)."""
        if not self.wait_for_lock():
            return 0
        try:
            self.scheduler = self.build_scheduler()
            if not self.stopping.is_set():
                self.scheduler.start()
            # Let running jobs finish their row before the lock goes to a standby.
            self._executor.shutdown(wait=True)
        finally:
            self.lock.release()
        return self.exit_code

    def stop(self, *_: object) -> None:
        """Stop soon: delivery hands back rows it has not started, running jobs finish their row."""
        self.stopping.set()
        self.delivery.stopping.set()
        if self.scheduler is not None and self.scheduler.running:
            self.scheduler.shutdown(wait=False)

    def build_scheduler(self) -> BlockingScheduler:
        sweeps = [job for job in self.jobs if job.sweep is not None]
        scheduler = BlockingScheduler(timezone="UTC", executors={"default": self._executor})
        # Every job is idempotent and reads the time itself: a late or missed run is caught up
        # once (coalesce), however late (grace), and never overlaps itself (max_instances).
        each = {
            "coalesce": True,
            "max_instances": 1,
            "misfire_grace_time": self.config.misfire_grace_seconds,
        }
        start = self.now()
        for job in sweeps:
            every = IntervalTrigger(seconds=job.every.total_seconds())
            scheduler.add_job(
                self.sweep, every, args=[job], id=f"sweep:{job.name}", next_run_time=start, **each
            )
        deliver_every = IntervalTrigger(seconds=self.config.delivery_every.total_seconds())
        scheduler.add_job(self.deliver, deliver_every, id="delivery", next_run_time=start, **each)
        if self.directory is not None:
            directory_every = IntervalTrigger(seconds=self.config.directory_check_every.total_seconds())
            scheduler.add_job(
                self.refresh_directory, directory_every, id="directory", next_run_time=start, **each
            )
        check_every = IntervalTrigger(seconds=self.config.lock_check_every.total_seconds())
        scheduler.add_job(self.check_lock, check_every, id="lock_check", **each)
        return scheduler

    def sweep(self, job: Job) -> None:
        try:
            run_sweep(self.session_factory, job, self.now())
        except Exception:
            log.exception("sweep %s failed", job.name)

    def deliver(self) -> None:
        try:
            stats = self.delivery.drain(
                self.now(),
                clock=self.now,
                sleep=self.stopping.wait,
                max_seconds=self.config.delivery_run_seconds,
            )
        except Exception:
            log.exception("delivery run failed")
            return
        if stats.claimed:
            log.info(
                "delivery: sent %d, deferred %d, failed %d, cancelled %d",
                stats.sent,
                stats.deferred,
                stats.failed,
                stats.cancelled,
            )

    def refresh_directory(self) -> None:
        if self.directory is None:
            return
        try:
            stats = self.directory.tick(self.now())
        except Exception:
            log.exception("directory refresh failed")
            return
        if stats.pages:
            log.info("directory refresh: %d pages, %d people changed", stats.pages, stats.changed)

    def check_lock(self) -> None:
        if self.stopping.is_set():  # a stop signal that raced the scheduler's start
            self.stop()
            return
        if not self.lock.healthy():
            # Another clock may already have taken over; exit so the process manager restarts us as a standby.
            log.error("lost the clock lock (%s); stopping", self.lock.describe())
            self.exit_code = 1
            self.stop()
