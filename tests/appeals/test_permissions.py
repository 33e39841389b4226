"""Who may do what to an appeal, as a table, and how several relations combine."""

from __future__ import annotations

import pytest

from models.appeals import (
    PERMISSIONS,
    SYSTEM_ACTOR,
    VIEW,
    Action,
    Parties,
    Relation,
    assignable,
    may,
    relations_of,
)

COLUMNS = (
    Relation.APPELLANT,
    Relation.ASSIGNED_HR_ADMIN,
    Relation.HR_ADMIN,
    Relation.HR_LEAD,
    Relation.REVIEWING_MANAGER,
    Relation.MANAGEMENT_CHAIN,
    Relation.ANYONE_ELSE,
    Relation.SYSTEM,
)
# columns: appellant, assigned HR admin, other HR admin, HR lead, reviewing manager, chain, anyone, system
TABLE = {
    Action.FILE: "x . . . . . . .",
    Action.ASSIGN: ". . . x . . . x",
    Action.ASK_STATEMENT: ". x . . . . . .",
    Action.ANSWER_STATEMENT: ". . . . x . . .",
    Action.ASK_EMPLOYEE: ". x . . . . . .",
    Action.ANSWER_EMPLOYEE: "x . . . . . . .",
    Action.DECIDE: ". x . . . . . .",
    Action.WITHDRAW: "x . . . . . . .",
    Action.REOPEN: ". x . x . . . .",
    VIEW: "x x x x . . . .",
}
CASES = [
    (action, relation, row.split()[column] == "x")
    for action, row in TABLE.items()
    for column, relation in enumerate(COLUMNS)
]

PARTIES = Parties(
    appellant="U_EMP",
    reviewing_manager="U_MGR",
    management_chain=frozenset({"U_MGR", "U_DIRECTOR"}),
    hr_admins=frozenset({"U_HR1", "U_HR2", "U_DIRECTOR"}),
    hr_lead="U_LEAD",
)


def test_the_table_covers_every_action() -> None:
    assert set(TABLE) == set(PERMISSIONS) == {*Action, VIEW}


@pytest.mark.parametrize(("action", "relation", "allowed"), CASES, ids=[f"{a}-{r}" for a, r, _ in CASES])
def test_permission_table(action: Action | str, relation: Relation, allowed: bool) -> None:
    assert may(action, frozenset({relation})) is allowed


@pytest.mark.parametrize(
    ("user", "assignee", "expected"),
    [
        ("U_EMP", None, {Relation.APPELLANT}),
        ("U_MGR", None, {Relation.REVIEWING_MANAGER, Relation.MANAGEMENT_CHAIN}),
        ("U_DIRECTOR", None, {Relation.MANAGEMENT_CHAIN, Relation.HR_ADMIN}),
        ("U_HR1", "U_HR1", {Relation.ASSIGNED_HR_ADMIN}),
        ("U_HR2", "U_HR1", {Relation.HR_ADMIN}),
        ("U_LEAD", None, {Relation.HR_LEAD}),
        ("U_LEAD", "U_LEAD", {Relation.HR_LEAD, Relation.ASSIGNED_HR_ADMIN}),
        ("U_SOMEONE", None, {Relation.ANYONE_ELSE}),
        (SYSTEM_ACTOR, None, {Relation.SYSTEM}),
    ],
)
def test_relations_of_a_person_to_an_appeal(user: str, assignee: str | None, expected: set[Relation]) -> None:
    assert relations_of(user, PARTIES, assignee) == expected


def test_an_hr_admin_above_the_appellant_acts_only_as_their_superior() -> None:
    director = relations_of("U_DIRECTOR", PARTIES, None)
    assert not may(VIEW, director)
    assert not may(Action.REOPEN, director | {Relation.HR_LEAD})
    assert not may(Action.DECIDE, director | {Relation.ASSIGNED_HR_ADMIN})


def test_a_reviewing_manager_in_the_chain_still_answers_for_their_statement() -> None:
    assert may(Action.ANSWER_STATEMENT, relations_of("U_MGR", PARTIES, None))


def test_an_hr_lead_who_handles_the_appeal_keeps_the_lead_s_powers() -> None:
    lead = relations_of("U_LEAD", PARTIES, "U_LEAD")
    assert may(Action.ASSIGN, lead) and may(Action.DECIDE, lead) and may(Action.REOPEN, lead)


@pytest.mark.parametrize(
    ("user", "expected"),
    [
        ("U_HR1", True),
        ("U_LEAD", True),
        ("U_EMP", False),
        ("U_MGR", False),
        ("U_DIRECTOR", False),  # an HR admin, but above the appellant
        ("U_SOMEONE", False),
        (SYSTEM_ACTOR, False),
    ],
)
def test_who_can_be_assigned(user: str, expected: bool) -> None:
    assert assignable(user, PARTIES) is expected


def test_an_hr_admin_who_is_the_appellant_is_never_assignable() -> None:
    parties = Parties("U_HR1", "U_MGR", frozenset({"U_MGR"}), frozenset({"U_HR1", "U_HR2"}), "U_HR1")
    assert not assignable("U_HR1", parties)
    assert not may(Action.ASSIGN, relations_of("U_HR1", parties, None))  # the lead, but appealing
