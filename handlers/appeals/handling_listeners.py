"""Buttons and modals that move an appeal along: view the record; HR decides, asks for a statement or a
question, assigns, reopens; the manager writes the statement; the appellant answers or withdraws.

A button on a DM or on Home opens its modal; the same button inside the record modal pushes it on top,
and its submission then closes both (`clear`). Every change ends in one domain call, whose messages are
delivered right after the ack."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient
from slack_sdk.models.views import View
from sqlalchemy.orm import Session

from handlers.appeals.detail_views import detail_modal, headline
from handlers.appeals.form import State, text
from handlers.appeals.handling_views import (
    AppealModalState,
    answer_modal,
    ask_employee_modal,
    ask_statement_modal,
    assign_modal,
    decide_modal,
    notice_modal,
    read_assignee,
    read_decision,
    read_question,
    read_statement_request,
    reopen_modal,
    statement_modal,
    withdraw_modal,
)
from handlers.appeals.ids import AppealButton, AppealCallback, Field
from handlers.appeals.request_views import question_text, request_text
from handlers.context import Actor
from handlers.deps import Deps
from handlers.kit.submission import Done, submit
from models.appeals import (
    AppealRow,
    answer_employee,
    answer_statement,
    appeal_detail,
    ask_employee,
    ask_statement,
    assign_appeal,
    decide_appeal,
    employee_question,
    reopen_appeal,
    statement_request,
    withdraw_appeal,
)
from models.errors import DomainError
from models.i18n import N_
from models.people import people_by_slack_ids
from models.reviews import definition_of, get_cycle
from models.zones import zone

REQUEST_DAYS = 5  # a statement or an answer is asked for within this many days, unless HR picks another


def _appeal_id(body: dict[str, Any]) -> int:
    raw = str(((body.get("actions") or [{}])[0]).get("value") or "")
    return int(raw) if raw.isdigit() else 0


def _request_due(actor: Actor, now: datetime) -> date:
    return now.astimezone(zone(actor.person.tz)).date() + timedelta(days=REQUEST_DAYS)


def _scale(session: Session, actor: Actor, cycle_id: int) -> list[tuple[int, str]]:
    scale = definition_of(get_cycle(session, actor.workspace, cycle_id)).scale
    return [(rating, level.label) for rating, level in zip(scale.ratings, scale.levels, strict=True)]


def _show(client: WebClient, body: dict[str, Any], view: View) -> None:
    """Inside the record modal: push on top of it; from a message or the Home tab: open."""
    if (body.get("view") or {}).get("type") == "modal":
        client.views_push(trigger_id=body["trigger_id"], view=view)
    else:
        client.views_open(trigger_id=body["trigger_id"], view=view)


Opener = Callable[[Session, Actor, int], View]


def _hr_summary(session: Session, actor: Actor, appeal_id: int, now: datetime) -> tuple[str, Any]:
    detail = appeal_detail(
        session, actor.workspace, actor.person, appeal_id, now
    )  # the appellant and HR only
    return headline(actor.t, detail), detail


def register(app: App, deps: Deps) -> None:
    def opens(action: AppealButton, build: Opener) -> None:
        @app.action(action)
        def handle_open(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
            def open_modal(session: Session, actor: Actor) -> Done:
                view = build(session, actor, _appeal_id(body))
                return Done().then(_show, client, body, view)

            submit(deps, ack, client, context, open_modal)

    def view_record(session: Session, actor: Actor, appeal_id: int) -> View:
        detail = appeal_detail(session, actor.workspace, actor.person, appeal_id, deps.clock())
        return detail_modal(actor.t, detail, actor.person.tz)

    def decide(session: Session, actor: Actor, appeal_id: int) -> View:
        summary, detail = _hr_summary(session, actor, appeal_id, deps.clock())
        ratings = _scale(session, actor, detail.cycle_id)
        return decide_modal(actor.t, appeal_id, summary, ratings, detail.current_rating)

    def ask_manager(session: Session, actor: Actor, appeal_id: int) -> View:
        summary, _ = _hr_summary(session, actor, appeal_id, deps.clock())
        return ask_statement_modal(actor.t, appeal_id, summary, _request_due(actor, deps.clock()))

    def ask_appellant(session: Session, actor: Actor, appeal_id: int) -> View:
        summary, _ = _hr_summary(session, actor, appeal_id, deps.clock())
        return ask_employee_modal(actor.t, appeal_id, summary, _request_due(actor, deps.clock()))

    def assign(session: Session, actor: Actor, appeal_id: int) -> View:
        summary, _ = _hr_summary(session, actor, appeal_id, deps.clock())
        return assign_modal(actor.t, appeal_id, summary, None)

    def reopen(session: Session, actor: Actor, appeal_id: int) -> View:
        summary, _ = _hr_summary(session, actor, appeal_id, deps.clock())
        return reopen_modal(actor.t, appeal_id, summary)

    def statement(session: Session, actor: Actor, appeal_id: int) -> View:
        request = statement_request(session, actor.workspace, actor.person, appeal_id)  # the manager only
        return statement_modal(actor.t, appeal_id, request_text(actor.t, request))

    def answer(session: Session, actor: Actor, appeal_id: int) -> View:
        question = employee_question(session, actor.workspace, actor.person, appeal_id)  # the appellant only
        return answer_modal(actor.t, appeal_id, question_text(actor.t, question))

    def withdraw(session: Session, actor: Actor, appeal_id: int) -> View:
        summary, _ = _hr_summary(session, actor, appeal_id, deps.clock())
        return withdraw_modal(actor.t, appeal_id, summary)

    for action, build in (
        (AppealButton.VIEW, view_record),
        (AppealButton.DECIDE, decide),
        (AppealButton.ASK_STATEMENT, ask_manager),
        (AppealButton.ASK_EMPLOYEE, ask_appellant),
        (AppealButton.ASSIGN, assign),
        (AppealButton.REOPEN, reopen),
        (AppealButton.STATEMENT, statement),
        (AppealButton.ANSWER, answer),
        (AppealButton.WITHDRAW, withdraw),
    ):
        opens(action, build)

    Change = Callable[[Session, Actor, int, State, datetime], AppealRow]

    def submits(callback: AppealCallback, change: Change) -> None:
        @app.view(callback)
        def handle_submission(
            ack: Ack, view: dict[str, Any], client: WebClient, context: BoltContext
        ) -> None:
            appeal_id = AppealModalState.load(view.get("private_metadata")).appeal_id

            def save(session: Session, actor: Actor) -> Done:
                try:
                    appeal = change(session, actor, appeal_id, view["state"]["values"], deps.clock())
                except DomainError as error:
                    if any(block.get("type") == "input" for block in view.get("blocks") or []):
                        raise  # shown on the modal's fields
                    notice = notice_modal(actor.t, error.render(actor.t))
                    return Done(answer={"response_action": "update", "view": notice})
                # Pushed over the record: close both, the record would show the old state.
                answer = {"response_action": "clear"} if view.get("previous_view_id") else {}
                return (
                    Done(answer=answer)
                    .then(deps.deliver_rows, list(appeal.messages))
                    .then(deps.publish_home, client, deps, context)
                )

            submit(deps, ack, client, context, save)

    def decided(session: Session, actor: Actor, appeal_id: int, state: State, now: datetime) -> AppealRow:
        outcome, explanation, rating = read_decision(state)
        if outcome is None:
            raise DomainError(N_("Choose a decision."), field=Field.OUTCOME)
        return decide_appeal(
            session, actor.workspace, actor.person, appeal_id, outcome, explanation, rating, now
        )

    def asked_manager(
        session: Session, actor: Actor, appeal_id: int, state: State, now: datetime
    ) -> AppealRow:
        question, share, due = read_statement_request(state)
        if due is None:
            raise DomainError(N_("Choose the day the answer is due."), field=Field.DUE)
        return ask_statement(session, actor.workspace, actor.person, appeal_id, question, share, due, now)

    def asked_appellant(
        session: Session, actor: Actor, appeal_id: int, state: State, now: datetime
    ) -> AppealRow:
        question, due = read_question(state)
        if due is None:
            raise DomainError(N_("Choose the day the answer is due."), field=Field.DUE)
        return ask_employee(session, actor.workspace, actor.person, appeal_id, question, due, now)

    def assigned(session: Session, actor: Actor, appeal_id: int, state: State, now: datetime) -> AppealRow:
        user_id = read_assignee(state) or ""
        assignee = people_by_slack_ids(session, actor.workspace, [user_id]).get(user_id)
        if assignee is None:
            raise DomainError(N_("Choose an HR admin perfbot knows."), field=Field.ASSIGNEE)
        return assign_appeal(session, actor.workspace, actor.person, appeal_id, assignee.id, now)

    def reopened(session: Session, actor: Actor, appeal_id: int, state: State, now: datetime) -> AppealRow:
        reason = text(state, Field.REASON)
        return reopen_appeal(session, actor.workspace, actor.person, appeal_id, reason, now)

    def stated(session: Session, actor: Actor, appeal_id: int, state: State, now: datetime) -> AppealRow:
        return answer_statement(
            session, actor.workspace, actor.person, appeal_id, text(state, Field.ANSWER), now
        )

    def answered(session: Session, actor: Actor, appeal_id: int, state: State, now: datetime) -> AppealRow:
        return answer_employee(
            session, actor.workspace, actor.person, appeal_id, text(state, Field.ANSWER), now
        )

    def withdrawn(session: Session, actor: Actor, appeal_id: int, state: State, now: datetime) -> AppealRow:
        return withdraw_appeal(session, actor.workspace, actor.person, appeal_id, now)

    for callback, change in (
        (AppealCallback.DECIDE, decided),
        (AppealCallback.ASK_STATEMENT, asked_manager),
        (AppealCallback.ASK_EMPLOYEE, asked_appellant),
        (AppealCallback.ASSIGN, assigned),
        (AppealCallback.REOPEN, reopened),
        (AppealCallback.STATEMENT, stated),
        (AppealCallback.ANSWER, answered),
        (AppealCallback.WITHDRAW, withdrawn),
    ):
        submits(callback, change)
