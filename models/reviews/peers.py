"""Peer nominations and peer reviews: the employee nominates, the reviewing manager approves, removes or
adds, approved peers answer or decline with a reason (and someone else can be nominated)."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.errors import DomainError, NotFound, Problem
from models.i18n import N_
from models.messaging import NewMessage, enqueue_for_request
from models.people import Person, Role
from models.reviews.entities import (
    NominationStatus,
    PeerNomination,
    PeerReview,
    ReviewCycle,
    ReviewParticipant,
    Stage,
)
from models.reviews.messages import ReviewMessage, cancel_queued, reminder_prefix
from models.reviews.permissions import ReviewAction, require
from models.reviews.self_assessment import definition_of, find_participant, require_open

MAX_ANSWER = 2000
MIN_DECLINE_REASON = 5


class Nominations(list[PeerNomination]):
    """Nominations an operation changed, and the messages it wrote for right after the ack."""

    messages: list[int]

    def __init__(self, items: Sequence[PeerNomination] = ()) -> None:
        super().__init__(items)
        self.messages = []


def nominations_of(session: Session, participant: ReviewParticipant) -> list[PeerNomination]:
    return list(
        session.scalars(
            select(PeerNomination)
            .where(PeerNomination.participant_id == participant.id)
            .order_by(PeerNomination.id)
        )
    )


def _check_reviewers(participant: ReviewParticipant, reviewers: Sequence[Person], field: str) -> None:
    problems: list[Problem] = []
    for person in reviewers:
        name = person.name or person.slack_user_id
        if person.id == participant.person_id:
            problems.append(Problem(N_("You cannot review yourself: choose colleagues."), field))
        elif person.workspace_id != participant.workspace_id:
            problems.append(Problem(N_("{name} is not in this workspace."), field, {"name": name}))
        elif not person.active:
            problems.append(Problem(N_("{name} is deactivated."), field, {"name": name}))
    if problems:
        raise DomainError.of(problems)


def _bounds(cycle: ReviewCycle, count: int, field: str) -> None:
    peers = cycle.settings.get("peers") or {}
    low, high = int(peers.get("min", 3)), int(peers.get("max", 5))
    if not low <= count <= high:
        raise DomainError(
            N_("Choose between {min} and {max} peers; you chose {count}."),
            field=field,
            min=low,
            max=high,
            count=count,
        )


def _deciders(session: Session, participant: ReviewParticipant) -> list[int]:
    """The reviewing manager, or HR admins for someone without an active one."""
    if participant.manager_id is not None:
        manager = session.get(Person, participant.manager_id)
        if manager is not None and manager.active:
            return [manager.id]
    return list(
        session.scalars(
            select(Person.id).where(
                Person.workspace_id == participant.workspace_id,
                Person.role == Role.HR_ADMIN,
                Person.active.is_(True),
                Person.id != participant.person_id,
            )
        )
    )


def _refuse_decliners(existing: dict[int, PeerNomination], reviewers: Sequence[Person], field: str) -> None:
    """Someone who declined this review is not asked again in the cycle."""
    refused = [
        Problem(
            N_("{name} declined this review in this cycle; choose someone else."),
            field,
            {"name": person.name or person.slack_user_id},
        )
        for person in reviewers
        if person.id in existing and existing[person.id].status is NominationStatus.DECLINED
    ]
    if refused:
        raise DomainError.of(refused)


def nominate_peers(
    session: Session, actor: Person, cycle: ReviewCycle, reviewers: Sequence[Person], now: datetime
) -> Nominations:
    """The employee's nominations, replacing those still waiting for the manager; the manager is asked."""
    field = "peers"
    participant = find_participant(session, cycle, actor.id)
    require(actor, ReviewAction.NOMINATE, cycle, participant)
    require_open(session, cycle, participant, Stage.PEER_NOMINATION, actor, now)
    _check_reviewers(participant, reviewers, field)
    existing = {n.reviewer_id: n for n in nominations_of(session, participant)}
    wanted = {person.id: person for person in reviewers}
    _refuse_decliners(existing, reviewers, field)
    kept = {
        pid
        for pid, n in existing.items()
        if n.status in (NominationStatus.APPROVED, NominationStatus.SUBMITTED)
    }
    _bounds(cycle, len(kept | set(wanted)), field)
    changed: list[PeerNomination] = []
    for person_id, nomination in existing.items():
        if nomination.status is NominationStatus.NOMINATED and person_id not in wanted:
            nomination.status, nomination.updated_at = NominationStatus.REMOVED, now
    for person_id in wanted:
        found = existing.get(person_id)
        if found is None:
            nomination = _new_nomination(session, cycle, participant, person_id, actor, now)
        elif found.status is not NominationStatus.REMOVED:
            continue
        else:
            nomination = found
        nomination.status, nomination.updated_at = NominationStatus.NOMINATED, now
        changed.append(nomination)
    participant.nominated_at = now
    cancel_queued(
        session,
        cycle.workspace_id,
        reminder_prefix(cycle.id, Stage.PEER_NOMINATION.value, participant.id),
        "peers nominated",
        now,
    )
    session.flush()
    result = Nominations(changed)
    if changed:
        participant.nominations_approved_at = None
        occasion = secrets.token_hex(6)  # each sending of the list is news: a key of its own
        result.messages = enqueue_for_request(
            session,
            [
                NewMessage(
                    workspace_id=cycle.workspace_id,
                    person_id=decider,
                    subject_id=participant.person_id,
                    kind=ReviewMessage.NOMINATIONS,
                    not_before=now,
                    dedupe_key=f"cycle:{cycle.id}:nominations:{participant.id}:{occasion}:person:{decider}",
                    payload={"cycle_id": cycle.id, "participant_id": participant.id},
                )
                for decider in _deciders(session, participant)
            ],
            now,
        )
    return result


