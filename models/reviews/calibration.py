"""Calibration: HR sees the distribution of final ratings per department and per reviewing manager, each
group's mean beside the organisation's, and changes a final rating only with a written reason, which
is audited (before, after, who, when, why); the reviewing manager is told.

The view is one grouped statement at any headcount. A group of fewer than `MIN_GROUP` people shows
no mean: with so few, a mean says more about individuals than about the group.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from models.audit import record
from models.errors import DomainError, Problem
from models.i18n import N_
from models.messaging import NewMessage, enqueue_for_request
from models.people import Person
from models.reviews.entities import (
    CycleStatus,
    ManagerReview,
    ReviewCycle,
    ReviewParticipant,
    SubmissionStatus,
)
from models.reviews.manager_review import manager_review_of
from models.reviews.messages import ReviewMessage
from models.reviews.permissions import ReviewAction, require
from models.reviews.scoring import ScoreInputs, compute_score, revise_overall
from models.reviews.self_assessment import definition_of

MIN_GROUP = 4
MAX_REASON = 2000


@dataclass(frozen=True)
class Group:
    name: str  # the department, or the reviewing manager's name
    counts: dict[int, int]  # final rating -> how many
    participants: int  # everyone in the group, reviewed or not
    key: int | None = None  # the manager's person id, for manager groups

    @property
    def rated(self) -> int:
        return sum(self.counts.values())

    @property
    def mean(self) -> Decimal | None:
        """The mean final rating, or None for a group under MIN_GROUP rated people (see `too_small`)."""
        if self.too_small:
            return None
        total = sum(rating * n for rating, n in self.counts.items())
        return (Decimal(total) / self.rated).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    @property
    def too_small(self) -> bool:
        return self.rated < MIN_GROUP


@dataclass(frozen=True)
class CalibrationView:
    cycle_id: int
    cycle_name: str
    ratings: list[int]  # the scale, lowest first
    organisation: Group
    departments: list[Group] = field(default_factory=list)
    managers: list[Group] = field(default_factory=list)


def calibration_view(session: Session, actor: Person | None, cycle: ReviewCycle) -> CalibrationView:
    """For HR; `actor` None is the operator at the command line."""
    if actor is not None:
        require(actor, ReviewAction.CALIBRATE, cycle)
    manager = aliased(Person, name="manager_person")
    rows = session.execute(
        select(
            ReviewParticipant.department,
            ReviewParticipant.manager_id,
            manager.name,
            ManagerReview.final_rating,
            func.count(ReviewParticipant.id),
        )
        .outerjoin(manager, manager.id == ReviewParticipant.manager_id)
        .outerjoin(
            ManagerReview,
            (ManagerReview.participant_id == ReviewParticipant.id)
            & (ManagerReview.status == SubmissionStatus.SUBMITTED),
        )
        .where(ReviewParticipant.cycle_id == cycle.id)
        .group_by(
            ReviewParticipant.department,
            ReviewParticipant.manager_id,
            manager.name,
            ManagerReview.final_rating,
        )
    ).all()
    departments: dict[str, dict[int, int]] = defaultdict(dict)
    managers: dict[int | None, dict[int, int]] = defaultdict(dict)
    sizes: dict[tuple[str, Any], int] = defaultdict(int)
    names: dict[int | None, str] = {}
    everyone: dict[int, int] = {}
    for department, manager_id, manager_name, rating, n in rows:
        departments[department]
        managers[manager_id]
        names[manager_id] = manager_name or ""
        sizes[("department", department)] += n
        sizes[("manager", manager_id)] += n
        sizes[("all", None)] += n
        if rating is not None:
            for counts in (departments[department], managers[manager_id], everyone):
                counts[rating] = counts.get(rating, 0) + n
    return CalibrationView(
        cycle_id=cycle.id,
        cycle_name=cycle.name,
        ratings=definition_of(cycle).scale.ratings,
        organisation=Group("", everyone, sizes[("all", None)]),
        departments=[
            Group(name, counts, sizes[("department", name)]) for name, counts in sorted(departments.items())
        ],
        managers=sorted(
            (Group(names[key], counts, sizes[("manager", key)], key) for key, counts in managers.items()),
            key=lambda group: (group.name, group.key or 0),
        ),
    )


@dataclass
class RatingChange:
    review: ManagerReview
    before: int
    after: int
    messages: list[int] = field(default_factory=list)  # outbox rows to deliver after the ack


def change_final_rating(
    session: Session,
    actor: Person,
    cycle: ReviewCycle,
    participant: ReviewParticipant,
    rating: int | None,
    reason: str,
    now: datetime,
) -> RatingChange:
    """HR's change of a final rating during calibration, with its reason; audited; the manager is told."""
    require(actor, ReviewAction.CALIBRATE, cycle, participant)
    if cycle.status is not CycleStatus.LAUNCHED or participant.released_at is not None:
        raise DomainError(N_("Final ratings change in calibration, before the results are released."))
    review = manager_review_of(session, participant)
    if review is None or review.status is not SubmissionStatus.SUBMITTED or review.result is None:
        raise DomainError(N_("There is no submitted manager review to calibrate yet."))
    definition = definition_of(cycle)
    problems = []
    if rating not in definition.scale.ratings:
        problems.append(Problem(N_("Choose one of the scale's ratings."), "rating"))
    if not reason.strip():
        problems.append(
            Problem(N_("Say why the final rating changes: the reason is kept on the record."), "reason")
        )
    elif len(reason) > MAX_REASON:
        problems.append(Problem(N_("Keep it under {limit} characters."), "reason", {"limit": MAX_REASON}))
    if problems:
        raise DomainError.of(problems)
    assert rating is not None
    stored = review.result
    lowest = definition.scale.lowest
    original = replace(
        compute_score(ScoreInputs.from_record(stored["inputs"])),
        rating_override=stored.get("rating_override"),
    )
    revision = revise_overall(original, rating - lowest + 1)
    before = review.final_rating if review.final_rating is not None else original.final_rating + lowest - 1
    review.result = {
        **revision.revised.to_record(),
        "scale_lowest": lowest,
        "settings_version": stored.get("settings_version"),
        "calibration": {
            "before": before,
            "after": rating,
            "reason": reason.strip(),
            "by": actor.id,
            "at": now.isoformat(),
        },
    }
    review.final_rating = rating
    record(
        session,
        workspace_id=cycle.workspace_id,
        actor_id=actor.id,
        action="review.calibrate",
        entity_type="manager_review",
        entity_id=review.id,
        before={"final_rating": before},
        after={"final_rating": rating},
        reason=reason.strip(),
    )
    change = RatingChange(review, before, rating)
    if participant.manager_id is not None and participant.manager_id != actor.id:
        change.messages = enqueue_for_request(
            session,
            [
                NewMessage(
                    workspace_id=cycle.workspace_id,
                    person_id=participant.manager_id,
                    subject_id=participant.person_id,
                    kind=ReviewMessage.CALIBRATED,
                    not_before=now,
                    dedupe_key=f"cycle:{cycle.id}:calibrated:{participant.id}:{now.isoformat()}",
                    payload={
                        "cycle_id": cycle.id,
                        "participant_id": participant.id,
                        "before": before,
                        "after": rating,
                    },
                )
            ],
            now,
        )
    session.flush()
    return change
