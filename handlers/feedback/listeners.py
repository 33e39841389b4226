"""The feedback conversation in Slack: `/review feedback @person` and the "Log the conversation" button
(the manager's DM at release, App Home) open the log modal; the employee's "Add a comment" and
"Acknowledge" buttons open theirs; "Mark done" closes a development action. Messages the changes
cause go through the outbox and are delivered right after the ack."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers.context import Actor
from handlers.deps import Deps
from handlers.feedback.ids import FeedbackButton, FeedbackCallback
from handlers.feedback.views import (
    LogIdState,
    LogModal,
    LogModalState,
    acknowledge_modal,
    chosen_owners,
    comment_modal,
    log_modal,
    read_comment,
    read_log_form,
)
from handlers.kit.commands import MENTION
from handlers.kit.replies import confirm_by_dm, show_view
from handlers.kit.submission import Done, submit
from handlers.kit.text import show_user_text
from models.errors import DomainError, NotFound
from models.feedback import (
    FeedbackAction,
    FeedbackLog,
    acknowledge_log,
    actions_of,
    comment_on_log,
    find_log,
    log_feedback,
    log_of,
    mark_done,
    released_participant,
    require,
)
from models.i18n import N_
from models.people import Person, people_by_slack_ids
from models.reviews import ReviewCycle, ReviewParticipant, get_cycle
from models.zones import zone

log = logging.getLogger(__name__)


def _int(body: dict[str, Any]) -> int:
    raw = str(((body.get("actions") or [{}])[0]).get("value") or "")
    return int(raw) if raw.isdigit() else 0


def _participant(
    session: Session, actor: Actor, participant_id: int
) -> tuple[ReviewCycle, ReviewParticipant]:
    participant = session.get(ReviewParticipant, participant_id)
    if participant is None or participant.workspace_id != actor.workspace.id:
        raise NotFound(N_("That review is no longer available."))
    return get_cycle(session, actor.workspace, participant.cycle_id), participant


def build_log_modal(
    session: Session,
    actor: Actor,
    cycle: ReviewCycle,
    participant: ReviewParticipant,
    saved: FeedbackLog | None,
    now: datetime,
) -> Any:
    require(actor.person, FeedbackAction.WRITE_LOG, cycle, participant)
    employee = session.get(Person, participant.person_id)
    actions = actions_of(session, saved) if saved is not None else []
    owner_ids = {a.owner_id for a in actions if a.owner_id is not None}
    found = session.execute(select(Person.id, Person.slack_user_id).where(Person.id.in_(owner_ids)))
    owners = {person_id: user_id for person_id, user_id in found} if owner_ids else {}
    modal = LogModal(
        participant_id=participant.id,
        employee=employee.name if employee is not None else "",
        cycle_name=cycle.name,
        saved=saved,
        actions=actions,
        owners=owners,
        employee_user_id=employee.slack_user_id if employee is not None else "",
    )
    return log_modal(actor.t, modal, now.astimezone(zone(actor.person.tz)).date())


def feedback_command(
    session: Session, actor: Actor, words: list[str], client: WebClient, trigger_id: str, now: datetime
) -> Done:
    """`/review feedback @person`: the log modal for that person's newest released result."""
    user_ids = MENTION.findall(" ".join(words))
    if len(user_ids) != 1:
        raise DomainError(N_("Say whose conversation you log: `/review feedback @someone`."))
    person = people_by_slack_ids(session, actor.workspace, user_ids).get(user_ids[0])
    if person is None:
        raise NotFound(N_("They do not take part in a review cycle."))
    cycle, participant, saved = released_participant(session, actor.person, person)
    view = build_log_modal(session, actor, cycle, participant, saved, now)
    return Done().then(show_view, client, "views_open", trigger_id=trigger_id, view=view)


