"""Who may do what in a review cycle, decided here and nowhere else (tested as a table).

A person stands in one relation to a participant's review: the participant themself, their
reviewing manager (frozen at launch), an approved peer, an HR admin, or anyone else. Before
release only the reviewing manager and HR see the self-assessment and the peer aggregate; peer
reviewers' names are for HR alone, and only where the cycle allows it.
"""

from __future__ import annotations

import enum

from models.errors import PermissionDenied
from models.i18n import N_
from models.people import Person
from models.reviews.entities import (
    CycleStatus,
    NominationStatus,
    PeerNomination,
    ReviewCycle,
    ReviewParticipant,
)


class ReviewAction(enum.StrEnum):
    MANAGE_CYCLE = "manage_cycle"  # create, edit a draft, launch, extend deadlines, reassign managers
    READ_CYCLE_STATUS = "read_cycle_status"  # who owes what, by name
    WRITE_SELF = "write_self"
    READ_SELF = "read_self"
    NOMINATE = "nominate"
    DECIDE_NOMINATIONS = "decide_nominations"
    WRITE_PEER_REVIEW = "write_peer_review"
    READ_PEER_AGGREGATE = "read_peer_aggregate"
    READ_PEER_NAMES = "read_peer_names"
    WRITE_MANAGER_REVIEW = "write_manager_review"
    READ_RESULT = "read_result"  # the manager review, the final score and rating, and how they were reached
    CALIBRATE = "calibrate"  # see the rating distributions; change a final rating, with a reason
    RECORD_OUTCOME = "record_outcome"  # bonus tier, promotion nomination, training, transfer


class Relation(enum.StrEnum):
    SELF = "self"
    MANAGER = "manager"
    PEER = "peer"
    HR = "hr"
    OTHER = "other"


def relations(
    actor: Person, participant: ReviewParticipant | None, nomination: PeerNomination | None = None
) -> set[Relation]:
    """Every relation the actor has to this participant's review (an HR admin may also be the manager)."""
    found: set[Relation] = set()
    if not actor.active:
        return found
    if actor.is_hr_admin:
        found.add(Relation.HR)
    if participant is None or participant.workspace_id != actor.workspace_id:
        return found if participant is None else set()
    if participant.person_id == actor.id:
        found.add(Relation.SELF)
    if participant.manager_id == actor.id:
        found.add(Relation.MANAGER)
    if (
        nomination is not None
        and nomination.participant_id == participant.id
        and nomination.reviewer_id == actor.id
        and nomination.status is NominationStatus.APPROVED
    ):
        found.add(Relation.PEER)
    return found or {Relation.OTHER}


# Who may, before release. After release (part 2) the participant also reads their aggregate.
ALLOWED: dict[ReviewAction, frozenset[Relation]] = {
    ReviewAction.MANAGE_CYCLE: frozenset({Relation.HR}),
    ReviewAction.READ_CYCLE_STATUS: frozenset({Relation.HR}),
    ReviewAction.WRITE_SELF: frozenset({Relation.SELF}),
    ReviewAction.READ_SELF: frozenset({Relation.SELF, Relation.MANAGER, Relation.HR}),
    ReviewAction.NOMINATE: frozenset({Relation.SELF, Relation.MANAGER, Relation.HR}),
    ReviewAction.DECIDE_NOMINATIONS: frozenset({Relation.MANAGER, Relation.HR}),
    ReviewAction.WRITE_PEER_REVIEW: frozenset({Relation.PEER}),
    ReviewAction.READ_PEER_AGGREGATE: frozenset({Relation.MANAGER, Relation.HR}),
    ReviewAction.READ_PEER_NAMES: frozenset({Relation.HR}),
    ReviewAction.WRITE_MANAGER_REVIEW: frozenset({Relation.MANAGER, Relation.HR}),
    ReviewAction.READ_RESULT: frozenset({Relation.MANAGER, Relation.HR}),
    ReviewAction.CALIBRATE: frozenset({Relation.HR}),
    ReviewAction.RECORD_OUTCOME: frozenset({Relation.HR}),
}

RELEASED = (CycleStatus.RELEASED, CycleStatus.CLOSED)


def released(cycle: ReviewCycle, participant: ReviewParticipant | None) -> bool:
    """Whether this participant's result is out: their own release (by department), or the cycle's."""
    if participant is not None and participant.released_at is not None:
        return True
    return cycle.status in RELEASED


def can(
    actor: Person,
    action: ReviewAction,
    cycle: ReviewCycle,
    participant: ReviewParticipant | None = None,
    nomination: PeerNomination | None = None,
) -> bool:
    if cycle.workspace_id != actor.workspace_id:
        return False
    mine = relations(actor, participant, nomination)
    if action is ReviewAction.READ_PEER_NAMES and not cycle.settings.get("hr_sees_peer_names", False):
        return False
    if action is ReviewAction.READ_PEER_AGGREGATE and released(cycle, participant):
        return bool(mine & {Relation.SELF, Relation.MANAGER, Relation.HR})
    if Relation.SELF in mine and action in (
        ReviewAction.WRITE_MANAGER_REVIEW,
        ReviewAction.READ_RESULT,
        ReviewAction.CALIBRATE,
        ReviewAction.RECORD_OUTCOME,
    ):
        # Nobody reviews themself, and nobody (an HR admin neither) sees their own result before release.
        return action is ReviewAction.READ_RESULT and released(cycle, participant)
    return bool(mine & ALLOWED[action])


REFUSALS: dict[ReviewAction, str] = {
    ReviewAction.MANAGE_CYCLE: N_("Only HR admins can set up and run review cycles."),
    ReviewAction.READ_CYCLE_STATUS: N_("Only HR admins can see who still owes what in a review cycle."),
    ReviewAction.WRITE_SELF: N_("Only the employee writes their own self-assessment."),
    ReviewAction.READ_SELF: N_(
        "A self-assessment is seen by its writer, their reviewing manager and HR only."
    ),
    ReviewAction.NOMINATE: N_("Only the employee, their reviewing manager or HR can nominate peers."),
    ReviewAction.DECIDE_NOMINATIONS: N_("Only the reviewing manager or HR can approve peer nominations."),
    ReviewAction.WRITE_PEER_REVIEW: N_(
        "Only a peer whose nomination was approved can write this peer review."
    ),
    ReviewAction.READ_PEER_AGGREGATE: N_(
        "Before release, only the reviewing manager and HR see peer reviews."
    ),
    ReviewAction.READ_PEER_NAMES: N_("Peer reviewers' names are not shown in this cycle."),
    ReviewAction.WRITE_MANAGER_REVIEW: N_(
        "Only the reviewing manager in this cycle, or HR, writes this manager review."
    ),
    ReviewAction.CALIBRATE: N_("Only HR admins calibrate final ratings, and never their own."),
    ReviewAction.RECORD_OUTCOME: N_("Only HR admins record outcomes, and never their own."),
    ReviewAction.READ_RESULT: N_(
        "A result is seen by the reviewing manager and HR, and by the employee once results are released."
    ),
}


def require(
    actor: Person,
    action: ReviewAction,
    cycle: ReviewCycle,
    participant: ReviewParticipant | None = None,
    nomination: PeerNomination | None = None,
) -> None:
    if not can(actor, action, cycle, participant, nomination):
        raise PermissionDenied(REFUSALS[action])
