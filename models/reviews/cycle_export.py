"""The cycle export: one row per participant for HR's spreadsheet (`perfbot export cycle ID --format csv`).

Numbers and yes/no only, beside the participant's name, email, department and reviewing manager: the
criteria ratings, goal achievement, the peer aggregate (rating means, only where the cycle's minimum
of peer reviews was met), the final score and rating, whether calibration changed it, and the outcome.
Never a peer reviewer's name or id and never free text: comments, summaries and peer answers are not
selected at all, and of the stored result (whose calibration record holds HR's reason) only numbers
are taken. Two statements at any headcount (the rows, the peer ratings), whatever the cycle's size.
Write it with models.export, which neutralises cells a spreadsheet could run as a formula.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from models.export import Cell
from models.people import Person
from models.reviews.entities import (
    ManagerReview,
    PeerReview,
    ReviewCycle,
    ReviewParticipant,
    SubmissionStatus,
)
from models.reviews.outcome_entities import ReviewOutcome
from models.reviews.outcomes import mapped_tier
from models.reviews.self_assessment import definition_of

_CENT = Decimal("0.01")


@dataclass(frozen=True)
class CycleExport:
    header: list[str]
    rows: list[list[Cell]]


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _calibrated(result: dict[str, Any] | None) -> bool:
    change = (result or {}).get("calibration")
    return isinstance(change, dict) and change.get("before") != change.get("after")


def _peer_means(
    session: Session, cycle: ReviewCycle, keys: list[str], needed: int
) -> dict[int, list[Decimal | None]]:
    """Per participant with at least `needed` peer reviews: the mean of each rating question."""
    ratings: dict[int, list[dict[str, int]]] = defaultdict(list)
    for participant_id, answered in session.execute(
        select(PeerReview.participant_id, PeerReview.ratings).where(PeerReview.cycle_id == cycle.id)
    ):
        ratings[participant_id].append(answered or {})
    means: dict[int, list[Decimal | None]] = {}
    for participant_id, reviews in ratings.items():
        if len(reviews) < needed:
            continue
        row: list[Decimal | None] = []
        for key in keys:
            values = [r[key] for r in reviews if isinstance(r.get(key), int)]
            mean = Decimal(sum(values)) / len(values) if values else None
            row.append(None if mean is None else mean.quantize(_CENT, rounding=ROUND_HALF_UP))
        means[participant_id] = row
    return means


def cycle_export(session: Session, cycle: ReviewCycle) -> CycleExport:
    """For the operator at the command line (who already reads everything in the database)."""
    definition = definition_of(cycle)
    criteria = [criterion.key for criterion in definition.criteria]
    questions = [q.key for q in definition.peer_questions if q.kind == "rating"]
    person = aliased(Person, name="employee")
    manager = aliased(Person, name="manager_person")
    rows = session.execute(
        select(
            ReviewParticipant.id,
            person.name,
            person.email,
            ReviewParticipant.department,
            manager.name,
            ManagerReview.ratings,
            ManagerReview.result,
            ManagerReview.final_rating,
            ReviewOutcome.tier_override,
            ReviewOutcome.promotion,
            ReviewOutcome.training,
            ReviewOutcome.transfer,
        )
        .join(person, person.id == ReviewParticipant.person_id)
        .outerjoin(manager, manager.id == ReviewParticipant.manager_id)
        .outerjoin(
            ManagerReview,
            (ManagerReview.participant_id == ReviewParticipant.id)
            & (ManagerReview.status == SubmissionStatus.SUBMITTED),
        )
        .outerjoin(ReviewOutcome, ReviewOutcome.participant_id == ReviewParticipant.id)
        .where(ReviewParticipant.cycle_id == cycle.id)
        .order_by(ReviewParticipant.department, person.name, ReviewParticipant.id)
    ).all()
    peers = _peer_means(session, cycle, questions, definition.peers.min)
    header = [
        "employee",
        "email",
        "department",
        "manager",
        *(f"rating {key}" for key in criteria),
        "goal achievement %",
        *(f"peer {key}" for key in questions),
        "final score",
        "final rating",
        "calibration change",
        "bonus tier",
        "tier overridden",
        "promotion",
        "training",
        "transfer",
        "outcome recorded",
    ]
    out: list[list[Cell]] = []
    for (
        participant_id,
        name,
        email,
        department,
        manager_name,
        ratings,
        result,
        final_rating,
        override,
        promotion,
        training,
        transfer,
    ) in rows:
        reviewed = final_rating is not None
        inputs = (result or {}).get("inputs") or {}
        recorded = promotion is not None
        tier = (override or mapped_tier(definition, final_rating)) if reviewed else None
        out.append(
            [
                name,
                email,
                department,
                manager_name,
                *((ratings or {}).get(key) for key in criteria),
                _decimal(inputs.get("goal_achievement")),
                *(peers.get(participant_id) or [None] * len(questions)),
                _decimal((result or {}).get("score")),
                final_rating,
                _yes_no(_calibrated(result)) if reviewed else "",
                tier,
                _yes_no(override is not None) if reviewed else "",
                _yes_no(promotion) if recorded else "",
                _yes_no(training) if recorded else "",
                _yes_no(transfer) if recorded else "",
                _yes_no(recorded),
            ]
        )
    return CycleExport(header, out)
