"""Rendering the DMs appeal operations queue. Each renderer reads the appeal again at delivery, as the
recipient may read it (the service's own views, with the recipient as the reader), and skips what
became moot: a reassigned appeal, an answered request, a reversed decision."""

from __future__ import annotations

from sqlalchemy.orm import Session

from handlers.kit.message import SlackMessage
from models.appeals import (
    OUTCOME_LABELS,
    AppealDetail,
    AppealMessage,
    AppealRow,
    AppealState,
    appeal_detail,
    appeal_settings,
    employee_question,
    expected_by,
    part_label,
    statement_request,
)
from models.errors import DomainError
from models.people import Person
from models.reviews import ReviewCycle
from scheduler.jobs.appeals import views
from scheduler.jobs.base import RenderContext, Renderer, Skip


def appeal_of(ctx: RenderContext) -> AppealRow | Skip:
    appeal_id = ctx.row.payload.get("appeal_id")
    appeal = ctx.session.get(AppealRow, appeal_id) if isinstance(appeal_id, int) else None
    if appeal is None or appeal.workspace_id != ctx.workspace.id:
        return Skip("the appeal no longer exists")
    return appeal


def detail_of(ctx: RenderContext) -> AppealDetail | Skip:
    """The record as the recipient may read it; Skip if they no longer may."""
    appeal = appeal_of(ctx)
    if isinstance(appeal, Skip):
        return appeal
    if ctx.recipient is None:
        return Skip("no recipient")
    try:
        return appeal_detail(ctx.session, ctx.workspace, ctx.recipient, appeal.id, ctx.now)
    except DomainError:
        return Skip("the recipient may no longer read this appeal")


def mention(session: Session, person_id: int | None) -> str:
    person = session.get(Person, person_id) if person_id is not None else None
    return person.mention if person is not None else "?"


def render_assigned(ctx: RenderContext) -> SlackMessage | Skip:
    detail = detail_of(ctx)
    if isinstance(detail, Skip):
        return detail
    if not detail.viewer_is_assignee or detail.state not in (
        AppealState.UNDER_REVIEW,
        AppealState.WAITING_FOR_STATEMENT,
        AppealState.WAITING_FOR_EMPLOYEE,
    ):
        return Skip("the appeal was reassigned or closed meanwhile")
    appeal = ctx.session.get(AppealRow, detail.id)
    return views.assigned_message(
        ctx.t, detail, mention(ctx.session, appeal.appellant_id if appeal else None)
    )


def render_filed(ctx: RenderContext) -> SlackMessage | Skip:
    detail = detail_of(ctx)
    if isinstance(detail, Skip):
        return detail
    expected = expected_by(ctx.workspace, detail.decision_due, ctx.tz_name) if detail.decision_due else None
    return views.filed_message(ctx.t, detail, expected)


def render_unassigned(ctx: RenderContext) -> SlackMessage | Skip:
    appeal = appeal_of(ctx)
    if isinstance(appeal, Skip):
        return appeal
    if appeal.assignee_id is not None or not appeal.is_open:
        return Skip("the appeal was assigned meanwhile")
    cycle = ctx.session.get(ReviewCycle, appeal.cycle_id)
    lead = appeal_settings(ctx.workspace).hr_lead_id
    return views.unassigned_message(
        ctx.t,
        appeal.id,
        cycle.name if cycle else "",
        can_assign=lead is not None and lead == ctx.row.person_id,
    )


def render_statement_request(ctx: RenderContext) -> SlackMessage | Skip:
    appeal = appeal_of(ctx)
    if isinstance(appeal, Skip) or ctx.recipient is None:
        return appeal if isinstance(appeal, Skip) else Skip("no recipient")
    try:
        request = statement_request(ctx.session, ctx.workspace, ctx.recipient, appeal.id)
    except DomainError:
        return Skip("the statement is no longer asked for")
    return views.statement_request_message(ctx.t, request)


def render_question(ctx: RenderContext) -> SlackMessage | Skip:
    appeal = appeal_of(ctx)
    if isinstance(appeal, Skip) or ctx.recipient is None:
        return appeal if isinstance(appeal, Skip) else Skip("no recipient")
    try:
        question = employee_question(ctx.session, ctx.workspace, ctx.recipient, appeal.id)
    except DomainError:
        return Skip("the question is no longer open")
    return views.question_message(ctx.t, question)


def render_answered(ctx: RenderContext) -> SlackMessage | Skip:
    detail = detail_of(ctx)
    if isinstance(detail, Skip):
        return detail
    if not detail.viewer_is_assignee:
        return Skip("the appeal was reassigned meanwhile")
    return views.answered_message(ctx.t, detail, statement=bool(ctx.row.payload.get("statement")))


def render_decided(ctx: RenderContext) -> SlackMessage | Skip:
    detail = detail_of(ctx)
    if isinstance(detail, Skip):
        return detail
    if detail.state is not AppealState.DECIDED:
        return Skip("the appeal was reopened meanwhile")
    return views.decided_message(ctx.t, detail)


def render_outcome(ctx: RenderContext) -> SlackMessage | Skip:
    """To the reviewing manager: the outcome only, never the reasons."""
    appeal = appeal_of(ctx)
    if isinstance(appeal, Skip):
        return appeal
    cycle = ctx.session.get(ReviewCycle, appeal.cycle_id)
    if cycle is None or appeal.state is not AppealState.DECIDED or appeal.outcome is None:
        return Skip("the appeal was reopened meanwhile")
    return views.outcome_message(
        ctx.t,
        mention(ctx.session, appeal.appellant_id),
        part_label(cycle, appeal.part),
        cycle.name,
        OUTCOME_LABELS[appeal.outcome],
    )


def render_withdrawn(ctx: RenderContext) -> SlackMessage | Skip:
    appeal = appeal_of(ctx)
    if isinstance(appeal, Skip):
        return appeal
    cycle = ctx.session.get(ReviewCycle, appeal.cycle_id)
    if cycle is None or appeal.state is not AppealState.WITHDRAWN:
        return Skip("the appeal is not withdrawn")
    return views.withdrawn_message(
        ctx.t, mention(ctx.session, appeal.appellant_id), part_label(cycle, appeal.part), cycle.name
    )


def render_reopened(ctx: RenderContext) -> SlackMessage | Skip:
    detail = detail_of(ctx)
    if isinstance(detail, Skip):
        return detail
    if detail.state is AppealState.DECIDED or detail.state is AppealState.WITHDRAWN:
        return Skip("the appeal was closed again meanwhile")
    return views.reopened_message(ctx.t, detail)


RENDERERS: dict[str, Renderer] = {
    AppealMessage.ASSIGNED: render_assigned,
    AppealMessage.FILED: render_filed,
    AppealMessage.UNASSIGNED: render_unassigned,
    AppealMessage.STATEMENT_REQUEST: render_statement_request,
    AppealMessage.QUESTION: render_question,
    AppealMessage.ANSWERED: render_answered,
    AppealMessage.DECIDED: render_decided,
    AppealMessage.OUTCOME: render_outcome,
    AppealMessage.WITHDRAWN: render_withdrawn,
    AppealMessage.REOPENED: render_reopened,
}
