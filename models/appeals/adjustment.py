"""A decision's effect on the result: an adjustment recomputes it with the cycle's formula, the original
kept beside it; a later decision that keeps the rating (after a reopening) puts the original back.

The stored result (`ManagerReview.result`) gets two keys: `original`, the result as it was before
any appeal changed it, and `appeals`, the adjustments in force by appeal id. The result itself is
always the original with those adjustments applied in order, so several appeals on different parts
of one result compose, and undoing one leaves the others. Each change is audited like a
calibration change (before, after, who, when, why) and `final_rating` follows, so the export and the
calibration figures count the adjusted rating.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import audit
from models.appeals.entities import AppealRow
from models.appeals.states import AppealState, Outcome
from models.people import Person
from models.reviews import (
    OVERALL,
    ManagerReview,
    ReviewParticipant,
    ScoreInputs,
    ScoreResult,
    SubmissionStatus,
    compute_score,
    revise_criterion,
    revise_overall,
)
from models.workspace import Workspace

_OWN_KEYS = ("original", "appeals")


def _score(record: dict[str, Any]) -> ScoreResult:
    return replace(
        compute_score(ScoreInputs.from_record(record["inputs"])),
        rating_override=record.get("rating_override"),
    )


def recompute(
    original: dict[str, Any], adjustments: dict[str, dict[str, Any]]
) -> tuple[ScoreResult, dict[str, Any]]:
    """The original result with each adjustment applied, by appeal id (ratings on the 1 … N scale)."""
    result = _score(original)
    for _, adjustment in sorted(adjustments.items(), key=lambda item: int(item[0])):
        part, rating = adjustment["part"], int(adjustment["machine_rating"])
        revision = (
            revise_overall(result, rating) if part == OVERALL else revise_criterion(result, part, rating)
        )
        result = revision.revised
    return result, original


def apply_decision(
    session: Session,
    workspace: Workspace,
    actor: Person,
    appeal: AppealRow,
    participant: ReviewParticipant,
    now: datetime,
) -> bool:
    """Bring the stored result in line with the appeal's decision; whether the final rating changed."""
    review = session.scalar(
        select(ManagerReview).where(
            ManagerReview.participant_id == participant.id, ManagerReview.status == SubmissionStatus.SUBMITTED
        )
    )
    if review is None or review.result is None:
        return False
    stored = dict(review.result)
    original = stored.get("original") or {k: v for k, v in stored.items() if k not in _OWN_KEYS}
    adjustments: dict[str, dict[str, Any]] = dict(stored.get("appeals") or {})
    mine = str(appeal.id)
    in_force = appeal.state is AppealState.DECIDED and appeal.outcome is Outcome.ADJUSTED
    if in_force and appeal.new_rating is not None:
        adjustments[mine] = {
            "part": appeal.part,
            "machine_rating": appeal.new_rating - appeal.scale_lowest + 1,
            "before": appeal.original_rating,
            "after": appeal.new_rating,
            "reason": appeal.explanation or "",
            "by": actor.id,
            "at": now.isoformat(),
        }
    elif mine not in adjustments:
        return False
    else:
        del adjustments[mine]
    lowest = int(original.get("scale_lowest", appeal.scale_lowest))
    before = review.final_rating
    if adjustments:
        result, _ = recompute(original, adjustments)
        review.result = {
            **result.to_record(),
            "scale_lowest": lowest,
            "settings_version": original.get("settings_version"),
            **({"calibration": original["calibration"]} if "calibration" in original else {}),
            "original": original,
            "appeals": adjustments,
        }
        review.final_rating = result.final_rating + lowest - 1
    else:
        review.result = dict(original)
        review.final_rating = int(original.get("final_rating", _score(original).final_rating)) + lowest - 1
    audit.record(
        session,
        workspace_id=workspace.id,
        actor_id=actor.id,
        action="review.appeal_adjust",
        entity_type="manager_review",
        entity_id=review.id,
        before={"final_rating": before, "part": appeal.part},
        after={
            "final_rating": review.final_rating,
            "appeal_id": appeal.id,
            "outcome": (appeal.outcome or ""),
        },
        reason=appeal.explanation,
    )
    return before != review.final_rating
