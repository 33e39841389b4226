"""The reviewing manager is told when HR changes a report's final rating in calibration (queued by
the change itself, delivered right after its ack or by the scheduler)."""

from __future__ import annotations

from handlers.kit.message import SlackMessage
from handlers.reviews.manager_messages import calibrated_message
from models.reviews import ManagerReview, ReviewCycle, ReviewMessage, ReviewParticipant
from models.reviews.manager_review import manager_review_of
from scheduler.jobs.base import Job, RenderContext, Skip
from scheduler.jobs.reviews.messages import mention


def render_calibrated(ctx: RenderContext) -> SlackMessage | Skip:
    payload = ctx.row.payload
    cycle = ctx.session.get(ReviewCycle, payload.get("cycle_id"))
    participant = ctx.session.get(ReviewParticipant, payload.get("participant_id"))
    if cycle is None or participant is None or cycle.workspace_id != ctx.workspace.id:
        return Skip("the review no longer exists")
    review: ManagerReview | None = manager_review_of(ctx.session, participant)
    calibration = (review.result or {}).get("calibration") if review is not None else None
    if not isinstance(calibration, dict) or calibration.get("after") != payload.get("after"):
        return Skip("the final rating changed again; that change has its own message")
    return calibrated_message(
        ctx.t,
        mention(ctx, participant.person_id),
        cycle.name,
        int(payload.get("before") or 0),
        int(payload.get("after") or 0),
        str(calibration.get("reason") or ""),
    )


JOB = Job(name="review_calibration", renderers={ReviewMessage.CALIBRATED: render_calibrated})
