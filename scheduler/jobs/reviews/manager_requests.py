"""One DM per report to the reviewing manager, with a "Write review" button, through the outbox.

A report is ready when the manager review stage opens (the day after the peer reviews' deadline), or
earlier once their self-assessment is submitted and the peer aggregate is in (the cycle's minimum of
peer reviews received). One INSERT … SELECT per running cycle, at any headcount; the dedupe key
(`cycle:7:manager:request:9`) makes it one DM per report whichever way it became ready.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Select, func, literal, select
from sqlalchemy.orm import Session, aliased

from handlers.kit.message import SlackMessage
from handlers.reviews.manager_messages import manager_request_message
from models.base import UTCDateTime
from models.messaging import enqueue_select
from models.people import Person
from models.reviews import (
    CycleStatus,
    ManagerReview,
    PeerReview,
    ReviewAction,
    ReviewCycle,
    ReviewMessage,
    ReviewParticipant,
    SelfAssessment,
    Stage,
    SubmissionStatus,
    can,
    definition_of,
)
from models.reviews.messages import key_of, row_payload
from scheduler.jobs.base import Job, RenderContext, Skip
from scheduler.jobs.reviews.messages import deadlines_of, mention


def ready_reports(cycle: ReviewCycle, now: datetime) -> Select[Any]:
    """The outbox rows for reports whose manager review can be written and is not submitted yet."""
    stage_open = now.astimezone(UTC).date() > cycle.peer_due
    reviewed = select(ManagerReview.id).where(
        ManagerReview.participant_id == ReviewParticipant.id,
        ManagerReview.status == SubmissionStatus.SUBMITTED,
    )
    manager = aliased(Person, name="manager_person")
    rows = (
        select(
            literal(cycle.workspace_id).label("workspace_id"),
            ReviewParticipant.manager_id.label("person_id"),
            ReviewParticipant.person_id.label("subject_id"),
            literal(ReviewMessage.MANAGER_REQUEST.value).label("kind"),
            key_of(f"cycle:{cycle.id}:manager:request:", ReviewParticipant.id).label("dedupe_key"),
            row_payload(ReviewParticipant.id, cycle_id=cycle.id).label("payload"),
            literal(now, UTCDateTime()).label("not_before"),
            literal(True).label("working_hours"),
        )
        .join(manager, manager.id == ReviewParticipant.manager_id)
        .where(ReviewParticipant.cycle_id == cycle.id, manager.active.is_(True), ~reviewed.exists())
    )
    if stage_open:
        return rows
    self_done = select(SelfAssessment.id).where(
        SelfAssessment.participant_id == ReviewParticipant.id,
        SelfAssessment.status == SubmissionStatus.SUBMITTED,
    )
    peers_in = (
        select(func.count(PeerReview.id))
        .where(PeerReview.participant_id == ReviewParticipant.id)
        .scalar_subquery()
    )
    return rows.where(self_done.exists(), peers_in >= definition_of(cycle).peers.min)


def sweep(session: Session, now: datetime) -> int:
    """One statement for the running cycles, then one per cycle whose manager stage has not closed."""
    today = now.astimezone(UTC).date()
    queued = 0
    running = session.scalars(
        select(ReviewCycle).where(ReviewCycle.status == CycleStatus.LAUNCHED).order_by(ReviewCycle.id)
    ).all()
    for cycle in running:
        if today <= cycle.manager_due:
            queued += enqueue_select(session, ready_reports(cycle, now), now)
    return queued


def render_manager_request(ctx: RenderContext) -> SlackMessage | Skip:
    cycle = ctx.session.get(ReviewCycle, ctx.row.payload.get("cycle_id"))
    if cycle is None or cycle.workspace_id != ctx.workspace.id or cycle.status is not CycleStatus.LAUNCHED:
        return Skip("the review cycle is not running")
    participant = ctx.session.get(ReviewParticipant, ctx.row.payload.get("target"))
    if participant is None or participant.cycle_id != cycle.id:
        return Skip("the participant no longer exists")
    if ctx.recipient is None or not can(ctx.recipient, ReviewAction.WRITE_MANAGER_REVIEW, cycle, participant):
        return Skip("the recipient is no longer this report's reviewing manager")
    status = ctx.session.scalar(
        select(ManagerReview.status).where(ManagerReview.participant_id == participant.id)
    )
    if status is SubmissionStatus.SUBMITTED:
        return Skip("the manager review was submitted")
    due = deadlines_of(ctx, cycle, participant.id)[Stage.MANAGER_REVIEW]
    return manager_request_message(
        ctx.t,
        participant.id,
        mention(ctx, participant.person_id),
        cycle.name,
        due,
        stage_open=ctx.now.astimezone(UTC).date() > cycle.peer_due,
    )


JOB = Job(
    name="review_manager_requests",
    sweep=sweep,
    renderers={ReviewMessage.MANAGER_REQUEST: render_manager_request},
    every=timedelta(hours=1),
    requeues_within={ReviewMessage.MANAGER_REQUEST: None},  # for as long as the cycle runs
)
