"""Appeal reminders and escalation, through the outbox.

The assignee is reminded 2 working days before the decision deadline, on the day, and each working
day after it; from the first working day after it, the HR lead is told once (every HR admin without a
lead; never anyone with a part in the rating). A statement request or a question to the employee has
its own deadline: the manager or the employee is reminded 2 working days before, on the day and each
working day after. Days are the workspace's working days in its zone (models.appeals.clock).

The sweep reads every open appeal, their trails, HR admins and reporting lines in five statements and
writes what is due in one INSERT: the same statements at any headcount. Dedupe keys name the deadline
and the occasion, so running it twice, or two schedulers at once, sends each once.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers.kit.message import SlackMessage
from models.appeals import (
    OPEN_STATES,
    AppealEntry,
    AppealMessage,
    AppealRow,
    AppealState,
    Nudge,
    appeal_settings,
    calendar_of,
    decision_due,
    hr_to_tell,
    nudges_due,
    part_label,
    parties_from,
    working_days_left,
)
from models.calendar import local_day
from models.messaging import NewMessage, enqueue
from models.people import Person, Role
from models.reviews import ReviewCycle, ReviewParticipant
from models.workspace import Workspace
from models.zones import zone
from scheduler.jobs.appeals import views
from scheduler.jobs.appeals.messages import RENDERERS, appeal_of, detail_of, mention
from scheduler.jobs.base import Job, RenderContext, Skip

HANDLED = (AppealState.UNDER_REVIEW, AppealState.WAITING_FOR_STATEMENT, AppealState.WAITING_FOR_EMPLOYEE)
WAITING = {AppealState.WAITING_FOR_STATEMENT: True, AppealState.WAITING_FOR_EMPLOYEE: False}


def _occasion(nudge: Nudge, due: date, today: date) -> str:
    """Once per deadline before and on the day; once per working day after it."""
    return f"{due.isoformat()}:{nudge.value}" + (f":{today.isoformat()}" if nudge is Nudge.OVERDUE else "")


def sweep(session: Session, now: datetime) -> int:
    found = session.execute(
        select(AppealRow, Workspace, ReviewParticipant)
        .join(Workspace, Workspace.id == AppealRow.workspace_id)
        .join(ReviewParticipant, ReviewParticipant.id == AppealRow.participant_id)
        .where(AppealRow.state.in_(list(OPEN_STATES)))
        .order_by(AppealRow.id)
    ).all()
    if not found:
        return 0
    workspace_ids = sorted({workspace.id for _, workspace, _ in found})
    trails: dict[int, list[AppealEntry]] = defaultdict(list)
    for entry in session.scalars(
        select(AppealEntry)
        .where(AppealEntry.appeal_id.in_([appeal.id for appeal, _, _ in found]))
        .order_by(AppealEntry.at, AppealEntry.id)
    ):
        trails[entry.appeal_id].append(entry)
    admins: dict[int, list[int]] = defaultdict(list)
    managers: dict[int, dict[int, int]] = defaultdict(dict)
    for person_id, workspace_id, role, active, manager_id in session.execute(
        select(Person.id, Person.workspace_id, Person.role, Person.active, Person.manager_id)
        .where(
            Person.workspace_id.in_(workspace_ids),
            (Person.role == Role.HR_ADMIN) | Person.manager_id.is_not(None),
        )
        .order_by(Person.id)
    ):
        if role is Role.HR_ADMIN and active:
            admins[workspace_id].append(person_id)
        if manager_id is not None:
            managers[workspace_id][person_id] = manager_id
    rows: list[NewMessage] = []
    for appeal, workspace, participant in found:
        rows.extend(
            _due_for(
                appeal,
                workspace,
                participant,
                trails[appeal.id],
                admins[workspace.id],
                managers[workspace.id],
                now,
            )
        )
    return enqueue(session, rows, now)


def _due_for(
    appeal: AppealRow,
    workspace: Workspace,
    participant: ReviewParticipant,
    trail: list[AppealEntry],
    admins: list[int],
    managers: dict[int, int],
    now: datetime,
) -> list[NewMessage]:
    settings = appeal_settings(workspace)
    calendar = calendar_of(workspace, settings)
    today = local_day(now, zone(workspace.timezone))
    due = decision_due(workspace, appeal, trail, now, settings)
    rows: list[NewMessage] = []

    def add(kind: AppealMessage, person_id: int | None, occasion: str, **payload: object) -> None:
        if person_id is not None:
            rows.append(
                NewMessage(
                    workspace_id=workspace.id,
                    person_id=person_id,
                    subject_id=appeal.appellant_id,
                    kind=kind,
                    not_before=now,
                    dedupe_key=f"appeal:{appeal.id}:{occasion}:{person_id}",
                    payload={"appeal_id": appeal.id, **payload},
                )
            )

    for nudge in nudges_due(calendar, due, today):
        if nudge is Nudge.ESCALATE:
            parties = parties_from(participant, managers, admins, settings)
            for person_id in hr_to_tell(parties):
                add(AppealMessage.ESCALATED, person_id, f"escalated:{due.isoformat()}", due=due.isoformat())
        elif appeal.state in HANDLED:
            add(
                AppealMessage.DECISION_REMINDER,
                appeal.assignee_id,
                f"remind:decision:{_occasion(nudge, due, today)}",
                due=due.isoformat(),
            )
    if appeal.state in WAITING and appeal.request_due is not None:
        statement = WAITING[appeal.state]
        asker = [e for e in trail if e.to_state is appeal.state]
        asked = asker[-1].id if asker else 0
        recipient = participant.manager_id if statement else appeal.appellant_id
        for nudge in nudges_due(calendar, appeal.request_due, today) - {Nudge.ESCALATE}:
            add(
                AppealMessage.REQUEST_REMINDER,
                recipient,
                f"remind:request:{asked}:{_occasion(nudge, appeal.request_due, today)}",
                due=appeal.request_due.isoformat(),
                statement=statement,
                asked=asked,
            )
    return rows


def render_decision_reminder(ctx: RenderContext) -> SlackMessage | Skip:
    detail = detail_of(ctx)
    if isinstance(detail, Skip):
        return detail
    if not detail.viewer_is_assignee or detail.state not in HANDLED or detail.decision_due is None:
        return Skip("the appeal was decided, withdrawn or reassigned")
    if detail.decision_due.isoformat() != ctx.row.payload.get("due"):
        return Skip("the deadline moved; the new one has its own reminders")
    left = working_days_left(ctx.workspace, detail.decision_due, ctx.now)
    return views.decision_reminder(ctx.t, detail, detail.decision_due, left, ctx.row.id)


def render_escalated(ctx: RenderContext) -> SlackMessage | Skip:
    appeal = appeal_of(ctx)
    if isinstance(appeal, Skip):
        return appeal
    if not appeal.is_open:
        return Skip("the appeal was decided or withdrawn")
    cycle = ctx.session.get(ReviewCycle, appeal.cycle_id)
    due = date.fromisoformat(str(ctx.row.payload.get("due")))
    lead = appeal_settings(ctx.workspace).hr_lead_id
    assignee = mention(ctx.session, appeal.assignee_id) if appeal.assignee_id else "–"
    return views.escalation_message(
        ctx.t, appeal.id, cycle.name if cycle else "", assignee, due, can_assign=lead == ctx.row.person_id
    )


def render_request_reminder(ctx: RenderContext) -> SlackMessage | Skip:
    appeal = appeal_of(ctx)
    if isinstance(appeal, Skip):
        return appeal
    statement = bool(ctx.row.payload.get("statement"))
    waiting = AppealState.WAITING_FOR_STATEMENT if statement else AppealState.WAITING_FOR_EMPLOYEE
    due = appeal.request_due.isoformat() if appeal.request_due else None
    if appeal.state is not waiting or due != ctx.row.payload.get("due"):
        return Skip("the request was answered or changed")
    cycle = ctx.session.get(ReviewCycle, appeal.cycle_id)
    part = part_label(cycle, appeal.part) if cycle else appeal.part
    assert appeal.request_due is not None
    return views.request_reminder(
        ctx.t, appeal.id, part, appeal.request_due, statement=statement, message_id=ctx.row.id
    )


JOB = Job(
    name="appeals",
    sweep=sweep,
    renderers={
        **RENDERERS,
        AppealMessage.DECISION_REMINDER: render_decision_reminder,
        AppealMessage.ESCALATED: render_escalated,
        AppealMessage.REQUEST_REMINDER: render_request_reminder,
    },
    every=timedelta(hours=1),
    # The keys name the deadline (and the day, once overdue): keep sent rows, or an old occasion returns.
    requeues_within={
        AppealMessage.DECISION_REMINDER: None,
        AppealMessage.ESCALATED: None,
        AppealMessage.REQUEST_REMINDER: None,
    },
)
