"""Stage reminders for the manager review, calibration and release, through the outbox.

Manager review: to the reviewing manager who owes a submitted manager review, 3 days and 1 day
before, on the deadline (theirs, with any extension) and on each of the 3 days after; on the 4th day
every HR admin hears how many are still owed, and by which managers. Calibration: to HR admins 3
days and 1 day before and on its deadline, with how many results are in and how many still to come.
Release: to HR admins 3 days and 1 day before and on its deadline, while the cycle is not released.

Each occasion is one INSERT … SELECT per running cycle: the same statements at any headcount.
Submitting a manager review cancels its queued reminders (dedupe keys start with
`cycle:7:manager_review:9:`, models.reviews.messages.reminder_prefix); every renderer looks again
at delivery and skips what became moot.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, and_, func, literal, select
from sqlalchemy.orm import Session, aliased

from handlers.kit.message import SlackMessage
from handlers.reviews.stage_messages import (
    calibration_reminder,
    manager_overdue,
    manager_reminder,
    release_reminder,
)
from models.base import UTCDateTime
from models.messaging import enqueue_select
from models.people import Person, Role
from models.reviews import (
    CycleStatus,
    DeadlineExtension,
    ManagerReview,
    ReviewCycle,
    ReviewMessage,
    ReviewParticipant,
    Stage,
    SubmissionStatus,
    release_preview,
)
from models.reviews.messages import constant_payload, key_of, row_payload
from models.workspace import Workspace
from scheduler.jobs.base import Job, RenderContext, Skip
from scheduler.jobs.reviews.messages import deadlines_of, mention

OFFSETS = (-3, -1, 0, 1, 2, 3)  # days from the manager review deadline
ESCALATE_AFTER = 4
HR_OFFSETS = (-3, -1, 0)  # days from the calibration and release deadlines


def _submitted() -> Any:
    return (
        select(ManagerReview.id)
        .where(
            ManagerReview.participant_id == ReviewParticipant.id,
            ManagerReview.status == SubmissionStatus.SUBMITTED,
        )
        .exists()
    )


def owed_manager_reviews(cycle: ReviewCycle, due: date) -> Select[int, int, int | None]:
    """(participant, employee, reviewing manager) of manager reviews owed, due on `due`, by an active
    reviewing manager."""
    ext = aliased(DeadlineExtension, name="ext")
    manager = aliased(Person, name="manager_person")
    on_ext = and_(ext.participant_id == ReviewParticipant.id, ext.stage == Stage.MANAGER_REVIEW)
    return (
        select(
            ReviewParticipant.id.label("target"),
            ReviewParticipant.person_id.label("employee"),
            ReviewParticipant.manager_id.label("manager"),
        )
        .join(manager, manager.id == ReviewParticipant.manager_id)
        .outerjoin(ext, on_ext)
        .where(
            ReviewParticipant.cycle_id == cycle.id,
            manager.active.is_(True),
            func.coalesce(ext.due, cycle.manager_due) == due,
            ~_submitted(),
        )
    )


def _manager_rows(cycle: ReviewCycle, offset: int, now: datetime, today: date) -> Select[Any]:
    due = today - timedelta(days=offset)
    item = owed_manager_reviews(cycle, due).subquery()
    return select(
        literal(cycle.workspace_id).label("workspace_id"),
        item.c.manager.label("person_id"),
        item.c.employee.label("subject_id"),
        literal(ReviewMessage.MANAGER_REMINDER.value).label("kind"),
        key_of(
            f"cycle:{cycle.id}:{Stage.MANAGER_REVIEW.value}:", item.c.target, f":{due.isoformat()}:d{offset}"
        ).label("dedupe_key"),
        row_payload(item.c.target, cycle_id=cycle.id, due=due.isoformat(), offset=offset).label("payload"),
        literal(now, UTCDateTime()).label("not_before"),
        literal(True).label("working_hours"),
    ).select_from(item)


def _to_hr(cycle: ReviewCycle, kind: ReviewMessage, key: str, now: datetime, **payload: Any) -> Select[Any]:
    """One row per active HR admin of the cycle's workspace."""
    return select(
        literal(cycle.workspace_id).label("workspace_id"),
        Person.id.label("person_id"),
        literal(kind.value).label("kind"),
        key_of(key, Person.id).label("dedupe_key"),
        constant_payload(cycle_id=cycle.id, **payload).label("payload"),
        literal(now, UTCDateTime()).label("not_before"),
        literal(True).label("working_hours"),
    ).where(Person.workspace_id == cycle.workspace_id, Person.role == Role.HR_ADMIN, Person.active.is_(True))


def _overdue_rows(cycle: ReviewCycle, now: datetime, today: date) -> Select[Any]:
    due = today - timedelta(days=ESCALATE_AFTER)
    key = f"cycle:{cycle.id}:{Stage.MANAGER_REVIEW.value}:overdue:{due.isoformat()}:hr:"
    owed = owed_manager_reviews(cycle, due).exists()
    return _to_hr(cycle, ReviewMessage.MANAGER_OVERDUE, key, now, due=due.isoformat()).where(owed)


