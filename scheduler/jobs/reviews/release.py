"""The DMs a release queues (models.reviews.releasing): the employee's result with its breakdown and
the last day to appeal in their own zone, and the reviewing manager's request to hold and log the
one-to-one. Rendered at delivery, in the recipient's language, from what is stored then."""

from __future__ import annotations

from handlers.kit.message import SlackMessage
from handlers.reviews.result_views import feedback_ask_message, result_message
from models.reviews import ReviewAction, ReviewCycle, ReviewMessage, ReviewParticipant, can
from models.reviews.permissions import released
from models.reviews.result import result_for
from scheduler.jobs.base import Job, RenderContext, Skip
from scheduler.jobs.reviews.messages import mention


def _released(ctx: RenderContext) -> tuple[ReviewCycle, ReviewParticipant] | Skip:
    cycle = ctx.session.get(ReviewCycle, ctx.row.payload.get("cycle_id"))
    participant = ctx.session.get(ReviewParticipant, ctx.row.payload.get("target"))
    if cycle is None or participant is None or cycle.workspace_id != ctx.workspace.id:
        return Skip("the review no longer exists")
    if participant.cycle_id != cycle.id or not released(cycle, participant):
        return Skip("the result is not released")
    return cycle, participant


def render_result(ctx: RenderContext) -> SlackMessage | Skip:
    found = _released(ctx)
    if isinstance(found, Skip):
        return found
    cycle, participant = found
    if ctx.recipient is None or ctx.recipient.id != participant.person_id:
        return Skip("a result goes to its employee only")
    result = result_for(ctx.session, ctx.recipient, cycle, participant, ctx.tz_name)
    if result is None:
        return Skip("there is no submitted manager review")
    return result_message(ctx.t, result)


def render_feedback_ask(ctx: RenderContext) -> SlackMessage | Skip:
    found = _released(ctx)
    if isinstance(found, Skip):
        return found
    cycle, participant = found
    if ctx.recipient is None or not can(ctx.recipient, ReviewAction.WRITE_MANAGER_REVIEW, cycle, participant):
        return Skip("the recipient is no longer this report's reviewing manager")
    return feedback_ask_message(ctx.t, participant.id, mention(ctx, participant.person_id), cycle.name)


JOB = Job(
    name="review_release",
    renderers={ReviewMessage.RESULT: render_result, ReviewMessage.FEEDBACK_ASK: render_feedback_ask},
)
