"""The goal reminders' rows, built by the database: one INSERT … SELECT per reminder and workspace.

Which goals need a reminder, written as `SELECT`s of outbox columns, so a sweep never loads
goals into memory and its statement count does not grow with them. Each row's dedupe key names its occasion:

    goal:12:due-7d:2026-11-30                 7 days before that due date (a new date, a new key)
    goal:12:checkin:2026-11-23                the day the check-in cadence ran out since the last
                                              check-in (or activation); N days later, if still
                                              nobody checked in, the next one
    goal:12:approval:1763632800:person:34     to approver 34, once per proposal (its proposed_at:
                                              sent back and proposed again is a new occasion)

A few small SQL functions differ between SQLite and PostgreSQL; they are compiled per dialect below.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    ColumnElement,
    Integer,
    Select,
    SQLColumnExpression,
    String,
    and_,
    cast,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import aliased
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from models.base import UTCDateTime
from models.goals.entities import PROPOSAL_WAIT_DAYS, Goal, GoalLevel, GoalStatus
from models.messaging import MessageKind
from models.people import Person, Role

EPOCH = date(1970, 1, 1)
DUE_REMINDER_DAYS = (7, 1)


# -- SQL functions that each dialect spells its own way -------------------------------------------


class epoch_days(FunctionElement[int]):
    """Whole days from 1970-01-01 to a UTC timestamp."""

    type = Integer()
    inherit_cache = True


class epoch_seconds(FunctionElement[int]):
    """Whole seconds from 1970-01-01 00:00 UTC to a UTC timestamp."""

    type = BigInteger()
    inherit_cache = True


class day_label(FunctionElement[str]):
    """The date (YYYY-MM-DD) a number of days after 1970-01-01."""

    type = String()
    inherit_cache = True


class json_object(FunctionElement[Any]):
    """A JSON object from key, value, key, value … arguments."""

    type = JSON()
    inherit_cache = True


def _arg(element: FunctionElement[Any], compiler: SQLCompiler, **kw: Any) -> str:
    (argument,) = element.clauses
    return str(compiler.process(argument, **kw))


@compiles(epoch_days)
@compiles(epoch_days, "sqlite")
def _epoch_days_sqlite(element: epoch_days, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST(julianday({_arg(element, compiler, **kw)}) - 2440587.5 AS INTEGER)"


@compiles(epoch_days, "postgresql")
def _epoch_days_postgresql(element: epoch_days, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST(floor(extract(epoch FROM {_arg(element, compiler, **kw)}) / 86400) AS INTEGER)"


@compiles(epoch_seconds)
@compiles(epoch_seconds, "sqlite")
def _epoch_seconds_sqlite(element: epoch_seconds, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST(strftime('%s', {_arg(element, compiler, **kw)}) AS INTEGER)"


@compiles(epoch_seconds, "postgresql")
def _epoch_seconds_postgresql(element: epoch_seconds, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST(floor(extract(epoch FROM {_arg(element, compiler, **kw)})) AS BIGINT)"


@compiles(day_label)
@compiles(day_label, "sqlite")
def _day_label_sqlite(element: day_label, compiler: SQLCompiler, **kw: Any) -> str:
    return f"date(({_arg(element, compiler, **kw)}) * 86400, 'unixepoch')"


@compiles(day_label, "postgresql")
def _day_label_postgresql(element: day_label, compiler: SQLCompiler, **kw: Any) -> str:
    days = _arg(element, compiler, **kw)
    return f"to_char(DATE '1970-01-01' + CAST(({days}) AS INTEGER), 'YYYY-MM-DD')"


def _json_arguments(element: json_object, compiler: SQLCompiler, **kw: Any) -> str:
    return ", ".join(str(compiler.process(clause, **kw)) for clause in element.clauses)


@compiles(json_object)
@compiles(json_object, "sqlite")
def _json_object_sqlite(element: json_object, compiler: SQLCompiler, **kw: Any) -> str:
    return f"json_object({_json_arguments(element, compiler, **kw)})"


@compiles(json_object, "postgresql")
def _json_object_postgresql(element: json_object, compiler: SQLCompiler, **kw: Any) -> str:
    return f"json_build_object({_json_arguments(element, compiler, **kw)})"


def payload(**values: SQLColumnExpression[Any] | int | str) -> json_object:
    """{"goal_id": <column>, "days": 7, …}: columns per row, Python values as typed constants (so
    PostgreSQL knows their types inside json_build_object)."""
    arguments: list[SQLColumnExpression[Any]] = []
    for key, value in values.items():
        arguments.append(cast(literal(key), String))
        if isinstance(value, int):
            arguments.append(cast(literal(value), Integer))
        elif isinstance(value, str):
            arguments.append(cast(literal(value), String))
        else:
            arguments.append(value)
    return json_object(*arguments)


def _key(*parts: SQLColumnExpression[Any] | str) -> ColumnElement[str]:
    """A dedupe key from constant text and columns, concatenated by the database."""
    pieces = [literal(part) if isinstance(part, str) else cast(part, String) for part in parts]
    key: ColumnElement[str] = pieces[0]
    for piece in pieces[1:]:
        key = key + piece
    return key


def utc_today(now: datetime) -> date:
    return now.astimezone(UTC).date()


def select_rows(
    kind: MessageKind,
    person_id: SQLColumnExpression[Any],
    subject_id: SQLColumnExpression[Any],
    key: ColumnElement[str],
    data: json_object,
    now: datetime,
) -> Select[Any]:
    """The outbox columns of one goal reminder per selected goal (joins and conditions follow)."""
    return select(
        Goal.workspace_id.label("workspace_id"),
        person_id.label("person_id"),
        subject_id.label("subject_id"),
        literal(kind.value).label("kind"),
        key.label("dedupe_key"),
        data.label("payload"),
        literal(now, UTCDateTime()).label("not_before"),
        literal(True).label("working_hours"),
    ).select_from(Goal)


# -- the rows --------------------------------------------------------------------------------------


def due_rows(workspace_id: int, days: int, now: datetime) -> Select[Any]:
    """Active goals due `days` days after today (UTC), to their active owners."""
    due = utc_today(now) + timedelta(days=days)
    key = _key("goal:", Goal.id, f":due-{days}d:{due.isoformat()}")
    data = payload(goal_id=Goal.id, due=due.isoformat(), days=days)
    return (
        select_rows(MessageKind.GOAL_DUE, Goal.owner_id, Goal.owner_id, key, data, now)
        .join(Person, Person.id == Goal.owner_id)
        .where(
            Goal.workspace_id == workspace_id,
            Goal.status == GoalStatus.ACTIVE,
            Goal.due_date == due,
            Person.workspace_id == workspace_id,
            Person.active.is_(True),
        )
    )


def checkin_rows(workspace_id: int, cadence_days: int, now: datetime) -> Select[Any]:
    """Active goals nobody checked in on (nor activated) in the last `cadence_days`, to their owners.

    The key names the day the cadence ran out, counted from the last check-in in whole periods:
    one prompt per period of silence, never two in a row, and a check-in starts the count afresh.
    """
    since = func.coalesce(Goal.last_checkin_at, Goal.activated_at, Goal.created_at)
    since_day = epoch_days(since)
    today = (utc_today(now) - EPOCH).days
    periods = (literal(today, Integer) - since_day) // cadence_days
    occasion = day_label(since_day + periods * cadence_days)
    key = _key("goal:", Goal.id, ":checkin:", occasion)
    data = payload(goal_id=Goal.id, days=cadence_days)
    return (
        select_rows(MessageKind.GOAL_CHECKIN, Goal.owner_id, Goal.owner_id, key, data, now)
        .join(Person, Person.id == Goal.owner_id)
        .where(
            Goal.workspace_id == workspace_id,
            Goal.status == GoalStatus.ACTIVE,
            Person.workspace_id == workspace_id,
            Person.active.is_(True),
            since < now - timedelta(days=cadence_days),
        )
    )


def approval_rows(workspace_id: int, now: datetime, *, by_hr: bool) -> Select[Any]:
    """Proposals waiting more than three days, to who may decide (`can_approve_goal` in models.goals):
    the owner's active manager, or, for someone without an active manager, every other HR admin."""
    owner = aliased(Person, name="owner")
    manager = aliased(Person, name="manager")
    approver = aliased(Person, name="approver")
    proposed = epoch_seconds(Goal.proposed_at)
    key = _key("goal:", Goal.id, ":approval:", proposed, ":person:", approver.id)
    data = payload(goal_id=Goal.id, proposed=proposed)
    rows = (
        select_rows(MessageKind.GOAL_APPROVAL, approver.id, owner.id, key, data, now)
        .join(owner, owner.id == Goal.owner_id)
        .where(
            Goal.workspace_id == workspace_id,
            Goal.level == GoalLevel.INDIVIDUAL,
            Goal.status == GoalStatus.PROPOSED,
            Goal.proposed_at < now - timedelta(days=PROPOSAL_WAIT_DAYS),
            owner.workspace_id == workspace_id,
            owner.active.is_(True),
        )
    )
    if by_hr:
        rows = (
            rows.outerjoin(manager, manager.id == owner.manager_id)
            .join(
                approver,
                and_(
                    approver.workspace_id == workspace_id,
                    approver.role == Role.HR_ADMIN,
                    approver.active.is_(True),
                    approver.id != owner.id,
                ),
            )
            .where(or_(owner.manager_id.is_(None), manager.active.is_(False)))
        )
    else:
        rows = rows.join(approver, approver.id == owner.manager_id).where(
            approver.workspace_id == workspace_id, approver.active.is_(True)
        )
    return rows