def sweep(session: Session, now: datetime) -> int:
    """One statement for the running cycles, then at most 9 per cycle, however many people take part."""
    today = now.astimezone(UTC).date()
    queued = 0
    running = session.scalars(
        select(ReviewCycle).where(ReviewCycle.status == CycleStatus.LAUNCHED).order_by(ReviewCycle.id)
    ).all()
    for cycle in running:
        for offset in OFFSETS:
            queued += enqueue_select(session, _manager_rows(cycle, offset, now, today), now)
        queued += enqueue_select(session, _overdue_rows(cycle, now, today), now)
        for stage, kind in (
            (Stage.CALIBRATION, ReviewMessage.CALIBRATION_REMINDER),
            (Stage.RELEASE, ReviewMessage.RELEASE_REMINDER),
        ):
            offset = (today - cycle.due(stage)).days
            if offset in HR_OFFSETS:
                due = cycle.due(stage)
                key = f"cycle:{cycle.id}:{stage.value}:{due.isoformat()}:d{offset}:hr:"
                rows = _to_hr(cycle, kind, key, now, due=due.isoformat(), offset=offset)
                queued += enqueue_select(session, rows, now)
    return queued


def _running(ctx: RenderContext) -> ReviewCycle | Skip:
    cycle = ctx.session.get(ReviewCycle, ctx.row.payload.get("cycle_id"))
    if cycle is None or cycle.workspace_id != ctx.workspace.id or cycle.status is not CycleStatus.LAUNCHED:
        return Skip("the review cycle is not running")
    return cycle


def render_manager_reminder(ctx: RenderContext) -> SlackMessage | Skip:
    cycle = _running(ctx)
    if isinstance(cycle, Skip):
        return cycle
    participant = ctx.session.get(ReviewParticipant, ctx.row.payload.get("target"))
    if participant is None or participant.cycle_id != cycle.id or participant.manager_id != ctx.row.person_id:
        return Skip("the recipient is no longer this report's reviewing manager")
    status = ctx.session.scalar(
        select(ManagerReview.status).where(ManagerReview.participant_id == participant.id)
    )
    if status is SubmissionStatus.SUBMITTED:
        return Skip("the manager review was submitted")
    due = deadlines_of(ctx, cycle, participant.id)[Stage.MANAGER_REVIEW]
    if due.isoformat() != ctx.row.payload.get("due"):
        return Skip("the deadline moved; the new one has its own reminders")
    offset = int(ctx.row.payload.get("offset") or 0)
    employee = mention(ctx, participant.person_id)
    return manager_reminder(ctx.t, participant.id, employee, cycle.name, offset, due, message_id=ctx.row.id)


def render_manager_overdue(ctx: RenderContext) -> SlackMessage | Skip:
    cycle = _running(ctx)
    if isinstance(cycle, Skip):
        return cycle
    due = date.fromisoformat(str(ctx.row.payload.get("due")))
    owed = owed_manager_reviews(cycle, due).subquery()
    managers = list(
        ctx.session.execute(
            select(Person.slack_user_id, func.count())
            .join(owed, owed.c.manager == Person.id)
            .group_by(Person.slack_user_id)
            .order_by(Person.slack_user_id)
        ).all()
    )
    if not managers:
        return Skip("the overdue manager reviews were submitted")
    total = sum(int(n) for _, n in managers)
    named = [f"<@{user}> ({n})" for user, n in managers[:20]]
    return manager_overdue(ctx.t, cycle.id, cycle.name, due, named, total)


def _hr_due(ctx: RenderContext, cycle: ReviewCycle, stage: Stage) -> tuple[int, date] | Skip:
    due = cycle.due(stage)
    if ctx.row.person_id is None or due.isoformat() != ctx.row.payload.get("due"):
        return Skip("the deadline moved; the new one has its own reminders")
    return int(ctx.row.payload.get("offset") or 0), due


def render_calibration_reminder(ctx: RenderContext) -> SlackMessage | Skip:
    cycle = _running(ctx)
    if isinstance(cycle, Skip):
        return cycle
    found = _hr_due(ctx, cycle, Stage.CALIBRATION)
    if isinstance(found, Skip):
        return found
    offset, due = found
    submitted, total = _calibration_counts(ctx.session, cycle)
    return calibration_reminder(ctx.t, cycle.id, cycle.name, offset, due, submitted, total - submitted)


def _calibration_counts(session: Session, cycle: ReviewCycle) -> tuple[int, int]:
    """(submitted manager reviews, participants) of the cycle: one statement."""
    submitted = (
        select(func.count()).where(ReviewParticipant.cycle_id == cycle.id, _submitted()).scalar_subquery()
    )
    total = select(func.count()).where(ReviewParticipant.cycle_id == cycle.id).scalar_subquery()
    row = session.execute(select(submitted, total)).one()
    return int(row[0] or 0), int(row[1] or 0)


def render_release_reminder(ctx: RenderContext) -> SlackMessage | Skip:
    cycle = _running(ctx)
    if isinstance(cycle, Skip):
        return cycle
    found = _hr_due(ctx, cycle, Stage.RELEASE)
    if isinstance(found, Skip):
        return found
    offset, due = found
    workspace = ctx.session.get(Workspace, cycle.workspace_id)
    assert workspace is not None
    counts = release_preview(ctx.session, workspace, None, cycle.id)
    if counts.ready == 0 and counts.waiting == 0:
        return Skip("every result is released")
    return release_reminder(ctx.t, cycle.id, cycle.name, offset, due, counts.ready, counts.waiting)


JOB = Job(
    name="review_stage_reminders",
    sweep=sweep,
    renderers={
        ReviewMessage.MANAGER_REMINDER: render_manager_reminder,
        ReviewMessage.MANAGER_OVERDUE: render_manager_overdue,
        ReviewMessage.CALIBRATION_REMINDER: render_calibration_reminder,
        ReviewMessage.RELEASE_REMINDER: render_release_reminder,
    },
    every=timedelta(hours=1),
)
