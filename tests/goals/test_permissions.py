"""Who may create, edit, approve, cancel, check in on and see each kind of goal: the matrix."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from models.goals import (
    Goal,
    GoalLevel,
    GoalStatus,
    GoalVisibility,
    approvers,
    can_approve_goal,
    can_cancel_goal,
    can_check_in,
    can_comment_on_goal,
    can_create_goal,
    can_edit_goal,
    can_see_goal,
    visible_goals,
)
from models.people import Person
from tests.factories import make_goal
from tests.goals.conftest import Org

ACTORS = ("employee", "manager_of_owner", "other_manager", "hr_admin", "owner")
ALL = frozenset(ACTORS)
CIRCLE = frozenset({"owner", "manager_of_owner", "hr_admin"})

# For each level: the actors allowed each action. Seeing depends on visibility as well.
EXPECTED: dict[GoalLevel, dict[str, frozenset[str]]] = {
    GoalLevel.INDIVIDUAL: {
        "create": frozenset({"owner", "manager_of_owner"}),
        "edit": frozenset({"manager_of_owner"}),  # the owner only while it is a draft or proposal
        "approve": frozenset({"manager_of_owner"}),
        "cancel": frozenset({"manager_of_owner", "hr_admin"}),
        "check_in": frozenset({"owner", "manager_of_owner"}),
        "comment": CIRCLE,
    },
    GoalLevel.TEAM: {
        "create": CIRCLE,
        "edit": CIRCLE,
        "approve": frozenset(),  # team goals are set, not proposed
        "cancel": CIRCLE,
        "check_in": CIRCLE,
        "comment": CIRCLE,
    },
    GoalLevel.COMPANY: {
        "create": frozenset({"hr_admin"}),
        "edit": frozenset({"hr_admin"}),
        "approve": frozenset(),
        "cancel": frozenset({"hr_admin"}),
        "check_in": frozenset({"hr_admin"}),
        "comment": frozenset({"hr_admin"}),
    },
}


def actors(org: Org, level: GoalLevel) -> dict[str, Person]:
    """Olive owns individual goals and Tina (a Sales team lead) team goals; Bo manages both.
    Company goals have no owner: the "owner" and "manager" columns are then just two managers."""
    return {
        "employee": org.peer,
        "manager_of_owner": org.boss,
        "other_manager": org.other,
        "hr_admin": org.hr,
        "owner": org.tina
        if level is GoalLevel.TEAM
        else org.olive
        if level is GoalLevel.INDIVIDUAL
        else org.tina,
    }


def goal_of(
    session: Session, org: Org, level: GoalLevel, visibility: GoalVisibility, status: GoalStatus
) -> Goal:
    owner = {GoalLevel.INDIVIDUAL: org.olive, GoalLevel.TEAM: org.tina, GoalLevel.COMPANY: None}[level]
    return make_goal(session, org.workspace, level=level, owner=owner, visibility=visibility, status=status)


def owner_of(org: Org, goal: Goal) -> Person | None:
    return next((p for p in (org.olive, org.tina) if p.id == goal.owner_id), None)


@pytest.mark.parametrize("visibility", list(GoalVisibility))
@pytest.mark.parametrize("level", list(GoalLevel))
def test_permission_matrix(session: Session, org: Org, level: GoalLevel, visibility: GoalVisibility) -> None:
    active = goal_of(session, org, level, visibility, GoalStatus.ACTIVE)
    proposed = goal_of(session, org, level, visibility, GoalStatus.PROPOSED)
    owner = owner_of(org, active)
    people = actors(org, level)
    target_owner = org.olive if level is GoalLevel.INDIVIDUAL else None
    checks: dict[str, Callable[[Person], bool]] = {
        "create": lambda p: can_create_goal(p, level, owner=target_owner, department="Sales"),
        "edit": lambda p: can_edit_goal(p, active, owner),
        "approve": lambda p: can_approve_goal(p, proposed, owner),
        "cancel": lambda p: can_cancel_goal(p, active, owner),
        "check_in": lambda p: can_check_in(p, active, owner),
        "comment": lambda p: can_comment_on_goal(p, active, owner),
        "see": lambda p: can_see_goal(p, active, owner),
    }
    allowed = {
        action: frozenset(name for name, p in people.items() if check(p)) for action, check in checks.items()
    }

    expected = dict(EXPECTED[level])
    expected["see"] = (
        ALL
        if visibility is GoalVisibility.PUBLIC
        else frozenset(name for name in CIRCLE if level is not GoalLevel.COMPANY or name == "hr_admin")
    )
    assert allowed == expected


@pytest.mark.parametrize("visibility", list(GoalVisibility))
@pytest.mark.parametrize("status", list(GoalStatus))
def test_the_visibility_clause_agrees_with_can_see_goal(
    session: Session, org: Org, status: GoalStatus, visibility: GoalVisibility
) -> None:
    goals = [goal_of(session, org, level, visibility, status) for level in GoalLevel]
    for viewer in (org.peer, org.boss, org.other, org.hr, org.olive, org.tina):
        in_sql = set(session.scalars(select(Goal.id).where(visible_goals(viewer))))
        in_python = {goal.id for goal in goals if can_see_goal(viewer, goal, owner_of(org, goal))}
        assert in_sql == in_python, viewer.name


def test_drafts_and_proposals_are_seen_only_by_the_owners_circle(session: Session, org: Org) -> None:
    for status in (GoalStatus.DRAFT, GoalStatus.PROPOSED):
        goal = goal_of(session, org, GoalLevel.INDIVIDUAL, GoalVisibility.PUBLIC, status)
        seen = {
            p.name
            for p in (org.peer, org.boss, org.other, org.hr, org.olive, org.tina)
            if can_see_goal(p, goal, org.olive)
        }
        assert seen == {"Olive", "Bo", "Hana"}


def test_owners_shape_their_own_draft_but_not_an_agreed_goal(session: Session, org: Org) -> None:
    for status, editable in (
        (GoalStatus.DRAFT, True),
        (GoalStatus.PROPOSED, True),
        (GoalStatus.ACTIVE, False),
    ):
        goal = goal_of(session, org, GoalLevel.INDIVIDUAL, GoalVisibility.PUBLIC, status)
        assert can_edit_goal(org.olive, goal, org.olive) is editable
        assert can_cancel_goal(org.olive, goal, org.olive) is editable


def test_closed_goals_cannot_be_edited_or_cancelled_by_anyone(session: Session, org: Org) -> None:
    for status in (GoalStatus.COMPLETED, GoalStatus.CANCELLED):
        goal = goal_of(session, org, GoalLevel.TEAM, GoalVisibility.PUBLIC, status)
        for person in (org.hr, org.boss, org.tina):
            assert not can_edit_goal(person, goal, org.tina)
            assert not can_cancel_goal(person, goal, org.tina)


def test_deactivated_people_can_do_nothing(session: Session, org: Org) -> None:
    goal = goal_of(session, org, GoalLevel.INDIVIDUAL, GoalVisibility.PUBLIC, GoalStatus.ACTIVE)
    for person in (org.olive, org.boss, org.hr):
        person.active = False
        assert not can_see_goal(person, goal, org.olive)
        assert not can_edit_goal(person, goal, org.olive)
        assert not can_check_in(person, goal, org.olive)
        assert not can_create_goal(person, GoalLevel.INDIVIDUAL, owner=org.olive)
        assert session.scalars(select(Goal.id).where(visible_goals(person))).all() == []


def test_nobody_approves_their_own_goal_and_hr_stands_in_for_a_missing_manager(
    session: Session, org: Org
) -> None:
    own = make_goal(session, org.workspace, owner=org.hr, status=GoalStatus.PROPOSED)
    assert not can_approve_goal(org.hr, own, org.hr)
    unmanaged = make_goal(session, org.workspace, owner=org.other, status=GoalStatus.PROPOSED)
    assert can_approve_goal(org.hr, unmanaged, org.other)
    managed = make_goal(session, org.workspace, owner=org.olive, status=GoalStatus.PROPOSED)
    assert not can_approve_goal(org.hr, managed, org.olive)


def test_hr_stands_in_when_the_owners_manager_has_left(session: Session, org: Org) -> None:
    proposal = make_goal(session, org.workspace, owner=org.olive, status=GoalStatus.PROPOSED)
    org.boss.active = False  # Olive's manager was deactivated (left the company, or the import dropped them)
    assert can_approve_goal(org.hr, proposal, org.olive)
    assert not can_approve_goal(org.boss, proposal, org.olive)
    assert approvers(session, org.workspace, org.olive) == [org.hr]


# A roll-up shown to someone must not let them deduce a child goal kept from them: such children are left
# out of the number (and counted), for every way a roll-up is read.
ROLLUP_READERS = {
    # reader: (progress of the team goal, hidden children) with one public child at 80 % (weight 75)
    # and Pia's private child at 40 % (weight 25)
    "hr": (70.0, 0),  # HR sees every goal
    "other": (70.0, 0),  # Pia's manager sees her private goal
    "peer": (70.0, 0),  # the private goal's owner
    "tina": (80.0, 1),  # the team goal's owner, outside Pia's circle
    "olive": (80.0, 1),
    "boss": (80.0, 1),
}


@pytest.mark.parametrize("reader", sorted(ROLLUP_READERS))
def test_a_roll_up_never_reveals_a_child_the_reader_may_not_see(
    session: Session, org: Org, reader: str
) -> None:
    from models.goals import goal_tree, rolled_up_progress

    team = make_goal(session, org.workspace, level=GoalLevel.TEAM, owner=org.tina, current=0)
    make_goal(session, org.workspace, owner=org.olive, parent=team, current=80, weight=75)
    make_goal(
        session,
        org.workspace,
        owner=org.peer,
        parent=team,
        current=40,
        weight=25,
        visibility=GoalVisibility.PRIVATE,
    )
    viewer: Person = getattr(org, reader)
    expected_progress, expected_hidden = ROLLUP_READERS[reader]

    rolled = rolled_up_progress(session, viewer)
    assert rolled.progress[team.id] == pytest.approx(expected_progress)
    assert rolled.hidden_children.get(team.id, 0) == expected_hidden

    in_tree = {s.goal.id: s for _, s in goal_tree(session, viewer).walk()}
    assert in_tree[team.id].progress == pytest.approx(expected_progress)
    assert in_tree[team.id].hidden_children == expected_hidden