def decide_nominations(
    session: Session,
    actor: Person,
    cycle: ReviewCycle,
    participant_id: int,
    reviewers: Sequence[Person],
    now: datetime,
) -> Nominations:
    """The manager's final list: those kept or added are approved and asked; others are removed."""
    field = "peers"
    participant = session.get(ReviewParticipant, participant_id)
    if participant is None or participant.cycle_id != cycle.id:
        raise NotFound(N_("That review is no longer available."))
    require(actor, ReviewAction.DECIDE_NOMINATIONS, cycle, participant)
    require_open(session, cycle, participant, Stage.PEER_REVIEWS, actor, now)
    _check_reviewers(participant, reviewers, field)
    existing = {n.reviewer_id: n for n in nominations_of(session, participant)}
    wanted = {person.id for person in reviewers}
    _refuse_decliners(existing, reviewers, field)
    submitted = {pid for pid, n in existing.items() if n.status is NominationStatus.SUBMITTED}
    _bounds(cycle, len(wanted | submitted), field)
    asked: list[PeerNomination] = []
    for person_id, nomination in existing.items():
        if (
            nomination.status in (NominationStatus.NOMINATED, NominationStatus.APPROVED)
            and person_id not in wanted
        ):
            nomination.status, nomination.decided_by_id, nomination.updated_at = (
                NominationStatus.REMOVED,
                actor.id,
                now,
            )
            cancel_queued(
                session, cycle.workspace_id, f"cycle:{cycle.id}:peer:{nomination.id}:", "removed", now
            )
            cancel_queued(
                session,
                cycle.workspace_id,
                reminder_prefix(cycle.id, Stage.PEER_REVIEWS.value, nomination.id),
                "removed",
                now,
            )
    for person_id in wanted:
        found = existing.get(person_id)
        if found is None:
            nomination = _new_nomination(session, cycle, participant, person_id, actor, now)
        elif found.status in (NominationStatus.APPROVED, NominationStatus.SUBMITTED):
            continue
        else:
            nomination = found
        nomination.status, nomination.decided_by_id, nomination.updated_at = (
            NominationStatus.APPROVED,
            actor.id,
            now,
        )
        asked.append(nomination)
    participant.nominations_approved_at = now
    session.flush()
    result = Nominations(asked)
    result.messages = enqueue_for_request(
        session,
        [
            NewMessage(
                workspace_id=cycle.workspace_id,
                person_id=nomination.reviewer_id,
                subject_id=participant.person_id,
                kind=ReviewMessage.PEER_REQUEST,
                not_before=now,
                dedupe_key=f"cycle:{cycle.id}:peer:{nomination.id}:request",
                payload={"cycle_id": cycle.id, "nomination_id": nomination.id},
            )
            for nomination in asked
        ],
        now,
    )
    return result


def nomination_for(session: Session, actor: Person, nomination_id: int) -> tuple[ReviewCycle, PeerNomination]:
    nomination = session.get(PeerNomination, nomination_id)
    cycle = session.get(ReviewCycle, nomination.cycle_id) if nomination is not None else None
    if nomination is None or cycle is None or nomination.workspace_id != actor.workspace_id:
        raise NotFound(N_("That review request is no longer available."))
    return cycle, nomination


