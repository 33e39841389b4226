"""Who may do what with a feedback log and its development actions, decided here and nowhere else
(tested as a table).

Nothing of it exists before the participant's result is released. Then the reviewing manager writes
the log (HR stands in only for a participant without a reviewing manager), the employee reads it,
comments on it and acknowledges it, HR reads it; anyone else sees nothing. A development action is
marked done by its owner or by the reviewing manager.
"""

from __future__ import annotations

import enum

from models.errors import PermissionDenied
from models.i18n import N_
from models.people import Person
from models.reviews import ReviewCycle, ReviewParticipant, is_released


class FeedbackAction(enum.StrEnum):
    WRITE_LOG = "write_log"
    READ_LOG = "read_log"
    COMMENT = "comment"
    ACKNOWLEDGE = "acknowledge"
    MARK_DONE = "mark_done"  # a development action


class Relation(enum.StrEnum):
    EMPLOYEE = "employee"  # the participant themself
    MANAGER = "manager"  # their reviewing manager in the cycle
    HR = "hr"
    HR_STANDING_IN = "hr_standing_in"  # HR, for a participant without a reviewing manager
    OWNER = "owner"  # owns the development action in question
    OTHER = "other"


ALLOWED: dict[FeedbackAction, frozenset[Relation]] = {
    FeedbackAction.WRITE_LOG: frozenset({Relation.MANAGER, Relation.HR_STANDING_IN}),
    FeedbackAction.READ_LOG: frozenset({Relation.EMPLOYEE, Relation.MANAGER, Relation.HR}),
    FeedbackAction.COMMENT: frozenset({Relation.EMPLOYEE}),
    FeedbackAction.ACKNOWLEDGE: frozenset({Relation.EMPLOYEE}),
    FeedbackAction.MARK_DONE: frozenset({Relation.OWNER, Relation.MANAGER}),
}


def relations(actor: Person, participant: ReviewParticipant, owner_id: int | None = None) -> set[Relation]:
    found: set[Relation] = set()
    if not actor.active or actor.workspace_id != participant.workspace_id:
        return found
    if participant.person_id == actor.id:
        found.add(Relation.EMPLOYEE)
    if participant.manager_id == actor.id:
        found.add(Relation.MANAGER)
    if actor.is_hr_admin:
        found.add(Relation.HR)
        if participant.manager_id is None and participant.person_id != actor.id:
            found.add(Relation.HR_STANDING_IN)
    if owner_id is not None and owner_id == actor.id:
        found.add(Relation.OWNER)
    return found or {Relation.OTHER}


def can(
    actor: Person,
    action: FeedbackAction,
    cycle: ReviewCycle,
    participant: ReviewParticipant,
    owner_id: int | None = None,
) -> bool:
    """Whether `actor` may do `action` on this participant's feedback (`owner_id`: the action's owner)."""
    if cycle.workspace_id != actor.workspace_id or not is_released(cycle, participant):
        return False
    return bool(relations(actor, participant, owner_id) & ALLOWED[action])


REFUSALS: dict[FeedbackAction, str] = {
    FeedbackAction.WRITE_LOG: N_(
        "Only the reviewing manager logs the feedback conversation, once the result is released."
    ),
    FeedbackAction.READ_LOG: N_(
        "A feedback conversation is seen by the employee, their reviewing manager and HR only."
    ),
    FeedbackAction.COMMENT: N_("Only the employee comments on their feedback conversation."),
    FeedbackAction.ACKNOWLEDGE: N_("Only the employee acknowledges their feedback conversation."),
    FeedbackAction.MARK_DONE: N_(
        "Only the action's owner or the reviewing manager can mark a development action done."
    ),
}


def require(
    actor: Person,
    action: FeedbackAction,
    cycle: ReviewCycle,
    participant: ReviewParticipant,
    owner_id: int | None = None,
) -> None:
    if not can(actor, action, cycle, participant, owner_id):
        raise PermissionDenied(REFUSALS[action])
