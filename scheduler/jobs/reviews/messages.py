"""Rendering the DMs review operations queue: launch, nominations to approve, peer requests, declines.

Each renderer looks at the cycle again at delivery time and skips what became moot."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from handlers.kit.message import SlackMessage
from handlers.reviews.message_views import (
    LaunchFacts,
    declined_message,
    launch_message,
    nominations_message,
    peer_request_message,
)
from models.people import Person
from models.reviews import (
    CycleStatus,
    DeadlineExtension,
    NominationStatus,
    PeerNomination,
    ReviewAction,
    ReviewCycle,
    ReviewMessage,
    ReviewParticipant,
    Stage,
    can,
    definition_of,
)
from scheduler.jobs.base import Job, RenderContext, Skip


def _cycle(ctx: RenderContext) -> ReviewCycle | Skip:
    cycle_id = ctx.row.payload.get("cycle_id")
    cycle = ctx.session.get(ReviewCycle, cycle_id) if isinstance(cycle_id, int) else None
    if cycle is None or cycle.workspace_id != ctx.workspace.id:
        return Skip("the review cycle no longer exists")
    if cycle.status is not CycleStatus.LAUNCHED:
        return Skip(f"the review cycle is {cycle.status.value}")
    return cycle


def deadlines_of(ctx: RenderContext, cycle: ReviewCycle, participant_id: int) -> dict[Stage, date]:
    found: dict[Stage, date] = {
        stage: due
        for stage, due in ctx.session.execute(
            select(DeadlineExtension.stage, DeadlineExtension.due).where(
                DeadlineExtension.participant_id == participant_id
            )
        ).all()
    }
    return {stage: max(found.get(stage, cycle.due(stage)), cycle.due(stage)) for stage in Stage}


def mention(ctx: RenderContext, person_id: int | None) -> str:
    person = ctx.session.get(Person, person_id) if person_id is not None else None
    return person.mention if person is not None else "?"


def render_launch(ctx: RenderContext) -> SlackMessage | Skip:
    cycle = _cycle(ctx)
    if isinstance(cycle, Skip):
        return cycle
    participant = ctx.session.scalar(
        select(ReviewParticipant).where(
            ReviewParticipant.cycle_id == cycle.id, ReviewParticipant.person_id == ctx.row.person_id
        )
    )
    if participant is None:
        return Skip("the recipient no longer takes part")
    definition = definition_of(cycle)
    deadlines = deadlines_of(ctx, cycle, participant.id)
    facts = LaunchFacts(cycle.id, cycle.name, deadlines, definition.peers.min, definition.peers.max)
    return launch_message(ctx.t, facts)


def render_nominations(ctx: RenderContext) -> SlackMessage | Skip:
    cycle = _cycle(ctx)
    if isinstance(cycle, Skip):
        return cycle
    participant = ctx.session.get(ReviewParticipant, ctx.row.payload.get("participant_id"))
    if participant is None or participant.cycle_id != cycle.id:
        return Skip("the participant no longer exists")
    if ctx.recipient is None or not can(ctx.recipient, ReviewAction.DECIDE_NOMINATIONS, cycle, participant):
        return Skip("the recipient can no longer approve these nominations")
    live = list(
        ctx.session.scalars(
            select(PeerNomination.reviewer_id).where(
                PeerNomination.participant_id == participant.id,
                PeerNomination.status.in_([NominationStatus.NOMINATED, NominationStatus.APPROVED]),
            )
        )
    )
    pending = ctx.session.scalar(
        select(PeerNomination.id).where(
            PeerNomination.participant_id == participant.id,
            PeerNomination.status == NominationStatus.NOMINATED,
        )
    )
    if pending is None:
        return Skip("the nominations were decided meanwhile")
    peers = [mention(ctx, person_id) for person_id in live]
    due = deadlines_of(ctx, cycle, participant.id)[Stage.PEER_REVIEWS]
    return nominations_message(ctx.t, participant.id, mention(ctx, participant.person_id), peers, due)


def _nomination(ctx: RenderContext) -> tuple[ReviewCycle, PeerNomination, ReviewParticipant] | Skip:
    cycle = _cycle(ctx)
    if isinstance(cycle, Skip):
        return cycle
    nomination = ctx.session.get(PeerNomination, ctx.row.payload.get("nomination_id"))
    participant = ctx.session.get(ReviewParticipant, nomination.participant_id) if nomination else None
    if nomination is None or participant is None or nomination.cycle_id != cycle.id:
        return Skip("the nomination no longer exists")
    return cycle, nomination, participant


def render_peer_request(ctx: RenderContext) -> SlackMessage | Skip:
    found = _nomination(ctx)
    if isinstance(found, Skip):
        return found
    cycle, nomination, participant = found
    if nomination.status is not NominationStatus.APPROVED or nomination.reviewer_id != ctx.row.person_id:
        return Skip(f"the request is {nomination.status.value}")
    due = deadlines_of(ctx, cycle, participant.id)[Stage.PEER_REVIEWS]
    return peer_request_message(ctx.t, nomination.id, mention(ctx, participant.person_id), due)


def render_declined(ctx: RenderContext) -> SlackMessage | Skip:
    found = _nomination(ctx)
    if isinstance(found, Skip):
        return found
    _cycle_found, nomination, participant = found
    if nomination.status is not NominationStatus.DECLINED:
        return Skip("the request is no longer declined")
    return declined_message(
        ctx.t,
        mention(ctx, nomination.reviewer_id),
        mention(ctx, participant.person_id),
        nomination.decline_reason or "",
        to_reviewee=ctx.row.person_id == participant.person_id,
    )


JOB = Job(
    name="review_messages",
    renderers={
        ReviewMessage.LAUNCH: render_launch,
        ReviewMessage.NOMINATIONS: render_nominations,
        ReviewMessage.PEER_REQUEST: render_peer_request,
        ReviewMessage.PEER_DECLINED: render_declined,
    },
    every=timedelta(hours=1),
)
