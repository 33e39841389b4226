"""`/review` and the self-assessment: status, help, the modal (opened by command, DM or Home button),
drafts saved from inside the modal, and submission. Peer listeners are in peer_listeners.py."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.orm import Session

from handlers.context import Actor
from handlers.deps import Deps
from handlers.feedback import feedback_command
from handlers.kit.commands import asks_for_help
from handlers.kit.replies import confirm_by_dm
from handlers.kit.submission import Done, submit
from handlers.reviews import (
    cycle_admin,
    manager_listeners,
    outcome_listeners,
    peer_listeners,
    release_admin,
    result_listeners,
)
from handlers.reviews.format import shown
from handlers.reviews.ids import ReviewButton, ReviewCallback
from handlers.reviews.self_views import SelfModal, SelfModalState, read_self_form, self_modal
from handlers.reviews.status_views import review_help, status_text
from handlers.reviews.team_views import report_view, team_message
from models.errors import DomainError, NotFound
from models.i18n import N_
from models.people import Person
from models.reviews import (
    ReviewCycle,
    ReviewParticipant,
    Stage,
    definition_of,
    get_cycle,
    goal_evidence,
    my_cycles,
    peer_aggregate,
    running_cycles,
    save_self_assessment,
)
from models.reviews.self_assessment import (
    effective_due,
    find_participant,
    read_self_assessment,
    self_assessment_of,
)
from models.reviews.team import team_reviews

log = logging.getLogger(__name__)


def current_cycle(session: Session, actor: Actor, cycle_id: int | None = None) -> ReviewCycle:
    """The cycle a button names, or the newest running one the person takes part in."""
    if cycle_id:
        return get_cycle(session, actor.workspace, cycle_id)
    taking_part = [mine.cycle for mine in my_cycles(session, actor.person) if mine.participant is not None]
    if not taking_part:
        raise NotFound(N_("You do not take part in a running review cycle."))
    return taking_part[-1]


def latest_running(session: Session, actor: Actor) -> ReviewCycle:
    running = running_cycles(session, actor.workspace.id)
    if not running:
        raise NotFound(N_("No review cycle is running."))
    return running[-1]


def build_self_modal(session: Session, actor: Actor, cycle: ReviewCycle, note: str = "") -> Any:
    participant = find_participant(session, cycle, actor.person.id)
    return self_modal(
        actor.t,
        SelfModal(
            cycle_id=cycle.id,
            cycle_name=cycle.name,
            definition=definition_of(cycle),
            due=effective_due(session, cycle, participant, Stage.SELF_ASSESSMENT),
            saved=self_assessment_of(session, participant),
            goals=goal_evidence(session, cycle, actor.person.id),
            note=note,
        ),
    )


def _button_value(body: dict[str, Any]) -> int | None:
    raw = str(((body.get("actions") or [{}])[0]).get("value") or "")
    return int(raw) if raw.isdigit() else None


def register(app: App, deps: Deps) -> None:
    peer_listeners.register(app, deps)
    cycle_admin.register(app, deps)
    manager_listeners.register(app, deps)
    outcome_listeners.register(app, deps)
    release_admin.register(app, deps)
    result_listeners.register(app, deps)

    @app.command("/review")
    def handle_review_command(
        ack: Ack, command: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        words = (command.get("text") or "").split()
        verb = words[0].lower() if words else "status"

        def answer(session: Session, actor: Actor) -> Done:
            t = actor.t
            if verb in ("self", "peers") and len(words) == 1:
                cycle = current_cycle(session, actor)
                if verb == "self":
                    view = build_self_modal(session, actor, cycle)
                else:
                    view = peer_listeners.build_nominate_modal(session, actor, cycle)
                return Done().then(client.views_open, trigger_id=command["trigger_id"], view=view)
            if verb == "feedback":
                return feedback_command(
                    session, actor, words[1:], client, command["trigger_id"], deps.clock()
                )
            if verb == "result" and len(words) == 1:
                return result_listeners.open_my_result(session, actor, client, command["trigger_id"])
            if verb == "team" and len(words) == 1:
                cycle = latest_running(session, actor)
                message = team_message(t, cycle.name, team_reviews(session, actor.person, cycle))
                return Done(
                    answer={
                        "response_type": "ephemeral",
                        "text": message.text,
                        "blocks": message.blocks_json(),
                    }
                )
            if asks_for_help(verb):
                reply = review_help(t)
            elif verb == "status" and len(words) == 1:
                reply = status_text(t, my_cycles(session, actor.person))
            else:
                unknown = t("I do not know `/review {text}`.", text=" ".join(words)[:100])
                reply = f"{unknown}\n\n{review_help(t)}"
            return Done(answer={"response_type": "ephemeral", "text": reply})

        submit(deps, ack, client, context, answer)

    @app.action(ReviewButton.OPEN_SELF)
    def handle_open_self(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        def open_modal(session: Session, actor: Actor) -> Done:
            view = build_self_modal(session, actor, current_cycle(session, actor, _button_value(body)))
            return Done().then(client.views_open, trigger_id=body["trigger_id"], view=view)

        submit(deps, ack, client, context, open_modal)

    @app.action(ReviewButton.VIEW_REPORT)
    def handle_view_report(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        def open_modal(session: Session, actor: Actor) -> Done:
            participant = session.get(ReviewParticipant, _button_value(body) or 0)
            if participant is None or participant.workspace_id != actor.workspace.id:
                raise NotFound(N_("That review is no longer available."))
            cycle = get_cycle(session, actor.workspace, participant.cycle_id)
            aggregate = peer_aggregate(session, actor.person, cycle, participant)  # checks who may see it
            saved = read_self_assessment(session, actor.person, cycle, participant)
            person = session.get(Person, participant.person_id)
            mention = person.mention if person is not None else ""
            view = report_view(actor.t, mention, definition_of(cycle), saved, aggregate)
            return Done().then(client.views_open, trigger_id=body["trigger_id"], view=view)

        submit(deps, ack, client, context, open_modal)

    @app.action(ReviewButton.SAVE_DRAFT)
    def handle_save_draft(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        view = body.get("view") or {}
        state = SelfModalState.load(view.get("private_metadata"))

        def save(session: Session, actor: Actor) -> Done:
            cycle = get_cycle(session, actor.workspace, state.cycle_id)
            form = read_self_form((view.get("state") or {}).get("values") or {}, definition_of(cycle))
            try:
                with session.begin_nested():
                    save_self_assessment(session, actor.person, cycle, form, deps.clock(), submit=False)
                note = actor.t(":floppy_disk: Draft saved. You can close this and come back to it.")
            except DomainError as error:  # nothing saved: say why inside the modal, which stays open
                note = ":warning: " + error.render(actor.t)
            updated = build_self_modal(session, actor, cycle, note=note)
            return Done().then(_update_view, client, view.get("id"), view.get("hash"), updated)

        submit(deps, ack, client, context, save)

    @app.view(ReviewCallback.SELF_MODAL)
    def handle_self_submission(
        ack: Ack, view: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        state = SelfModalState.load(view.get("private_metadata"))

        def save(session: Session, actor: Actor) -> Done:
            cycle = get_cycle(session, actor.workspace, state.cycle_id)
            form = read_self_form(view["state"]["values"], definition_of(cycle))
            save_self_assessment(session, actor.person, cycle, form, deps.clock(), submit=True)
            text = actor.t(
                "Your self-assessment for {cycle} is submitted. You can change it until the deadline with "
                "`/review self`.",
                cycle=shown(cycle.name),
            )
            return (
                Done()
                .then(confirm_by_dm, client, actor.person.slack_user_id, text)
                .then(deps.publish_home, client, deps, context)
            )

        submit(deps, ack, client, context, save)


def _update_view(client: WebClient, view_id: str | None, view_hash: str | None, view: Any) -> None:
    try:
        client.views_update(view_id=view_id, hash=view_hash, view=view)
    except SlackApiError as error:
        log.warning("could not show the saved draft: %s", error.response.get("error"))
