"""The manager review in Slack: "Write review" (DM or App Home) opens the modal with the evidence; drafts
are saved from inside it; "More evidence" opens what did not fit; Submit computes the result."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient
from sqlalchemy.orm import Session

from handlers.context import Actor
from handlers.deps import Deps
from handlers.kit.replies import confirm_by_dm, show_view
from handlers.kit.submission import Done, submit
from handlers.reviews.evidence_views import evidence_blocks, evidence_page
from handlers.reviews.format import shown
from handlers.reviews.ids import ReviewButton, ReviewCallback
from handlers.reviews.manager_views import ManagerModal, ManagerModalState, manager_modal, read_manager_form
from models.errors import DomainError, NotFound
from models.i18n import N_
from models.people import Person
from models.reviews import (
    ReviewCycle,
    ReviewParticipant,
    Stage,
    definition_of,
    get_cycle,
    save_manager_review,
)
from models.reviews.manager_evidence import manager_evidence
from models.reviews.self_assessment import effective_due


def _participant(
    session: Session, actor: Actor, participant_id: int
) -> tuple[ReviewCycle, ReviewParticipant]:
    participant = session.get(ReviewParticipant, participant_id)
    if participant is None or participant.workspace_id != actor.workspace.id:
        raise NotFound(N_("That review is no longer available."))
    return get_cycle(session, actor.workspace, participant.cycle_id), participant


def build_manager_modal(session: Session, actor: Actor, participant_id: int, note: str = "") -> Any:
    cycle, participant = _participant(session, actor, participant_id)
    return manager_modal(
        actor.t,
        ManagerModal(
            participant_id=participant.id,
            cycle_name=cycle.name,
            definition=definition_of(cycle),
            due=effective_due(session, cycle, participant, Stage.MANAGER_REVIEW),
            evidence=manager_evidence(session, actor.person, cycle, participant),  # checks who may
            note=note,
        ),
    )


def _value(body: dict[str, Any]) -> str:
    return str(((body.get("actions") or [{}])[0]).get("value") or "")


def _int(text: str) -> int:
    return int(text) if text.isdigit() else 0


def register(app: App, deps: Deps) -> None:
    @app.action(ReviewButton.WRITE_MANAGER_REVIEW)
    def handle_write_manager_review(
        ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        def open_modal(session: Session, actor: Actor) -> Done:
            view = build_manager_modal(session, actor, _int(_value(body)))
            return Done().then(show_view, client, "views_open", trigger_id=body["trigger_id"], view=view)

        submit(deps, ack, client, context, open_modal)

    @app.action(ReviewButton.MORE_EVIDENCE)
    def handle_more_evidence(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        participant_text, _, page_text = _value(body).partition(":")
        current = body.get("view") or {}

        def open_page(session: Session, actor: Actor) -> Done:
            cycle, participant = _participant(session, actor, _int(participant_text))
            evidence = manager_evidence(session, actor.person, cycle, participant)
            blocks = evidence_blocks(actor.t, definition_of(cycle), evidence)
            view = evidence_page(actor.t, participant.id, blocks, _int(page_text))
            if current.get("callback_id") == ReviewCallback.EVIDENCE_MODAL:  # a later page replaces it
                return Done().then(show_view, client, "views_update", view_id=current.get("id"), view=view)
            return Done().then(show_view, client, "views_push", trigger_id=body["trigger_id"], view=view)

        submit(deps, ack, client, context, open_page)

    @app.action(ReviewButton.SAVE_MANAGER_DRAFT)
    def handle_save_manager_draft(
        ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        view = body.get("view") or {}
        state = ManagerModalState.load(view.get("private_metadata"))

        def save(session: Session, actor: Actor) -> Done:
            cycle, participant = _participant(session, actor, state.participant_id)
            form = read_manager_form((view.get("state") or {}).get("values") or {}, definition_of(cycle))
            try:
                with session.begin_nested():
                    save_manager_review(
                        session, actor.person, cycle, participant, form, deps.clock(), submit=False
                    )
                note = actor.t(":floppy_disk: Draft saved. You can close this and come back to it.")
            except DomainError as error:  # nothing saved: say why inside the modal, which stays open
                note = ":warning: " + error.render(actor.t)
            updated = build_manager_modal(session, actor, participant.id, note=note)
            return Done().then(
                show_view, client, "views_update", view_id=view.get("id"), hash=view.get("hash"), view=updated
            )

        submit(deps, ack, client, context, save)

    @app.view(ReviewCallback.MANAGER_MODAL)
    def handle_manager_submission(
        ack: Ack, view: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        state = ManagerModalState.load(view.get("private_metadata"))

        def save(session: Session, actor: Actor) -> Done:
            cycle, participant = _participant(session, actor, state.participant_id)
            form = read_manager_form(view["state"]["values"], definition_of(cycle))
            review = save_manager_review(
                session, actor.person, cycle, participant, form, deps.clock(), submit=True
            )
            person = session.get(Person, participant.person_id)
            text = actor.t(
                "Your manager review of {person} for {cycle} is submitted: final rating {rating}. "
                "You can change it until the deadline.",
                person=person.mention if person is not None else "",
                cycle=shown(cycle.name),
                rating=review.final_rating,
            )
            return (
                Done()
                .then(confirm_by_dm, client, actor.person.slack_user_id, text)
                .then(deps.publish_home, client, deps, context)
            )

        submit(deps, ack, client, context, save)