def register(app: App, deps: Deps) -> None:
    @app.action(FeedbackButton.OPEN_LOG)
    def handle_open_log(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        def open_modal(session: Session, actor: Actor) -> Done:
            cycle, participant = _participant(session, actor, _int(body))
            view = build_log_modal(
                session, actor, cycle, participant, log_of(session, participant), deps.clock()
            )
            return Done().then(show_view, client, "views_open", trigger_id=body["trigger_id"], view=view)

        submit(deps, ack, client, context, open_modal)

    @app.view(FeedbackCallback.LOG_MODAL)
    def handle_log(ack: Ack, view: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        state = LogModalState.load(view.get("private_metadata"))
        values = view["state"]["values"]

        def save(session: Session, actor: Actor) -> Done:
            cycle, participant = _participant(session, actor, state.participant_id)
            known = people_by_slack_ids(session, actor.workspace, chosen_owners(values))
            form = read_log_form(values, {user: person.id for user, person in known.items()})
            change = log_feedback(session, actor.person, cycle, participant, form, deps.clock())
            employee = session.get(Person, participant.person_id)
            text = actor.t(
                "Your feedback conversation with {employee} is logged; they are sent it to comment on and "
                "acknowledge.",
                employee=employee.mention if employee is not None else "",
            )
            return (
                Done()
                .then(deps.deliver_rows, change.messages)
                .then(confirm_by_dm, client, actor.person.slack_user_id, text)
                .then(deps.publish_home, client, deps, context)
            )

        submit(deps, ack, client, context, save)

    @app.action(FeedbackButton.COMMENT)
    def handle_open_comment(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        def open_modal(session: Session, actor: Actor) -> Done:
            found = find_log(session, actor.person, _int(body), FeedbackAction.COMMENT)
            view = comment_modal(actor.t, found.log.id)
            return Done().then(show_view, client, "views_open", trigger_id=body["trigger_id"], view=view)

        submit(deps, ack, client, context, open_modal)

    @app.view(FeedbackCallback.COMMENT_MODAL)
    def handle_comment(ack: Ack, view: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        state = LogIdState.load(view.get("private_metadata"))
        text = read_comment(view["state"]["values"])

        def save(session: Session, actor: Actor) -> Done:
            change = comment_on_log(session, actor.person, state.log_id, text, deps.clock())
            told = actor.t("Your comment joins the log; your reviewing manager is told.")
            return (
                Done()
                .then(deps.deliver_rows, change.messages)
                .then(confirm_by_dm, client, actor.person.slack_user_id, told)
            )

        submit(deps, ack, client, context, save)

    @app.action(FeedbackButton.ACKNOWLEDGE)
    def handle_open_acknowledge(
        ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        def open_modal(session: Session, actor: Actor) -> Done:
            found = find_log(session, actor.person, _int(body), FeedbackAction.ACKNOWLEDGE)
            view = acknowledge_modal(actor.t, found.log.id)
            return Done().then(show_view, client, "views_open", trigger_id=body["trigger_id"], view=view)

        submit(deps, ack, client, context, open_modal)

    @app.view(FeedbackCallback.ACKNOWLEDGE_MODAL)
    def handle_acknowledge(ack: Ack, view: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        state = LogIdState.load(view.get("private_metadata"))

        def save(session: Session, actor: Actor) -> Done:
            change = acknowledge_log(session, actor.person, state.log_id, deps.clock())
            told = actor.t(
                "You acknowledged the log of your feedback conversation. You can still add comments."
            )
            return (
                Done()
                .then(deps.deliver_rows, change.messages)
                .then(confirm_by_dm, client, actor.person.slack_user_id, told)
            )

        submit(deps, ack, client, context, save)

    @app.action(FeedbackButton.MARK_DONE)
    def handle_mark_done(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        def done(session: Session, actor: Actor) -> Done:
            action = mark_done(session, actor.person, _int(body), deps.clock())
            told = actor.t(
                "Marked done: {description}", description=show_user_text(action.description, escaped=False)
            )
            return (
                Done()
                .then(confirm_by_dm, client, actor.person.slack_user_id, told)
                .then(deps.publish_home, client, deps, context)
            )

        submit(deps, ack, client, context, done)
