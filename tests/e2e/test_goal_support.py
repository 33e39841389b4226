"""Shared by the goal and check-in end-to-end tests: a small organisation, goals set straight in the
database, and the goal modal's state as Slack would send it. (No tests here.)"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select

from bot.sandbox.slack.blockkit import check_message
from handlers.goals import GoalAction, GoalBlock
from models.db import unit_of_work
from models.goals import Goal, GoalCheckin, GoalLevel
from models.people import Person, Role
from models.workspace import Workspace
from tests.e2e.conftest import Stack
from tests.factories import make_goal

TODAY = date.today()
DUE = TODAY + timedelta(days=60)
# Slack user ids of the organisation `seed_org` builds.
HR, BOSS, OLIVE, PIA, OTTO = "UHR", "UBOSS", "UOLIVE", "UPIA", "UOTTO"


@dataclass(frozen=True)
class Ids:
    """Database ids by Slack user id."""

    people: dict[str, int]


def seed_org(stack: Stack) -> Ids:
    """Hana (HR), Bo (manages Sales; Olive and Pia report to him), Otto (manages Support)."""
    stack.seed((HR, "Hana"), (BOSS, "Bo"), (OLIVE, "Olive"), (PIA, "Pia"), (OTTO, "Otto"), hr=HR)
    with unit_of_work(stack.session_factory) as session:
        people = {p.slack_user_id: p for p in session.scalars(select(Person))}
        people[BOSS].role, people[BOSS].department = Role.MANAGER, "Sales"
        people[OTTO].role, people[OTTO].department = Role.MANAGER, "Support"
        for report in (OLIVE, PIA):
            people[report].manager_id, people[report].department = people[BOSS].id, "Sales"
        people[HR].department = "People"
        return Ids({user_id: person.id for user_id, person in people.items()})


def add_goal(stack: Stack, owner: str | None = None, **fields: Any) -> int:
    """A goal written straight to the table (the scene, not the thing under test); returns its id."""
    with unit_of_work(stack.session_factory) as session:
        workspace = session.scalars(select(Workspace)).one()
        person = session.scalars(select(Person).where(Person.slack_user_id == owner)).one() if owner else None
        if "parent" in fields and isinstance(fields["parent"], int):
            fields["parent"] = session.get(Goal, fields["parent"])
        fields.setdefault("due_date", DUE)
        fields.setdefault("start_date", TODAY - timedelta(days=30))
        if person is None:
            fields.setdefault("level", GoalLevel.COMPANY)
        unit = fields.pop("unit", None)
        made = make_goal(session, workspace, owner=person, **fields)
        if unit is not None:
            made.unit = unit
        return made.id


def goal(stack: Stack, goal_id: int) -> Goal:
    with stack.session_factory() as session:
        found = session.get(Goal, goal_id)
        assert found is not None
        return found


def goals_titled(stack: Stack, title: str) -> list[Goal]:
    with stack.session_factory() as session:
        return list(session.scalars(select(Goal).where(Goal.title == title)))


def goal_count(stack: Stack) -> int:
    with stack.session_factory() as session:
        return int(session.scalar(select(func.count(Goal.id))) or 0)


def checkin_count(stack: Stack) -> int:
    with stack.session_factory() as session:
        return int(session.scalar(select(func.count(GoalCheckin.id))) or 0)


def opened(stack: Stack, count: int = 1, method: str = "views.open") -> dict[str, Any]:
    """The view of the `count`-th views.open (or views.push) call."""
    view = stack.fake.wait_for(method, count=count)[count - 1].args["view"]
    assert isinstance(view, dict)
    return view


def block(view: dict[str, Any], block_id: str) -> dict[str, Any]:
    return next(b for b in view["blocks"] if b.get("block_id") == block_id)


def block_ids(view: dict[str, Any]) -> list[str]:
    return [b.get("block_id", "") for b in view["blocks"]]


GOAL_FIELDS = {
    GoalBlock.TITLE: GoalAction.TITLE,
    GoalBlock.DESCRIPTION: GoalAction.DESCRIPTION,
    GoalBlock.LEVEL: GoalAction.LEVEL,
    GoalBlock.OWNER: GoalAction.OWNER,
    GoalBlock.DEPARTMENT: GoalAction.DEPARTMENT,
    GoalBlock.PARENT: GoalAction.PARENT,
    GoalBlock.KIND: GoalAction.KIND,
    GoalBlock.UNIT: GoalAction.UNIT,
    GoalBlock.BASELINE: GoalAction.BASELINE,
    GoalBlock.TARGET: GoalAction.TARGET,
    GoalBlock.DIRECTION: GoalAction.DIRECTION,
    GoalBlock.WEIGHT: GoalAction.WEIGHT,
    GoalBlock.START_DATE: GoalAction.START_DATE,
    GoalBlock.DUE_DATE: GoalAction.DUE_DATE,
    GoalBlock.VISIBILITY: GoalAction.VISIBILITY,
}


def goal_form(view: dict[str, Any], **values: Any) -> dict[str, Any]:
    """The goal modal's state: each shown field's initial value, overridden by `values` (by block id).

    Plain values are shaped by the element's type (an option value, a user id, a date…)."""
    defaults: dict[str, Any] = {
        GoalBlock.TITLE: "Grow repeat sales",
        GoalBlock.KIND: "metric",
        GoalBlock.UNIT: "k€",
        GoalBlock.BASELINE: "100",
        GoalBlock.TARGET: "130",
        GoalBlock.WEIGHT: "100",
        GoalBlock.START_DATE: TODAY.isoformat(),
        GoalBlock.DUE_DATE: DUE.isoformat(),
        GoalBlock.VISIBILITY: "public",
    }
    state: dict[str, Any] = {}
    for block_id in block_ids(view):
        if block_id not in GOAL_FIELDS:
            continue
        element = block(view, block_id)["element"]
        initial = (
            element.get("initial_value")
            or (element.get("initial_option") or {}).get("value")
            or element.get("initial_user")
            or element.get("initial_date")
        )
        value = values.get(block_id, initial if initial is not None else defaults.get(block_id))
        state[block_id] = {GOAL_FIELDS[GoalBlock(block_id)]: value}
    return state


def dms_to(stack: Stack, user_id: str) -> list[Any]:
    return [call for call in stack.fake.calls("chat.postMessage") if call.args["channel"] == user_id]


def buttons(blocks: list[dict[str, Any]]) -> dict[str, str]:
    """action_id → value of every button in the blocks."""
    found = {}
    for item in blocks:
        elements = [*item.get("elements", []), item.get("accessory") or {}]
        for element in elements:
            if element.get("type") == "button":
                found[element["action_id"]] = element.get("value", "")
    return found


def valid_message(answer: dict[str, Any]) -> dict[str, Any]:
    """An ephemeral command answer, checked as Slack would check it."""
    assert check_message(answer) is None, check_message(answer)
    return answer
