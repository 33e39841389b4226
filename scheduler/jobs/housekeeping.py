"""Housekeeping: forget what is no longer needed, so tables do not grow forever.

- Processed Events API ids older than a day: Slack retries a delivery for about five minutes
  (three retries), so an id that old can never arrive again.
- Sent outbox rows after the retention period (`OUTBOX_RETENTION_DAYS`, default 30), in batches
  of `BATCH` rows, each batch its own short transaction, at most `MAX_BATCHES` a run (the rest
  waits for the next run), so a large backlog never holds a long lock. A sent row is also kept
  for as long as its job could meet the same occasion again (`Job.requeues_within`): its dedupe
  key is what keeps that occasion from being queued twice. Failed and cancelled rows stay for the
  operator (`perfbot outbox`).

The sweep queues nothing; it logs what it removed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from models.messaging import forget_events_before, forget_sent_before
from scheduler.jobs.base import Job, Sweep

log = logging.getLogger(__name__)

EVENT_RETENTION = timedelta(days=1)
DEFAULT_OUTBOX_RETENTION = timedelta(days=30)
BATCH = 1000
MAX_BATCHES = 50


def sent_row_ages(
    outbox_retention: timedelta, requeues_within: Mapping[str, timedelta | None]
) -> tuple[dict[str, timedelta], list[str]]:
    """How long sent rows of each kind are kept beyond the retention, and the kinds kept for good."""
    longer = {
        kind: window
        for kind, window in requeues_within.items()
        if window is not None and window > outbox_retention
    }
    forever = sorted(kind for kind, window in requeues_within.items() if window is None)
    return longer, forever


def make_sweep(
    outbox_retention: timedelta,
    requeues_within: Mapping[str, timedelta | None],
    *,
    batch: int = BATCH,
    max_batches: int = MAX_BATCHES,
) -> Sweep:
    longer, forever = sent_row_ages(outbox_retention, requeues_within)
    # (cutoff age, kinds or None for "every other kind") in the order they are cleared
    groups: list[tuple[timedelta, list[str] | None]] = [(outbox_retention, None)]
    groups += [(age, [kind]) for kind, age in sorted(longer.items())]
    special = sorted(longer) + forever

    def sweep(session: Session, now: datetime) -> int:
        events = forget_events_before(session, now - EVENT_RETENTION)
        session.commit()
        removed = 0
        runs = 0
        for age, kinds in groups:
            while runs < max_batches:
                runs += 1
                count = forget_sent_before(
                    session,
                    now - age,
                    batch=batch,
                    kinds=kinds,
                    except_kinds=special if kinds is None else (),
                )
                session.commit()  # one batch, one short transaction
                removed += count
                if count < batch:
                    break
        log.info("housekeeping: forgot %d processed event ids and %d sent outbox rows", events, removed)
        return 0

    return sweep


def housekeeping_job(jobs: Iterable[Job] = (), outbox_retention: timedelta = DEFAULT_OUTBOX_RETENTION) -> Job:
    """The job for these other jobs' rows (their `requeues_within`), keeping sent rows `outbox_retention`."""
    requeues_within = {kind: window for job in jobs for kind, window in job.requeues_within.items()}
    return Job(
        name="housekeeping",
        renderers={},
        sweep=make_sweep(outbox_retention, requeues_within),
        every=timedelta(hours=1),
    )
