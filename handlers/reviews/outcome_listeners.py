"""`/perf outcome @person [cycle ID]` (HR) opens the outcome modal; its submission records the outcome
(audited), with errors on the field when the tier differs and no reason is given."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers.context import Actor
from handlers.deps import Deps
from handlers.kit.commands import MENTION
from handlers.kit.replies import confirm_by_dm
from handlers.kit.submission import Done, submit
from handlers.reviews.format import shown
from handlers.reviews.ids import ReviewCallback
from handlers.reviews.outcome_views import OutcomeModalState, outcome_modal, read_outcome_form
from models.errors import DomainError, NotFound
from models.i18n import N_
from models.people import Person
from models.reviews import (
    ReviewCycle,
    ReviewParticipant,
    get_cycle,
    outcome_form,
    participant_of,
    record_outcome,
)
from models.reviews.outcomes import latest_participation

log = logging.getLogger(__name__)


def _open(client: WebClient, trigger_id: str, view: Any) -> None:
    try:
        client.views_open(trigger_id=trigger_id, view=view)
    except SlackApiError as error:
        log.warning("could not open the outcome modal: %s", error.response.get("error"))


def _participant(session: Session, actor: Actor, words: list[str]) -> tuple[ReviewCycle, ReviewParticipant]:
    user_ids = MENTION.findall(words[0]) if words else []
    if len(user_ids) != 1 or len(words) > 2 or (len(words) == 2 and not words[1].isdigit()):
        raise DomainError(N_("Say whose outcome to record: `/perf outcome @someone [cycle ID]`."))
    person = session.scalar(
        select(Person).where(Person.workspace_id == actor.workspace.id, Person.slack_user_id == user_ids[0])
    )
    participant: ReviewParticipant | None = None
    if person is not None and len(words) == 2:
        cycle = get_cycle(session, actor.workspace, int(words[1]))
        participant = participant_of(session, cycle, person)
    elif person is not None:
        participant = latest_participation(session, person)
    if participant is None:
        raise NotFound(N_("They do not take part in this review cycle."))
    return get_cycle(session, actor.workspace, participant.cycle_id), participant


def outcome_command(
    session: Session, actor: Actor, words: list[str], client: WebClient, command: dict[str, Any]
) -> Done:
    cycle, participant = _participant(session, actor, words)
    form = outcome_form(session, actor.person, cycle, participant)  # HR only, and says so
    person = session.get(Person, participant.person_id)
    view = outcome_modal(actor.t, form, person.name if person is not None else "")
    return Done().then(_open, client, command["trigger_id"], view)


def register(app: App, deps: Deps) -> None:
    @app.view(ReviewCallback.OUTCOME_MODAL)
    def handle_outcome_submission(
        ack: Ack, view: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        state = OutcomeModalState.load(view.get("private_metadata"))

        def save(session: Session, actor: Actor) -> Done:
            participant = session.get(ReviewParticipant, state.participant_id)
            if participant is None or participant.workspace_id != actor.workspace.id:
                raise NotFound(N_("That review is no longer available."))
            cycle = get_cycle(session, actor.workspace, participant.cycle_id)
            data = read_outcome_form(view["state"]["values"])
            record_outcome(session, actor.person, cycle, participant, data, deps.clock())
            person = session.get(Person, participant.person_id)
            text = actor.t(
                "The outcome of {person} for {cycle} is recorded (and kept in the audit log).",
                person=person.mention if person is not None else "",
                cycle=shown(cycle.name),
            )
            return Done().then(confirm_by_dm, client, actor.person.slack_user_id, text)

        submit(deps, ack, client, context, save)
