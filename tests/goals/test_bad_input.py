"""Refused input: a clear message on the right field, and nothing stored."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy.orm import Session

from models.errors import DomainError, NotFound
from models.goals import (
    GoalKind,
    GoalLevel,
    GoalStatus,
    GoalVisibility,
    MetricDirection,
    approve_goal,
    clean_goal,
    create_goal,
    update_goal,
)
from models.i18n import translator
from tests.factories import make_goal
from tests.goals.conftest import NOW, TODAY, Org, build_org
from tests.goals.helpers import goal_count, goal_input

BAD_INPUT = {
    "non-numeric baseline": ({"baseline": "about ten"}, "baseline"),
    "non-numeric target": ({"target": "lots"}, "target"),
    "NaN target": ({"target": "NaN"}, "target"),
    "infinite baseline": ({"baseline": "inf"}, "baseline"),
    "overflowing baseline": ({"baseline": "1e400"}, "baseline"),
    "float NaN": ({"target": float("nan")}, "target"),
    "huge number": ({"target": "1e13"}, "target"),
    "missing baseline": ({"baseline": ""}, "baseline"),
    "missing target": ({"target": None}, "target"),
    "target equal to baseline": ({"baseline": "100", "target": "100.0"}, "target"),
    "increase with a lower target": ({"direction": MetricDirection.INCREASE, "target": "90"}, "target"),
    "decrease with a higher target": ({"direction": "decrease", "target": "130"}, "target"),
    "unknown direction": ({"direction": "sideways"}, "direction"),
    "due before start": ({"start_date": date(2025, 5, 1), "due_date": date(2025, 4, 30)}, "due_date"),
    "due before today's default start": ({"due_date": date(2025, 3, 2)}, "due_date"),
    "missing due date": ({"due_date": None}, "due_date"),
    "garbled due date": ({"due_date": "30/06/2025"}, "due_date"),
    "zero weight": ({"weight": "0"}, "weight"),
    "weight over 100": ({"weight": "150"}, "weight"),
    "non-numeric weight": ({"weight": "heavy"}, "weight"),
    "blank title": ({"title": "   "}, "title"),
    "overlong title": ({"title": "x" * 201}, "title"),
    "overlong unit": ({"unit": "u" * 33}, "unit"),
    "unknown level": ({"level": "galactic"}, "level"),
    "unknown visibility": ({"visibility": "secret"}, "visibility"),
}


@pytest.mark.parametrize("overrides,field", BAD_INPUT.values(), ids=list(BAD_INPUT))
def test_bad_input_is_refused_on_its_field_and_nothing_is_stored(
    session: Session, org: Org, overrides: dict[str, Any], field: str
) -> None:
    with pytest.raises(DomainError) as caught:
        create_goal(session, org.workspace, org.olive, goal_input(**overrides), now=NOW)
    assert [problem.field for problem in caught.value.problems] == [field]
    assert caught.value.field_errors(translator("en"))[field]
    assert goal_count(session) == 0


def test_every_problem_is_reported_at_once(session: Session, org: Org) -> None:
    with pytest.raises(DomainError) as caught:
        create_goal(
            session,
            org.workspace,
            org.olive,
            goal_input(title="", baseline="x", weight="-1", due_date=None),
            now=NOW,
        )
    assert {problem.field for problem in caught.value.problems} == {"title", "baseline", "weight", "due_date"}


def test_messages_name_what_to_fix() -> None:
    with pytest.raises(DomainError) as caught:
        clean_goal(goal_input(direction="increase", baseline="1,000", target="900"), today=TODAY)
    assert caught.value.render(translator("en")) == "To increase, set a target above the baseline (1,000)."


@pytest.mark.parametrize(
    "typed,value",
    [
        ("1,200", 1200.0),
        (" 3.5 ", 3.5),
        ("80%", 80.0),
        ("-2", -2.0),
        ("１２", 12.0),
        (7, 7.0),
        ("1_000", 1000.0),
    ],
)
def test_numbers_are_read_as_people_type_them(typed: str | int, value: float) -> None:
    clean = clean_goal(goal_input(baseline=typed, target="5000"), today=TODAY)
    assert clean.baseline == value


def test_the_direction_follows_baseline_and_target_when_not_given() -> None:
    assert (
        clean_goal(goal_input(baseline="15", target="10"), today=TODAY).direction is MetricDirection.DECREASE
    )
    assert (
        clean_goal(goal_input(baseline="1", target="10"), today=TODAY).direction is MetricDirection.INCREASE
    )


def test_a_milestone_needs_no_numbers(session: Session, org: Org) -> None:
    data = goal_input(kind=GoalKind.MILESTONE, baseline="", target="nonsense", unit="")
    goal = create_goal(session, org.workspace, org.olive, data, now=NOW).goal
    assert goal.kind is GoalKind.MILESTONE and goal.baseline is None and goal.progress == 0


def test_alignment_that_fits_the_cascade(session: Session, org: Org) -> None:
    company = make_goal(session, org.workspace, level=GoalLevel.COMPANY, title="Win the market")
    team = create_goal(
        session, org.workspace, org.tina, goal_input(level="team", parent_id=company.id), now=NOW
    ).goal
    mine = create_goal(session, org.workspace, org.olive, goal_input(parent_id=team.id), now=NOW).goal
    direct = create_goal(session, org.workspace, org.olive, goal_input(parent_id=company.id), now=NOW).goal
    assert (team.parent_id, mine.parent_id, direct.parent_id) == (company.id, team.id, company.id)


def _refused_parent(session: Session, org: Org, actor_name: str, **overrides: Any) -> str:
    before = goal_count(session)
    with pytest.raises(DomainError) as caught:
        create_goal(session, org.workspace, getattr(org, actor_name), goal_input(**overrides), now=NOW)
    assert goal_count(session) == before
    assert [problem.field for problem in caught.value.problems] == ["parent"]
    return caught.value.render(translator("en"))


def test_a_parent_at_the_wrong_level_is_refused(session: Session, org: Org) -> None:
    company = make_goal(session, org.workspace, level=GoalLevel.COMPANY)
    team = make_goal(session, org.workspace, level=GoalLevel.TEAM, owner=org.tina)
    individual = make_goal(session, org.workspace, owner=org.olive)

    assert "only align to a company goal" in _refused_parent(
        session, org, "tina", level="team", parent_id=team.id
    )
    assert "team or company" in _refused_parent(session, org, "olive", parent_id=individual.id)
    assert "cannot align" in _refused_parent(session, org, "hr", level="company", parent_id=company.id)


def test_a_parent_the_user_cannot_see_is_refused_like_one_that_does_not_exist(
    session: Session, org: Org
) -> None:
    hidden = make_goal(
        session,
        org.workspace,
        level=GoalLevel.TEAM,
        owner=org.other,
        department="Support",
        visibility=GoalVisibility.PRIVATE,
    )
    assert _refused_parent(session, org, "olive", parent_id=hidden.id) == _refused_parent(
        session, org, "olive", parent_id=999_999
    )


def test_a_parent_in_another_workspace_is_refused(session: Session, org: Org) -> None:
    elsewhere = build_org(session, "T002")
    foreign = make_goal(session, elsewhere.workspace, level=GoalLevel.COMPANY)
    assert "can see" in _refused_parent(session, org, "olive", parent_id=foreign.id)


def test_a_closed_parent_is_refused(session: Session, org: Org) -> None:
    cancelled = make_goal(session, org.workspace, level=GoalLevel.COMPANY, status=GoalStatus.CANCELLED)
    assert "closed" in _refused_parent(session, org, "olive", parent_id=cancelled.id)


def test_a_loop_in_alignment_is_refused(session: Session, org: Org) -> None:
    team = make_goal(session, org.workspace, level=GoalLevel.TEAM, owner=org.tina)
    child = make_goal(session, org.workspace, owner=org.olive, parent=team)

    for goal, parent in ((team, child), (child, child)):
        with pytest.raises(DomainError) as caught:
            update_goal(
                session,
                org.workspace,
                org.boss,
                goal.id,
                goal_input(level=goal.level, parent_id=parent.id),
                now=NOW,
            )
        assert [problem.field for problem in caught.value.problems] == ["parent"]
        assert "loop" in caught.value.render(translator("en"))
    assert (team.parent_id, child.parent_id) == (None, team.id)


def test_workspaces_never_see_each_others_goals(session: Session, org: Org) -> None:
    elsewhere = build_org(session, "T002")
    goal = create_goal(session, org.workspace, org.olive, goal_input(), now=NOW).goal

    with pytest.raises(NotFound):
        approve_goal(session, elsewhere.workspace, elsewhere.hr, goal.id, now=NOW)
    with pytest.raises(NotFound):
        approve_goal(session, org.workspace, elsewhere.boss, goal.id, now=NOW)
    assert goal.status is GoalStatus.PROPOSED
