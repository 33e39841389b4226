"""Who may do what to an appeal: a person's relations to it, and a table of relation × action.

A person can stand in several relations at once (an HR admin who is also in the appellant's
management chain). The relations that make someone a party to the rating itself (the appellant,
their reviewing manager, anyone above them) come first: whoever has one acts only as that party
and never with HR's powers, so no one re-examines their own rating or their own report's.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from models.appeals.states import Action

SYSTEM_ACTOR = "perfbot"  # the automatic round-robin assignment acts under this id


class Relation(StrEnum):
    APPELLANT = "appellant"
    ASSIGNED_HR_ADMIN = "assigned_hr_admin"
    HR_ADMIN = "hr_admin"  # any other HR admin
    HR_LEAD = "hr_lead"
    REVIEWING_MANAGER = "reviewing_manager"
    MANAGEMENT_CHAIN = "management_chain"  # anyone above the appellant
    ANYONE_ELSE = "anyone_else"
    SYSTEM = "system"


CONFLICTED = frozenset({Relation.APPELLANT, Relation.REVIEWING_MANAGER, Relation.MANAGEMENT_CHAIN})
VIEW = "view"  # reading the appeal's content (reasons, evidence, statement, decision)

PERMISSIONS: dict[Action | str, frozenset[Relation]] = {
    Action.FILE: frozenset({Relation.APPELLANT}),
    Action.ASSIGN: frozenset({Relation.HR_LEAD, Relation.SYSTEM}),
    Action.ASK_STATEMENT: frozenset({Relation.ASSIGNED_HR_ADMIN}),
    Action.ANSWER_STATEMENT: frozenset({Relation.REVIEWING_MANAGER}),
    Action.ASK_EMPLOYEE: frozenset({Relation.ASSIGNED_HR_ADMIN}),
    Action.ANSWER_EMPLOYEE: frozenset({Relation.APPELLANT}),
    Action.DECIDE: frozenset({Relation.ASSIGNED_HR_ADMIN}),
    Action.WITHDRAW: frozenset({Relation.APPELLANT}),
    Action.REOPEN: frozenset({Relation.ASSIGNED_HR_ADMIN, Relation.HR_LEAD}),
    # The manager sees only what HR shares with them, through the statement request, not the appeal.
    VIEW: frozenset({Relation.APPELLANT, Relation.ASSIGNED_HR_ADMIN, Relation.HR_ADMIN, Relation.HR_LEAD}),
}


@dataclass(frozen=True)
class Parties:
    """The people around one appeal, as of the review cycle (its frozen reporting lines)."""

    appellant: str
    reviewing_manager: str | None
    management_chain: frozenset[str]  # everyone above the appellant, the reviewing manager included or not
    hr_admins: frozenset[str]
    hr_lead: str | None = None

    @property
    def conflicted(self) -> frozenset[str]:
        """Who may never handle this appeal."""
        manager = {self.reviewing_manager} if self.reviewing_manager else set()
        return frozenset({self.appellant, *manager, *self.management_chain})


def relations_of(user: str, parties: Parties, assignee: str | None) -> frozenset[Relation]:
    if user == SYSTEM_ACTOR:
        return frozenset({Relation.SYSTEM})
    found: set[Relation] = set()
    if user == parties.appellant:
        found.add(Relation.APPELLANT)
    if user == parties.reviewing_manager:
        found.add(Relation.REVIEWING_MANAGER)
    if user in parties.management_chain:
        found.add(Relation.MANAGEMENT_CHAIN)
    if assignee is not None and user == assignee:
        found.add(Relation.ASSIGNED_HR_ADMIN)
    elif user in parties.hr_admins:
        found.add(Relation.HR_ADMIN)
    if parties.hr_lead is not None and user == parties.hr_lead:
        found.add(Relation.HR_LEAD)
    return frozenset(found or {Relation.ANYONE_ELSE})


def may(action: Action | str, relations: frozenset[Relation]) -> bool:
    """Whether someone with these relations may perform `action` (or VIEW)."""
    acting_as = relations & CONFLICTED or relations
    return bool(acting_as & PERMISSIONS[action])


def assignable(user: str, parties: Parties) -> bool:
    """An HR admin (or the HR lead) with no part in the rating under appeal."""
    is_hr = user in parties.hr_admins or (parties.hr_lead is not None and user == parties.hr_lead)
    return is_hr and user != SYSTEM_ACTOR and user not in parties.conflicted
