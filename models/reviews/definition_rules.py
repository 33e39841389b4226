"""What the types of a cycle definition cannot say: counts that depend on the scale, order, sums, uniqueness.

Checked on the parsed file itself, beside the type checks, so a file with a wrong type and deadlines out of
order hears of both at once. Whatever is missing or of the wrong type here is left to the type checks.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from models.errors import Problem
from models.i18n import N_

STAGES = ("self_assessment", "peer_nomination", "peer_reviews", "manager_review", "calibration", "release")
DEFAULT_LEVELS = 5


def as_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _items(value: Any) -> list[dict[str, Any]]:
    return [item if isinstance(item, dict) else {} for item in value] if isinstance(value, list) else []


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _standards(data: dict[str, Any]) -> list[Problem]:
    levels = _mapping(data.get("scale")).get("levels")
    needed = len(levels) if isinstance(levels, list) else DEFAULT_LEVELS
    problems = []
    for index, criterion in enumerate(_items(data.get("criteria"))):
        standards = criterion.get("standards")
        if isinstance(standards, list) and len(standards) != needed:
            problems.append(
                Problem(
                    N_("{needed} levels needed, {given} given"),
                    f"criteria[{index}].standards",
                    {"needed": needed, "given": len(standards)},
                )
            )
    return problems


def _unique_keys(data: dict[str, Any]) -> list[Problem]:
    problems = []
    for name in ("criteria", "peer_questions"):
        keys = [item.get("key") for item in _items(data.get(name))]
        for index, key in enumerate(keys):
            if isinstance(key, str) and key in keys[:index]:
                problems.append(
                    Problem(N_("the key {key} is used twice"), f"{name}[{index}].key", {"key": key})
                )
    return problems


def _numbers(data: dict[str, Any]) -> list[Problem]:
    problems = []
    weights = _mapping(data.get("weights"))
    goals, criteria = _int(weights.get("goals", 60)), _int(weights.get("criteria", 40))
    if goals is not None and criteria is not None and goals + criteria != 100:
        total = goals + criteria
        problems.append(Problem(N_("the weights add up to {total}, not 100"), "weights", {"total": total}))
    peers = _mapping(data.get("peers"))
    low, high = _int(peers.get("min", 3)), _int(peers.get("max", 5))
    if low is not None and high is not None and low > high:
        problems.append(Problem(N_("the minimum is more than the maximum"), "peers.min", {}))
    return problems


def _order(data: dict[str, Any]) -> list[Problem]:
    problems = []
    start, end = as_date(data.get("period_start")), as_date(data.get("period_end"))
    if start is not None and end is not None and end < start:
        problems.append(Problem(N_("the period ends before it starts"), "period_end", {}))
    deadlines = _mapping(data.get("deadlines"))
    previous: tuple[str, date | None] = ("period_start", start)
    for stage in STAGES:
        day = as_date(deadlines.get(stage))
        if day is None:
            continue
        if previous[1] is not None and day < previous[1]:
            problems.append(
                Problem(N_("comes before {previous}"), f"deadlines.{stage}", {"previous": previous[0]})
            )
        previous = (f"deadlines.{stage}", day)
    return problems


def _tiers(data: dict[str, Any]) -> list[Problem]:
    """`bonus_tiers`, where given, names a tier for every rating on the scale and for nothing else."""
    tiers = data.get("bonus_tiers")
    if not isinstance(tiers, dict) or not tiers:
        return []
    scale = _mapping(data.get("scale"))
    lowest = _int(scale.get("lowest", 1))
    levels = scale.get("levels")
    count = len(levels) if isinstance(levels, list) else DEFAULT_LEVELS
    if lowest is None:
        return []
    ratings = set(range(lowest, lowest + count))
    keys: set[int] = set()
    problems = []
    for key in tiers:
        rating = int(key) if isinstance(key, str) and key.lstrip("-").isdigit() else _int(key)
        if rating is None or rating not in ratings:
            problems.append(
                Problem(N_("{key} is not a rating on the scale"), f"bonus_tiers.{key}", {"key": key})
            )
        else:
            keys.add(rating)
    for rating in sorted(ratings - keys):
        problems.append(Problem(N_("no tier for the rating {rating}"), "bonus_tiers", {"rating": rating}))
    return problems


def rule_problems(data: dict[str, Any]) -> list[Problem]:
    return [*_standards(data), *_unique_keys(data), *_numbers(data), *_order(data), *_tiers(data)]
