"""Peer listeners: nominate (`/review peers` or a button), the manager's Approve / Change, the peer's
Write review / Decline. Every message these cause goes through the outbox (scheduler/jobs/reviews)."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers.context import Actor
from handlers.deps import Deps
from handlers.directory import resolve_people
from handlers.kit.replies import confirm_by_dm
from handlers.kit.submission import Done, submit
from handlers.reviews.format import selected_users
from handlers.reviews.ids import ReviewButton, ReviewCallback, ReviewInput
from handlers.reviews.peer_views import (
    PeerModalState,
    PeersModalState,
    decide_modal,
    decline_modal,
    nominate_modal,
    peer_review_modal,
    read_peer_form,
)
from models.errors import DomainError, NotFound, Problem
from models.i18n import N_
from models.people import Person
from models.reviews import (
    NominationStatus,
    PeerNomination,
    ReviewCycle,
    ReviewParticipant,
    Stage,
    decide_nominations,
    decline_peer_request,
    definition_of,
    get_cycle,
    nominate_peers,
    submit_peer_review,
)
from models.reviews.entities import LIVE_NOMINATIONS
from models.reviews.peers import nominations_of, require_peer
from models.reviews.self_assessment import effective_due, find_participant


def _value(body: dict[str, Any]) -> int:
    raw = str(((body.get("actions") or [{}])[0]).get("value") or "")
    if not raw.isdigit():
        raise NotFound(N_("That review is no longer available."))
    return int(raw)


def _user_ids(session: Session, people_ids: list[int]) -> dict[int, str]:
    if not people_ids:
        return {}
    rows = session.execute(select(Person.id, Person.slack_user_id).where(Person.id.in_(people_ids))).all()
    return {person_id: user_id for person_id, user_id in rows}


def _live(session: Session, participant: ReviewParticipant) -> tuple[list[str], int]:
    """User ids of the live nominations, and how many of them were asked already."""
    live = [n for n in nominations_of(session, participant) if n.status in LIVE_NOMINATIONS]
    ids = _user_ids(session, [n.reviewer_id for n in live])
    asked = sum(1 for n in live if n.status is not NominationStatus.NOMINATED)
    return [ids[n.reviewer_id] for n in live if n.reviewer_id in ids], asked


def build_nominate_modal(session: Session, actor: Actor, cycle: ReviewCycle) -> Any:
    participant = find_participant(session, cycle, actor.person.id)
    current, asked = _live(session, participant)
    due = effective_due(session, cycle, participant, Stage.PEER_NOMINATION)
    return nominate_modal(actor.t, definition_of(cycle), cycle.id, due, current, asked)


def _people(session: Session, client: WebClient, actor: Actor, user_ids: list[str]) -> list[Person]:
    resolved = resolve_people(session, client, actor.workspace, user_ids, field="peers")
    if resolved.refused:
        raise DomainError.of(
            [
                Problem(
                    N_("{name} cannot review: choose colleagues, not bots or strangers."),
                    "peers",
                    {"name": p.params.get("name") or f"<@{p.params.get('user', '')}>"},
                )
                for p in resolved.refused
            ]
        )
    return [resolved.people[user_id] for user_id in user_ids]


def _reviewee(session: Session, nomination: PeerNomination) -> tuple[ReviewParticipant, str]:
    participant = session.get(ReviewParticipant, nomination.participant_id)
    if participant is None:
        raise NotFound(N_("That review request is no longer available."))
    return participant, f"<@{_user_ids(session, [participant.person_id]).get(participant.person_id, '')}>"


def _participant(
    session: Session, actor: Actor, body: dict[str, Any]
) -> tuple[ReviewCycle, ReviewParticipant]:
    participant = session.get(ReviewParticipant, _value(body))
    if participant is None or participant.workspace_id != actor.workspace.id:
        raise NotFound(N_("That review is no longer available."))
    return get_cycle(session, actor.workspace, participant.cycle_id), participant


def register(app: App, deps: Deps) -> None:
    def opens(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext, build: Any) -> None:
        """A button that opens a modal: built (and checked) before the ack, opened after it."""

        def open_modal(session: Session, actor: Actor) -> Done:
            return Done().then(client.views_open, trigger_id=body["trigger_id"], view=build(session, actor))

        submit(deps, ack, client, context, open_modal)

    @app.action(ReviewButton.OPEN_PEERS)
    def handle_open_peers(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        def build(session: Session, actor: Actor) -> Any:
            return build_nominate_modal(session, actor, get_cycle(session, actor.workspace, _value(body)))

        opens(ack, body, client, context, build)

    @app.view(ReviewCallback.PEERS_MODAL)
    def handle_nominations(ack: Ack, view: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        state = PeersModalState.load(view.get("private_metadata"))
        chosen = selected_users(view["state"]["values"], "peers", ReviewInput.PEERS)

        def nominate(session: Session, actor: Actor) -> Done:
            cycle = get_cycle(session, actor.workspace, state.cycle_id)
            peers = _people(session, client, actor, chosen)
            nominated = nominate_peers(session, actor.person, cycle, peers, deps.clock())
            text = actor.t("Your peer nominations are sent to your manager for approval.")
            return (
                Done()
                .then(deps.deliver_rows, nominated.messages)
                .then(confirm_by_dm, client, actor.person.slack_user_id, text)
            )

        submit(deps, ack, client, context, nominate)

    @app.action(ReviewButton.APPROVE_NOMINATIONS)
    def handle_approve(
        ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext, respond: Respond
    ) -> None:
        def approve(session: Session, actor: Actor) -> Done:
            cycle, participant = _participant(session, actor, body)
            live = [n for n in nominations_of(session, participant) if n.status in LIVE_NOMINATIONS]
            reviewers = [p for n in live if (p := session.get(Person, n.reviewer_id)) is not None]
            asked = decide_nominations(session, actor.person, cycle, participant.id, reviewers, deps.clock())
            text = actor.t.plural(
                "Approved: {n} peer is asked for their review.",
                "Approved: {n} peers are asked for their review.",
                len(asked),
            )
            return (
                Done()
                .then(deps.deliver_rows, asked.messages)
                .then(respond, text=text, response_type="ephemeral", replace_original=False)
            )

        submit(deps, ack, client, context, approve)

    @app.action(ReviewButton.CHANGE_NOMINATIONS)
    def handle_change(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        def build(session: Session, actor: Actor) -> Any:
            cycle, participant = _participant(session, actor, body)
            current, _asked = _live(session, participant)
            employee = f"<@{_user_ids(session, [participant.person_id]).get(participant.person_id, '')}>"
            return decide_modal(actor.t, definition_of(cycle), cycle.id, participant.id, employee, current)

        opens(ack, body, client, context, build)

    @app.view(ReviewCallback.DECIDE_MODAL)
    def handle_decision(ack: Ack, view: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        state = PeersModalState.load(view.get("private_metadata"))
        chosen = selected_users(view["state"]["values"], "peers", ReviewInput.PEERS)

        def decide(session: Session, actor: Actor) -> Done:
            cycle = get_cycle(session, actor.workspace, state.cycle_id)
            peers = _people(session, client, actor, chosen)
            asked = decide_nominations(
                session, actor.person, cycle, state.participant_id, peers, deps.clock()
            )
            text = actor.t.plural(
                "Approved: {n} peer is asked for their review.",
                "Approved: {n} peers are asked for their review.",
                len(asked),
            )
            return (
                Done()
                .then(deps.deliver_rows, asked.messages)
                .then(confirm_by_dm, client, actor.person.slack_user_id, text)
            )

        submit(deps, ack, client, context, decide)

    @app.action(ReviewButton.WRITE_PEER)
    def handle_write_peer(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        def build(session: Session, actor: Actor) -> Any:
            cycle, participant, nomination = require_peer(session, actor.person, _value(body), deps.clock())
            due = effective_due(session, cycle, participant, Stage.PEER_REVIEWS)
            reviewee = _reviewee(session, nomination)[1]
            return peer_review_modal(actor.t, definition_of(cycle), nomination.id, reviewee, due)

        opens(ack, body, client, context, build)

    @app.view(ReviewCallback.PEER_MODAL)
    def handle_peer_review(ack: Ack, view: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        state = PeerModalState.load(view.get("private_metadata"))

        def send(session: Session, actor: Actor) -> Done:
            nomination = session.get(PeerNomination, state.nomination_id)
            if nomination is None or nomination.workspace_id != actor.workspace.id:
                raise NotFound(N_("That review request is no longer available."))
            cycle = get_cycle(session, actor.workspace, nomination.cycle_id)
            ratings, answers = read_peer_form(view["state"]["values"], definition_of(cycle))
            submit_peer_review(session, actor.person, nomination.id, ratings, answers, deps.clock())
            text = actor.t("Thank you: your peer review is sent. It is shown only without your name.")
            return (
                Done()
                .then(confirm_by_dm, client, actor.person.slack_user_id, text)
                .then(deps.publish_home, client, deps, context)
            )

        submit(deps, ack, client, context, send)

    @app.action(ReviewButton.DECLINE_PEER)
    def handle_decline_button(
        ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        def build(session: Session, actor: Actor) -> Any:
            _cycle, _participant, nomination = require_peer(session, actor.person, _value(body), deps.clock())
            return decline_modal(actor.t, nomination.id, _reviewee(session, nomination)[1])

        opens(ack, body, client, context, build)

    @app.view(ReviewCallback.DECLINE_MODAL)
    def handle_decline(ack: Ack, view: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        state = PeerModalState.load(view.get("private_metadata"))
        values = view["state"]["values"]
        reason = str(((values.get("reason") or {}).get(ReviewInput.REASON) or {}).get("value") or "")

        def decline(session: Session, actor: Actor) -> Done:
            told = decline_peer_request(session, actor.person, state.nomination_id, reason, deps.clock())
            return Done().then(deps.deliver_rows, told)

        submit(deps, ack, client, context, decline)
