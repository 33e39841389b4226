"""Turning a submitted goal into checked values, every problem at once and each on its field.

Slack sends numbers and dates as the text people typed; they are parsed here, not trusted.
Field names used in problems: title, description, level, kind, owner, department, parent, unit,
direction, baseline, target, value, weight, start_date, due_date, visibility, status, note,
blockers, comment.
"""

from __future__ import annotations

import enum
import math
import re
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from models.errors import DomainError, Problem
from models.goals.entities import GoalKind, GoalLevel, GoalVisibility, MetricDirection
from models.i18n import N_

Number = str | float | int | None
MAX_TITLE = 200
MAX_TEXT = 3000  # one Slack section's worth
MAX_UNIT = 32
MAX_MAGNITUDE = 1e12
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$")
E = TypeVar("E", bound=enum.StrEnum)


@dataclass(frozen=True)
class GoalInput:
    """A goal as submitted. Level, owner and department are fixed once the goal exists."""

    title: str
    level: GoalLevel | str
    due_date: date | str | None
    kind: GoalKind | str = GoalKind.METRIC
    description: str = ""
    owner_id: int | None = None  # individual goals; defaults to the person submitting
    department: str | None = None  # team goals; defaults to the submitter's department
    parent_id: int | None = None
    unit: str = ""
    direction: MetricDirection | str | None = None  # derived from baseline and target when absent
    baseline: Number = None
    target: Number = None
    weight: Number = 100
    start_date: date | str | None = None  # defaults to today
    visibility: GoalVisibility | str = GoalVisibility.PUBLIC


@dataclass(frozen=True)
class CleanGoal:
    title: str
    description: str
    level: GoalLevel
    kind: GoalKind
    unit: str
    direction: MetricDirection | None
    baseline: float | None
    target: float | None
    weight: float
    start_date: date
    due_date: date
    visibility: GoalVisibility


def number_text(value: float) -> str:
    """A number as people write it in a message: 1,250 or 0.5, never 1.25e+03."""
    return format(value, ",.12g")


def parse_number(raw: Number, field: str, problems: list[Problem]) -> float | None:
    """A finite number of sensible size from typed text ("1,200", " 3.5 ", "80%"), or None if blank."""
    if raw is None or isinstance(raw, bool):
        return None
    if isinstance(raw, str):
        text = raw.strip().removesuffix("%").strip().replace("_", "")
        if not text:
            return None
        if _THOUSANDS.match(text):
            text = text.replace(",", "")
        try:
            value = float(text)
        except ValueError:
            problems.append(Problem(N_("Enter a number, for example 42 or 3.5."), field))
            return None
    else:
        value = float(raw)
    if not math.isfinite(value):
        problems.append(Problem(N_("Enter an ordinary number, for example 42 or 3.5."), field))
        return None
    if abs(value) > MAX_MAGNITUDE:
        problems.append(
            Problem(N_("Keep numbers within ±{limit}."), field, {"limit": number_text(MAX_MAGNITUDE)})
        )
        return None
    return value


def parse_date(raw: date | str | None, field: str, problems: list[Problem]) -> date | None:
    if raw is None or isinstance(raw, date):
        return raw
    if not raw.strip():
        return None
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        problems.append(Problem(N_("Enter a date as YYYY-MM-DD."), field))
        return None


def parse_choice(kind: type[E], raw: E | str | None, field: str, problems: list[Problem]) -> E | None:
    if raw is None or raw == "":
        return None
    try:
        return kind(raw)
    except ValueError:
        problems.append(Problem(N_("Choose one of the options offered."), field))
        return None


def check_text(text: str, field: str, limit: int, problems: list[Problem]) -> str:
    cleaned = text.strip()
    if len(cleaned) > limit:
        problems.append(
            Problem(
                N_("Keep this to {limit} characters (it has {length})."),
                field,
                {"limit": limit, "length": len(cleaned)},
            )
        )
    return cleaned


def _check_metric(
    data: GoalInput, problems: list[Problem]
) -> tuple[MetricDirection | None, float | None, float | None]:
    before = len(problems)
    baseline = parse_number(data.baseline, "baseline", problems)
    target = parse_number(data.target, "target", problems)
    direction = parse_choice(MetricDirection, data.direction, "direction", problems)
    if baseline is None and len(problems) == before:
        problems.append(Problem(N_("Give the baseline: where the metric stands at the start."), "baseline"))
    if target is None and not any(problem.field == "target" for problem in problems[before:]):
        problems.append(Problem(N_("Give the target value to reach."), "target"))
    if baseline is None or target is None:
        return direction, baseline, target
    if target == baseline:
        problems.append(
            Problem(N_("The target must differ from the baseline, or there is nothing to reach."), "target")
        )
        return direction, baseline, target
    if direction is None:
        direction = MetricDirection.INCREASE if target > baseline else MetricDirection.DECREASE
    elif direction is MetricDirection.INCREASE and target < baseline:
        problems.append(
            Problem(
                N_("To increase, set a target above the baseline ({baseline})."),
                "target",
                {"baseline": number_text(baseline)},
            )
        )
    elif direction is MetricDirection.DECREASE and target > baseline:
        problems.append(
            Problem(
                N_("To decrease, set a target below the baseline ({baseline})."),
                "target",
                {"baseline": number_text(baseline)},
            )
        )
    return direction, baseline, target


def clean_goal(data: GoalInput, *, today: date, problems: list[Problem] | None = None) -> CleanGoal:
    """Checked values, or DomainError listing every problem (including any passed in)."""
    found: list[Problem] = list(problems or [])
    title = check_text(data.title, "title", MAX_TITLE, found)
    if not title:
        found.append(Problem(N_("Give the goal a title."), "title"))
    description = check_text(data.description, "description", MAX_TEXT, found)
    level = parse_choice(GoalLevel, data.level, "level", found)
    if level is None and not any(problem.field == "level" for problem in found):
        found.append(Problem(N_("Choose the goal's level."), "level"))
    kind = parse_choice(GoalKind, data.kind, "kind", found) or GoalKind.METRIC
    visibility = parse_choice(GoalVisibility, data.visibility, "visibility", found) or GoalVisibility.PUBLIC
    unit = ""
    direction: MetricDirection | None = None
    baseline = target = None
    if kind is GoalKind.METRIC:
        unit = check_text(data.unit, "unit", MAX_UNIT, found)
        direction, baseline, target = _check_metric(data, found)
    weight = parse_number(data.weight, "weight", found)
    if weight is not None and not 0 < weight <= 100:
        found.append(Problem(N_("The weight is a number above 0 and at most 100."), "weight"))
    start = parse_date(data.start_date, "start_date", found) or today
    due = parse_date(data.due_date, "due_date", found)
    if due is None and not any(problem.field == "due_date" for problem in found):
        found.append(Problem(N_("Choose a due date."), "due_date"))
    elif due is not None and due < start:
        found.append(
            Problem(
                N_("The due date cannot be before the start date ({start})."),
                "due_date",
                {"start": start.isoformat()},
            )
        )
    if found or level is None or due is None:
        raise DomainError.of(found)
    return CleanGoal(
        title=title,
        description=description,
        level=level,
        kind=kind,
        unit=unit,
        direction=direction,
        baseline=baseline,
        target=target,
        weight=100.0 if weight is None else weight,
        start_date=start,
        due_date=due,
        visibility=visibility,
    )