def require_peer(
    session: Session, actor: Person, nomination_id: int, now: datetime
) -> tuple[ReviewCycle, ReviewParticipant, PeerNomination]:
    cycle, nomination = nomination_for(session, actor, nomination_id)
    participant = session.get(ReviewParticipant, nomination.participant_id)
    assert participant is not None
    if nomination.reviewer_id == actor.id and nomination.status is NominationStatus.SUBMITTED:
        raise DomainError(N_("You have already sent this peer review. Thank you!"))
    if nomination.reviewer_id == actor.id and nomination.status is NominationStatus.DECLINED:
        raise DomainError(N_("You declined this review request."))
    require(actor, ReviewAction.WRITE_PEER_REVIEW, cycle, participant, nomination)
    require_open(session, cycle, participant, Stage.PEER_REVIEWS, actor, now)
    return cycle, participant, nomination


def submit_peer_review(
    session: Session,
    actor: Person,
    nomination_id: int,
    ratings: dict[str, int | None],
    answers: dict[str, str],
    now: datetime,
) -> PeerReview:
    cycle, participant, nomination = require_peer(session, actor, nomination_id, now)
    definition = definition_of(cycle)
    scale = set(definition.scale.ratings)
    problems: list[Problem] = []
    for question in definition.peer_questions:
        field = f"peer:{question.key}"
        if question.kind == "rating":
            rating = ratings.get(question.key)
            if rating is None or rating not in scale:
                problems.append(Problem(N_("Choose a rating."), field))
        elif len(answers.get(question.key, "")) > MAX_ANSWER:
            problems.append(Problem(N_("Keep it under {limit} characters."), field, {"limit": MAX_ANSWER}))
    if problems:
        raise DomainError.of(problems)
    review = PeerReview(
        workspace_id=cycle.workspace_id,
        cycle_id=cycle.id,
        participant_id=participant.id,
        nomination_id=nomination.id,
        ratings={
            q.key: int(r)
            for q in definition.peer_questions
            if q.kind == "rating" and (r := ratings.get(q.key))
        },
        answers={
            q.key: text
            for q in definition.peer_questions
            if q.kind == "text" and (text := answers.get(q.key, "").strip())
        },
        shuffle_key=secrets.randbelow(2**31),
        settings_version=cycle.settings_version,
        submitted_at=now,
    )
    session.add(review)
    nomination.status, nomination.updated_at = NominationStatus.SUBMITTED, now
    cancel_queued(
        session,
        cycle.workspace_id,
        reminder_prefix(cycle.id, Stage.PEER_REVIEWS.value, nomination.id),
        "peer review submitted",
        now,
    )
    session.flush()
    return review


def decline_peer_request(
    session: Session, actor: Person, nomination_id: int, reason: str, now: datetime
) -> list[int]:
    """Decline with a reason; the reviewee (and their manager) hear of it and can nominate someone else.
    Returns the ids of those messages, to be delivered right after the ack."""
    cycle, participant, nomination = require_peer(session, actor, nomination_id, now)
    reason = reason.strip()
    if len(reason) < MIN_DECLINE_REASON:
        raise DomainError(N_("Say briefly why, so they can ask someone else."), field="reason")
    nomination.status, nomination.decline_reason, nomination.updated_at = (
        NominationStatus.DECLINED,
        reason,
        now,
    )
    cancel_queued(
        session,
        cycle.workspace_id,
        reminder_prefix(cycle.id, Stage.PEER_REVIEWS.value, nomination.id),
        "declined",
        now,
    )
    told = [participant.person_id, *([participant.manager_id] if participant.manager_id else [])]
    return enqueue_for_request(
        session,
        [
            NewMessage(
                workspace_id=cycle.workspace_id,
                person_id=person_id,
                subject_id=participant.person_id,
                kind=ReviewMessage.PEER_DECLINED,
                not_before=now,
                dedupe_key=f"cycle:{cycle.id}:peer:{nomination.id}:declined:person:{person_id}",
                payload={"cycle_id": cycle.id, "nomination_id": nomination.id},
            )
            for person_id in told
        ],
        now,
    )


def _new_nomination(
    session: Session,
    cycle: ReviewCycle,
    participant: ReviewParticipant,
    reviewer_id: int,
    actor: Person,
    now: datetime,
) -> PeerNomination:
    nomination = PeerNomination(
        workspace_id=cycle.workspace_id,
        cycle_id=cycle.id,
        participant_id=participant.id,
        reviewer_id=reviewer_id,
        nominated_by_id=actor.id,
        created_at=now,
    )
    session.add(nomination)
    return nomination
