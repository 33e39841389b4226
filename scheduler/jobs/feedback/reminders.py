"""Development action reminders: 7 days and 1 day before an open action's due date, and on the day, to
its owner. `reminder.*`: they wait for the owner's working hours and can be snoozed, never muted.

The sweep writes them with one INSERT … SELECT per offset, across workspaces: three statements,
however many actions. Keys name the occasion (`feedback:action:8:due:2026-12-08:d-1`), so sweeping
twice writes nothing new and a changed due date gets reminders of its own; the renderer looks at the
action again at delivery time and skips what became moot (done, removed, moved, another owner).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Select, literal, select
from sqlalchemy.orm import Session

from handlers.feedback import action_reminder
from handlers.kit.message import SlackMessage
from models.base import UTCDateTime
from models.feedback import REMINDER_DAYS, DevelopmentAction, FeedbackMessage
from models.messaging import enqueue_select
from models.people import Person
from models.reviews import ReviewParticipant, key_of, row_payload
from scheduler.jobs.base import Job, RenderContext, Skip


def due_rows(days: int, now: datetime) -> Select[Any]:
    """Open actions due `days` days after today (UTC), to their active owners, in every workspace."""
    due = now.astimezone(UTC).date() + timedelta(days=days)
    return (
        select(
            DevelopmentAction.workspace_id.label("workspace_id"),
            DevelopmentAction.owner_id.label("person_id"),
            ReviewParticipant.person_id.label("subject_id"),
            literal(FeedbackMessage.ACTION_DUE.value).label("kind"),
            key_of("feedback:action:", DevelopmentAction.id, f":due:{due.isoformat()}:d-{days}").label(
                "dedupe_key"
            ),
            row_payload(DevelopmentAction.id, due=due.isoformat(), days=days).label("payload"),
            literal(now, UTCDateTime()).label("not_before"),
            literal(True).label("working_hours"),
        )
        .select_from(DevelopmentAction)
        .join(ReviewParticipant, ReviewParticipant.id == DevelopmentAction.participant_id)
        .join(Person, Person.id == DevelopmentAction.owner_id)
        .where(
            DevelopmentAction.due_on == due,
            DevelopmentAction.done_at.is_(None),
            Person.workspace_id == DevelopmentAction.workspace_id,
            Person.active.is_(True),
        )
    )


def sweep(session: Session, now: datetime) -> int:
    return sum(enqueue_select(session, due_rows(days, now), now) for days in REMINDER_DAYS)


def render_due(ctx: RenderContext) -> SlackMessage | Skip:
    action_id = ctx.row.payload.get("target")
    action = ctx.session.get(DevelopmentAction, action_id) if isinstance(action_id, int) else None
    if action is None or action.workspace_id != ctx.workspace.id:
        return Skip("the development action no longer exists")
    if action.done_at is not None:
        return Skip("the development action is done")
    if ctx.recipient is None or action.owner_id != ctx.recipient.id:
        return Skip("the recipient no longer owns the development action")
    if ctx.row.payload.get("due") != action.due_on.isoformat():
        return Skip("the development action's due date changed")
    # Counted where the reader is: the row was keyed on the UTC date, the reader may be a day off.
    days_left = (action.due_on - ctx.now.astimezone(ctx.tz).date()).days
    if days_left < 0:
        return Skip("the due date has passed")
    participant = ctx.session.get(ReviewParticipant, action.participant_id)
    employee = ctx.session.get(Person, participant.person_id) if participant is not None else None
    return action_reminder(ctx.t, action, employee.mention if employee is not None else "?", days_left)


JOB = Job(
    name="feedback_reminders",
    sweep=sweep,
    renderers={FeedbackMessage.ACTION_DUE: render_due},
    every=timedelta(hours=1),
    # An action's reminder can be met again only while its 7 days run.
    requeues_within={FeedbackMessage.ACTION_DUE: timedelta(days=8)},
)
