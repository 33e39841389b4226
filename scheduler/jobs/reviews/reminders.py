"""Stage reminders for review cycles, through the outbox.

For the self-assessment, the peer nominations and each peer review: 3 days before, 1 day before and
on the deadline to whoever still owes it; after it, once a day for 3 days; on the 4th day the
person's manager is told (HR admins, for someone without an active manager). Each is one
INSERT … SELECT per occasion, stage and running cycle: the same statements at any headcount.
Submitting cancels what is still queued (models.reviews.messages.cancel_queued); each renderer
looks again at delivery and skips what was done meanwhile.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, and_, func, literal, select
from sqlalchemy.orm import Session, aliased

from handlers.kit.message import SlackMessage
from handlers.reviews.message_views import overdue_message, stage_reminder
from models.base import UTCDateTime
from models.messaging import enqueue_select
from models.people import Person, Role
from models.reviews import (
    CycleStatus,
    DeadlineExtension,
    NominationStatus,
    PeerNomination,
    ReviewCycle,
    ReviewMessage,
    ReviewParticipant,
    SelfAssessment,
    Stage,
    SubmissionStatus,
)
from models.reviews.messages import key_of, row_payload
from scheduler.jobs.base import Job, RenderContext, Skip
from scheduler.jobs.reviews.messages import deadlines_of, mention

OFFSETS = (-3, -1, 0, 1, 2, 3)  # days from the deadline: before (negative), on the day, after
ESCALATE_AFTER = 4
REMINDED = (Stage.SELF_ASSESSMENT, Stage.PEER_NOMINATION, Stage.PEER_REVIEWS)
KINDS = {
    Stage.SELF_ASSESSMENT: ReviewMessage.SELF_REMINDER,
    Stage.PEER_NOMINATION: ReviewMessage.NOMINATION_REMINDER,
    Stage.PEER_REVIEWS: ReviewMessage.PEER_REMINDER,
}


def owed(cycle: ReviewCycle, stage: Stage, due: date) -> Select[Any]:
    """(workspace, owing person, the participant's person, target id) of what is owed, due on `due`."""
    ext = aliased(DeadlineExtension, name="ext")
    effective = func.coalesce(ext.due, cycle.due(stage))
    on_ext = and_(ext.participant_id == ReviewParticipant.id, ext.stage == stage)
    if stage is Stage.PEER_REVIEWS:
        rows = (
            select(PeerNomination.reviewer_id.label("owner"), PeerNomination.id.label("target"))
            .join(ReviewParticipant, ReviewParticipant.id == PeerNomination.participant_id)
            .outerjoin(ext, on_ext)
            .where(PeerNomination.status == NominationStatus.APPROVED)
        )
    elif stage is Stage.SELF_ASSESSMENT:
        done = select(SelfAssessment.id).where(
            SelfAssessment.participant_id == ReviewParticipant.id,
            SelfAssessment.status == SubmissionStatus.SUBMITTED,
        )
        rows = (
            select(ReviewParticipant.person_id.label("owner"), ReviewParticipant.id.label("target"))
            .outerjoin(ext, on_ext)
            .where(~done.exists())
        )
    else:
        rows = (
            select(ReviewParticipant.person_id.label("owner"), ReviewParticipant.id.label("target"))
            .outerjoin(ext, on_ext)
            .where(ReviewParticipant.nominated_at.is_(None))
        )
    return rows.add_columns(
        ReviewParticipant.person_id.label("reviewee"), ReviewParticipant.manager_id
    ).where(ReviewParticipant.cycle_id == cycle.id, effective == due)


def _rows(cycle: ReviewCycle, stage: Stage, offset: int, now: datetime, today: date) -> Select[Any]:
    due = today - timedelta(days=offset)
    item = owed(cycle, stage, due).subquery()
    owner = aliased(Person, name="owner_person")
    return (
        select(
            literal(cycle.workspace_id).label("workspace_id"),
            item.c.owner.label("person_id"),
            item.c.reviewee.label("subject_id"),
            literal(KINDS[stage].value).label("kind"),
            key_of(f"cycle:{cycle.id}:{stage.value}:", item.c.target, f":{due.isoformat()}:d{offset}").label(
                "dedupe_key"
            ),
            row_payload(item.c.target, cycle_id=cycle.id, due=due.isoformat(), offset=offset).label(
                "payload"
            ),
            literal(now, UTCDateTime()).label("not_before"),
            literal(True).label("working_hours"),
        )
        .select_from(item)
        .join(owner, owner.id == item.c.owner)
        .where(owner.active.is_(True))
    )


def _escalations(cycle: ReviewCycle, stage: Stage, now: datetime, today: date, *, to_hr: bool) -> Select[Any]:
    """Still owed 4 days after the deadline: to the manager (the owner's own manager, for a peer
    review; the reviewing manager otherwise), or every HR admin for someone without an active one."""
    due = today - timedelta(days=ESCALATE_AFTER)
    item = owed(cycle, stage, due).subquery()
    owner = aliased(Person, name="owner_person")
    manager = aliased(Person, name="manager_person")
    told = aliased(Person, name="told")
    manager_id = owner.manager_id if stage is Stage.PEER_REVIEWS else item.c.manager_id
    rows = select(item, told.id.label("told_id")).select_from(item).join(owner, owner.id == item.c.owner)
    if to_hr:
        rows = (
            rows.outerjoin(manager, manager.id == manager_id)
            .join(
                told,
                and_(
                    told.workspace_id == cycle.workspace_id,
                    told.role == Role.HR_ADMIN,
                    told.active.is_(True),
                    told.id != item.c.owner,
                ),
            )
            .where((manager.id.is_(None)) | (manager.active.is_(False)))
        )
    else:
        rows = rows.join(told, told.id == manager_id).where(told.active.is_(True))
    found = rows.where(owner.active.is_(True)).subquery()
    return select(
        literal(cycle.workspace_id).label("workspace_id"),
        found.c.told_id.label("person_id"),
        found.c.owner.label("subject_id"),
        literal(ReviewMessage.OVERDUE.value).label("kind"),
        key_of(
            f"cycle:{cycle.id}:{stage.value}:",
            found.c.target,
            f":{due.isoformat()}:overdue:person:",
            found.c.told_id,
        ).label("dedupe_key"),
        row_payload(found.c.target, cycle_id=cycle.id, due=due.isoformat(), stage=stage.value).label(
            "payload"
        ),
        literal(now, UTCDateTime()).label("not_before"),
        literal(True).label("working_hours"),
    ).select_from(found)


def sweep(session: Session, now: datetime) -> int:
    """One statement for the running cycles, then 24 per cycle, however many people take part."""
    today = now.astimezone(UTC).date()
    queued = 0
    running = session.scalars(
        select(ReviewCycle).where(ReviewCycle.status == CycleStatus.LAUNCHED).order_by(ReviewCycle.id)
    ).all()
    for cycle in running:
        for stage in REMINDED:
            for offset in OFFSETS:
                queued += enqueue_select(session, _rows(cycle, stage, offset, now, today), now)
            for to_hr in (False, True):
                queued += enqueue_select(session, _escalations(cycle, stage, now, today, to_hr=to_hr), now)
    return queued


STAGE_OF_KIND = {kind.value: stage for stage, kind in KINDS.items()}


def _still_owed(ctx: RenderContext) -> tuple[ReviewCycle, Stage, ReviewParticipant, int, date] | Skip:
    """The cycle, stage, participant, target and deadline of a reminder row, if it is still owed."""
    payload = ctx.row.payload
    cycle = ctx.session.get(ReviewCycle, payload.get("cycle_id"))
    if cycle is None or cycle.workspace_id != ctx.workspace.id or cycle.status is not CycleStatus.LAUNCHED:
        return Skip("the review cycle is not running")
    stage = STAGE_OF_KIND.get(ctx.row.kind) or Stage(str(payload.get("stage")))
    target = int(payload.get("target") or 0)
    if stage is Stage.PEER_REVIEWS:
        nomination = ctx.session.get(PeerNomination, target)
        if nomination is None or nomination.status is not NominationStatus.APPROVED:
            return Skip("the peer review is no longer owed")
        participant = ctx.session.get(ReviewParticipant, nomination.participant_id)
    else:
        participant = ctx.session.get(ReviewParticipant, target)
    if participant is None:
        return Skip("the participant no longer exists")
    if stage is Stage.SELF_ASSESSMENT:
        status = ctx.session.scalar(
            select(SelfAssessment.status).where(SelfAssessment.participant_id == participant.id)
        )
        if status is SubmissionStatus.SUBMITTED:
            return Skip("the self-assessment was submitted")
    if stage is Stage.PEER_NOMINATION and participant.nominated_at is not None:
        return Skip("the peers were nominated")
    due = deadlines_of(ctx, cycle, participant.id)[stage]
    if due.isoformat() != payload.get("due"):
        return Skip("the deadline moved; the new one has its own reminders")
    return cycle, stage, participant, target, due


def render_reminder(ctx: RenderContext) -> SlackMessage | Skip:
    found = _still_owed(ctx)
    if isinstance(found, Skip):
        return found
    cycle, stage, participant, target, due = found
    offset = int(ctx.row.payload.get("offset") or 0)
    reviewee = mention(ctx, participant.person_id)
    return stage_reminder(
        ctx.t, stage, cycle.id, cycle.name, offset, due, target, reviewee, message_id=ctx.row.id
    )


def render_overdue(ctx: RenderContext) -> SlackMessage | Skip:
    found = _still_owed(ctx)
    if isinstance(found, Skip):
        return found
    cycle, stage, _participant, _target, due = found
    return overdue_message(ctx.t, stage, cycle.name, mention(ctx, ctx.row.subject_id), due)


JOB = Job(
    name="review_reminders",
    sweep=sweep,
    renderers={
        ReviewMessage.SELF_REMINDER: render_reminder,
        ReviewMessage.NOMINATION_REMINDER: render_reminder,
        ReviewMessage.PEER_REMINDER: render_reminder,
        ReviewMessage.OVERDUE: render_overdue,
    },
    every=timedelta(hours=1),
)
