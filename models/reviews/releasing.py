"""Releasing results: HR releases the whole cycle or one department.

Every participant with a submitted manager review who is not released yet is released at once; those
still without a submitted manager review wait (and are counted). Releasing queues one result DM per
released employee and one DM per reviewing manager per report asking for the one-to-one, with
INSERT … SELECT: the same statements whatever the headcount. When no one is left to release, the
cycle becomes released. Dedupe keys (`cycle:7:release:result:9`, `cycle:7:release:feedback:9`) make
a second release send nothing twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, case, func, literal, select, update
from sqlalchemy.orm import Session, aliased

from models import audit
from models.base import UTCDateTime
from models.errors import DomainError
from models.i18n import N_
from models.messaging import enqueue_select
from models.people import Person
from models.reviews.cycles import get_cycle
from models.reviews.entities import (
    CycleStatus,
    ManagerReview,
    ReviewCycle,
    ReviewParticipant,
    SubmissionStatus,
)
from models.reviews.messages import ReviewMessage, key_of, row_payload
from models.reviews.permissions import ReviewAction, require
from models.workspace import Workspace


@dataclass(frozen=True)
class ReleaseCounts:
    """Who a release would reach: in the scope (the cycle, or one department) and in the whole cycle."""

    ready: int  # a submitted manager review, not released yet: released now
    waiting: int  # no submitted manager review yet: not released
    released: int  # released before
    cycle_left: int  # in the whole cycle, not released yet (ready or waiting)
    departments: tuple[str, ...]  # every department of the cycle's participants


def _submitted() -> Any:
    return (
        select(ManagerReview.id)
        .where(
            ManagerReview.participant_id == ReviewParticipant.id,
            ManagerReview.status == SubmissionStatus.SUBMITTED,
        )
        .exists()
    )


def _counts(session: Session, cycle: ReviewCycle, department: str | None) -> ReleaseCounts:
    """One statement: per department, ready, waiting and released."""
    not_released = ReviewParticipant.released_at.is_(None)
    rows = session.execute(
        select(
            ReviewParticipant.department,
            func.sum(case((and_(not_released, _submitted()), 1), else_=0)),
            func.sum(case((and_(not_released, ~_submitted()), 1), else_=0)),
            func.sum(case((not_released, 0), else_=1)),
        )
        .where(ReviewParticipant.cycle_id == cycle.id)
        .group_by(ReviewParticipant.department)
    ).all()
    ready = waiting = released = left = 0
    for name, r, w, d in rows:
        left += int(r or 0) + int(w or 0)
        if department is None or name == department:
            ready, waiting, released = ready + int(r or 0), waiting + int(w or 0), released + int(d or 0)
    names = tuple(sorted(str(row[0]) for row in rows))
    return ReleaseCounts(ready, waiting, released, left, names)


def _checked(
    session: Session, workspace: Workspace, actor: Person | None, cycle_id: int, department: str | None
) -> tuple[ReviewCycle, ReleaseCounts]:
    cycle = get_cycle(session, workspace, cycle_id)
    if actor is not None:
        require(actor, ReviewAction.MANAGE_CYCLE, cycle)
    if cycle.status is CycleStatus.DRAFT:
        raise DomainError(N_("Cycle {id} is a draft: it has no results to release."), id=cycle.id)
    counts = _counts(session, cycle, department)
    if department is not None and department not in counts.departments:
        raise DomainError(
            N_("No one in department {department} takes part in cycle {id}. Its departments: {departments}."),
            department=department,
            id=cycle.id,
            departments=", ".join(repr(name) for name in counts.departments) or "–",
        )
    return cycle, counts


def release_preview(
    session: Session, workspace: Workspace, actor: Person | None, cycle_id: int, department: str | None = None
) -> ReleaseCounts:
    """What `release_results` would do now, refused the same way, for the confirmation."""
    return _checked(session, workspace, actor, cycle_id, department)[1]


def refuse_if_empty(counts: ReleaseCounts) -> None:
    """Nothing to release is said as such, with how many wait for a manager review."""
    if counts.ready:
        return
    if counts.waiting:
        raise DomainError(
            N_(
                "Nothing to release: no submitted manager review is waiting to be released; "
                "{waiting} without a submitted manager review yet."
            ),
            waiting=counts.waiting,
        )
    raise DomainError(N_("Nothing to release: these results are released already."))


def _release_dms(cycle: ReviewCycle, now: datetime, kind: ReviewMessage, to_manager: bool) -> Select[Any]:
    """One DM per participant released at `now`, to the employee (their result) or to their reviewing
    manager (the one-to-one to hold), if that person is active."""
    recipient_id = ReviewParticipant.manager_id if to_manager else ReviewParticipant.person_id
    recipient = aliased(Person, name="recipient")
    tag = "feedback" if to_manager else "result"
    return (
        select(
            ReviewParticipant.workspace_id.label("workspace_id"),
            recipient_id.label("person_id"),
            ReviewParticipant.person_id.label("subject_id"),
            literal(kind.value).label("kind"),
            key_of(f"cycle:{cycle.id}:release:{tag}:", ReviewParticipant.id).label("dedupe_key"),
            row_payload(ReviewParticipant.id, cycle_id=cycle.id).label("payload"),
            literal(now, UTCDateTime()).label("not_before"),
            literal(True).label("working_hours"),
        )
        .join(recipient, recipient.id == recipient_id)
        .where(
            ReviewParticipant.cycle_id == cycle.id,
            ReviewParticipant.released_at == now,
            recipient.active.is_(True),
        )
    )


def release_results(
    session: Session,
    workspace: Workspace,
    actor: Person | None,
    cycle_id: int,
    now: datetime,
    department: str | None = None,
) -> int:
    """Release every ready result (the cycle's, or one department's); how many were released.

    `actor` None is the operator at the command line. Six statements, whatever the headcount:
    the cycle, the counts, the update, two INSERT … SELECT into the outbox and
    the audit entry (the cycle's status is flushed with the next statement)."""
    cycle, counts = _checked(session, workspace, actor, cycle_id, department)
    refuse_if_empty(counts)
    scope = [ReviewParticipant.cycle_id == cycle.id, ReviewParticipant.released_at.is_(None), _submitted()]
    if department is not None:
        scope.append(ReviewParticipant.department == department)
    session.execute(
        update(ReviewParticipant)
        .where(*scope)
        .values(released_at=now, released_by_id=actor.id if actor else None)
        .execution_options(synchronize_session=False)
    )
    for loaded in list(session.identity_map.values()):  # participants loaded before see released_at
        if isinstance(loaded, ReviewParticipant) and loaded.cycle_id == cycle.id:
            session.expire(loaded, ["released_at", "released_by_id"])
    enqueue_select(session, _release_dms(cycle, now, ReviewMessage.RESULT, to_manager=False), now)
    enqueue_select(session, _release_dms(cycle, now, ReviewMessage.FEEDBACK_ASK, to_manager=True), now)
    whole = counts.cycle_left == counts.ready
    if whole:
        cycle.status = CycleStatus.RELEASED
    audit.record(
        session,
        workspace_id=workspace.id,
        actor_id=actor.id if actor else None,
        action="review_cycle.release",
        entity_type="review_cycle",
        entity_id=cycle.id,
        before={"status": CycleStatus.LAUNCHED.value},
        after={
            "status": cycle.status.value,
            "department": department,
            "released": counts.ready,
            "waiting": counts.waiting,
        },
    )
    return counts.ready
