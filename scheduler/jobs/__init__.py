"""The scheduler's jobs. Adding one: write a module with `sweep(session, now) -> int` and a
renderer per message kind, build its `JOB`, and list it in `SENDING_JOBS` below
(see scheduler/README.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from scheduler.jobs import housekeeping
from scheduler.jobs.appeals import reminders as appeals
from scheduler.jobs.base import Job, OnSent, Renderer
from scheduler.jobs.feedback import messages as feedback_messages
from scheduler.jobs.feedback import reminders as feedback_reminders
from scheduler.jobs.goals import notices as goal_notices
from scheduler.jobs.goals import reminders as goal_reminders
from scheduler.jobs.people import welcome
from scheduler.jobs.praise import delivery as praise_delivery
from scheduler.jobs.praise import digest as recognition_digest
from scheduler.jobs.praise import nudge as praise_nudge
from scheduler.jobs.reviews import calibration as review_calibration
from scheduler.jobs.reviews import manager_requests as review_manager_requests
from scheduler.jobs.reviews import messages as review_messages
from scheduler.jobs.reviews import release as review_release
from scheduler.jobs.reviews import reminders as review_reminders
from scheduler.jobs.reviews import stage_reminders as review_stage_reminders

# The jobs that send; housekeeping, added below, clears up after them.
SENDING_JOBS: tuple[Job, ...] = (
    praise_nudge.JOB,
    recognition_digest.JOB,
    welcome.JOB,
    goal_reminders.JOB,
    praise_delivery.JOB,
    review_messages.JOB,
    review_reminders.JOB,
    review_manager_requests.JOB,
    review_calibration.JOB,
    review_release.JOB,
    review_stage_reminders.JOB,
    goal_notices.JOB,
    feedback_messages.JOB,
    feedback_reminders.JOB,
    appeals.JOB,
)


def jobs_with(*, outbox_retention: timedelta = housekeeping.DEFAULT_OUTBOX_RETENTION) -> tuple[Job, ...]:
    """Every job, with sent outbox rows kept `outbox_retention` (the OUTBOX_RETENTION_DAYS setting)."""
    return (*SENDING_JOBS, housekeeping.housekeeping_job(SENDING_JOBS, outbox_retention))


JOBS: tuple[Job, ...] = jobs_with()


def renderers(jobs: Iterable[Job] = JOBS) -> dict[str, Renderer]:
    found: dict[str, Renderer] = {}
    for job in jobs:
        for kind, renderer in job.renderers.items():
            if kind in found:
                raise ValueError(f"two jobs render kind {kind!r}")
            found[kind] = renderer
    return found


def sent_hooks(jobs: Iterable[Job] = JOBS) -> dict[str, OnSent]:
    found: dict[str, OnSent] = {}
    for job in jobs:
        for kind, hook in job.on_sent.items():
            if kind in found:
                raise ValueError(f"two jobs record kind {kind!r}")
            found[kind] = hook
    return found


def linked_kinds(jobs: Iterable[Job] = JOBS) -> frozenset[str]:
    return frozenset(kind for job in jobs for kind in job.linked)
