"""The scheduler's jobs. Adding one: write a module with `sweep(session, now) -> int` and a
renderer per message kind, build its `JOB`, and list it in `JOBS` below (see scheduler/README.md).
"""

from __future__ import annotations

from collections.abc import Iterable

from scheduler.jobs import praise_nudge, recognition_digest, welcome
from scheduler.jobs.base import Job, Renderer

JOBS: tuple[Job, ...] = (
    praise_nudge.JOB,
    recognition_digest.JOB,
    welcome.JOB,
)


def renderers(jobs: Iterable[Job] = JOBS) -> dict[str, Renderer]:
    found: dict[str, Renderer] = {}
    for job in jobs:
        for kind, renderer in job.renderers.items():
            if kind in found:
                raise ValueError(f"two jobs render kind {kind!r}")
            found[kind] = renderer
    return found
