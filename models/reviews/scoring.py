"""The final score of a review: a pure function of the cycle's settings and the manager's ratings.

    score = goal weight × goal achievement on the scale + criteria weight × mean criterion rating

Goal achievement (a percentage, possibly above 100 % or missing) is put on the scale linearly:
0 % is level 1, 100 % is the top level N, anything outside 0–100 % is clipped to that range.
The criteria count with the mean of the criteria the manager rated. Every intermediate number is
rounded half up to two decimals *before* it is used, so the formula shown to a person
(`0.6 × 3.8 + 0.4 × 4.25 = 3.98 → 4`) recomputes by hand to exactly the stored score.

Nothing here touches a database: the caller stores `ScoreResult.to_record()` beside the result,
and an appeal or calibration change is computed from the stored inputs with `revise_criterion` /
`revise_overall`, which keep the original result beside the new one. The same steps in words are
in `models.reviews.explain`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum
from itertools import pairwise
from typing import Any

from models.errors import DomainError, Problem
from models.i18n import N_

FORMULA_VERSION = 1
DEFAULT_LEVELS = 5
MIN_LEVELS, MAX_LEVELS = 2, 10
OVERALL = "overall"  # the part of a result that is the final rating itself, not one criterion

_CENT = Decimal("0.01")
_HUNDRED = Decimal(100)


class MissingGoalPolicy(StrEnum):
    """What a cycle does when a person has no goal achievement in the period."""

    CRITERIA_ONLY = "criteria_only"  # the criteria carry the whole weight
    TREAT_AS_ZERO = "treat_as_zero"  # counted as 0 %, i.e. the lowest level


@dataclass(frozen=True)
class RoundHalfUp:
    """The final rating is the score rounded half up to the nearest level (3.5 → 4)."""


@dataclass(frozen=True)
class Thresholds:
    """The final rating is the highest level whose minimum score the score reaches.

    `minimums[i]` is the minimum score of level i + 2 (level 1 needs none), strictly ascending.
    """

    minimums: tuple[Decimal, ...]


RatingMapping = RoundHalfUp | Thresholds


@dataclass(frozen=True)
class ScoreInputs:
    """Everything the score depends on. Build it with `score_inputs`, which validates."""

    levels: int
    criteria: tuple[tuple[str, int | None], ...]  # (criterion key, manager's rating or None), in order
    goal_achievement: Decimal | None  # percent
    goal_weight: int
    criteria_weight: int
    missing_goal: MissingGoalPolicy
    mapping: RatingMapping

    def to_record(self) -> dict[str, Any]:
        """JSON-ready, so the inputs can be stored beside the result and recomputed later."""
        mapping: dict[str, Any] = (
            {"kind": "thresholds", "minimums": [str(m) for m in self.mapping.minimums]}
            if isinstance(self.mapping, Thresholds)
            else {"kind": "round_half_up"}
        )
        return {
            "formula_version": FORMULA_VERSION,
            "levels": self.levels,
            "criteria": [[key, rating] for key, rating in self.criteria],
            "goal_achievement": None if self.goal_achievement is None else str(self.goal_achievement),
            "goal_weight": self.goal_weight,
            "criteria_weight": self.criteria_weight,
            "missing_goal": self.missing_goal.value,
            "mapping": mapping,
        }

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> ScoreInputs:
        """The stored inputs, for a recomputation; a record of another formula version is refused."""
        if record.get("formula_version") != FORMULA_VERSION:
            raise ValueError(
                f"score inputs of formula version {record.get('formula_version')!r} are not readable"
            )
        mapping = record["mapping"]
        return score_inputs(
            levels=record["levels"],
            criteria={key: rating for key, rating in record["criteria"]},
            goal_achievement=record["goal_achievement"],
            goal_weight=record["goal_weight"],
            criteria_weight=record["criteria_weight"],
            missing_goal=MissingGoalPolicy(record["missing_goal"]),
            mapping=(
                Thresholds(tuple(Decimal(m) for m in mapping["minimums"]))
                if mapping["kind"] == "thresholds"
                else RoundHalfUp()
            ),
        )


@dataclass(frozen=True)
class ScoreResult:
    """The score, the final rating and how they were reached, inputs included."""

    inputs: ScoreInputs
    criteria_mean: Decimal
    rated_criteria: int
    goal_on_scale: Decimal | None  # None when the goal part does not count (no data, criteria only)
    goal_weight_applied: int
    criteria_weight_applied: int
    score: Decimal
    computed_rating: int
    rating_override: int | None = None  # a calibration or appeal decision on the final rating itself

    @property
    def final_rating(self) -> int:
        return self.computed_rating if self.rating_override is None else self.rating_override

    @property
    def formula(self) -> str:
        """The arithmetic with its numbers, e.g. `0.6 × 3.8 + 0.4 × 4.25 = 3.98 → 4` (no words)."""
        terms = []
        if self.goal_weight_applied and self.goal_on_scale is not None:
            terms.append(f"{_share(self.goal_weight_applied)} × {fmt(self.goal_on_scale)}")
        if self.criteria_weight_applied:
            terms.append(f"{_share(self.criteria_weight_applied)} × {fmt(self.criteria_mean)}")
        text = f"{' + '.join(terms)} = {fmt(self.score)} → {self.computed_rating}"
        if self.rating_override is not None and self.rating_override != self.computed_rating:
            text += f" ⇒ {self.rating_override}"
        return text

    def to_record(self) -> dict[str, Any]:
        return {
            "inputs": self.inputs.to_record(),
            "criteria_mean": str(self.criteria_mean),
            "rated_criteria": self.rated_criteria,
            "goal_on_scale": None if self.goal_on_scale is None else str(self.goal_on_scale),
            "goal_weight_applied": self.goal_weight_applied,
            "criteria_weight_applied": self.criteria_weight_applied,
            "score": str(self.score),
            "computed_rating": self.computed_rating,
            "rating_override": self.rating_override,
            "final_rating": self.final_rating,
            "formula": self.formula,
        }


@dataclass(frozen=True)
class ScoreRevision:
    """A changed result (appeal or calibration), with the original kept beside it."""

    part: str  # OVERALL or the criterion key
    before: int | None  # the part's value in the original
    after: int
    original: ScoreResult
    revised: ScoreResult


def fmt(value: Decimal) -> str:
    """A number as a person writes it: `0.6`, `3.8`, `4.25`, `4` (no exponent, no trailing zeros)."""
    text = format(value.quantize(_CENT, rounding=ROUND_HALF_UP), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _share(weight: int) -> str:
    return fmt(Decimal(weight) / _HUNDRED)


def _cents(value: Decimal) -> Decimal:
    return value.quantize(_CENT, rounding=ROUND_HALF_UP)


def _is_level(rating: object, levels: int) -> bool:
    return isinstance(rating, int) and not isinstance(rating, bool) and 1 <= rating <= levels


def _decimal(value: object) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def score_inputs(
    *,
    criteria: Mapping[str, int | None],
    goal_achievement: Decimal | float | int | str | None,
    goal_weight: int,
    criteria_weight: int,
    missing_goal: MissingGoalPolicy = MissingGoalPolicy.CRITERIA_ONLY,
    levels: int = DEFAULT_LEVELS,
    mapping: RatingMapping | None = None,
) -> ScoreInputs:
    """Validated inputs; every problem is reported at once, on its field."""
    problems: list[Problem] = []
    if isinstance(levels, bool) or not isinstance(levels, int) or not MIN_LEVELS <= levels <= MAX_LEVELS:
        problems.append(
            Problem(
                N_("A rating scale has {low} to {high} levels; {levels} given."),
                "levels",
                {"low": MIN_LEVELS, "high": MAX_LEVELS, "levels": levels},
            )
        )
        levels = DEFAULT_LEVELS  # keep checking the rest against something sensible
    weights = (goal_weight, criteria_weight)
    if any(isinstance(w, bool) or not isinstance(w, int) or w < 0 for w in weights):
        problems.append(Problem(N_("Each weight is a whole number from 0 to 100."), "weights"))
    elif sum(weights) != 100:
        problems.append(
            Problem(
                N_("The weights of goal achievement and criteria must add up to 100, not {total}."),
                "weights",
                {"total": sum(weights)},
            )
        )
    for key, rating in criteria.items():
        if rating is not None and not _is_level(rating, levels):
            problems.append(
                Problem(
                    N_("A rating is a whole level from 1 to {levels}; {rating} given."),
                    f"criteria.{key}",
                    {"levels": levels, "rating": rating},
                )
            )
    if not any(rating is not None for rating in criteria.values()):
        problems.append(Problem(N_("At least one criterion must be rated."), "criteria"))
    achievement = _decimal(goal_achievement)
    if goal_achievement is not None and achievement is None:
        problems.append(
            Problem(
                N_("Goal achievement is a percentage; {value} given."),
                "goal_achievement",
                {"value": goal_achievement},
            )
        )
    mapping = mapping or RoundHalfUp()
    if isinstance(mapping, Thresholds):
        problems.extend(_threshold_problems(mapping, levels))
    if problems:
        raise DomainError.of(problems)
    return ScoreInputs(
        levels=levels,
        criteria=tuple(criteria.items()),
        goal_achievement=achievement,
        goal_weight=goal_weight,
        criteria_weight=criteria_weight,
        missing_goal=missing_goal,
        mapping=mapping,
    )


def _threshold_problems(mapping: Thresholds, levels: int) -> list[Problem]:
    minimums = mapping.minimums
    if len(minimums) != levels - 1:
        return [
            Problem(
                N_("A scale of {levels} levels needs {needed} minimum scores; {given} given."),
                "mapping",
                {"levels": levels, "needed": levels - 1, "given": len(minimums)},
            )
        ]
    ascending = all(low < high for low, high in pairwise(minimums))
    inside = all(m.is_finite() and 1 < m <= levels for m in minimums)
    if not (ascending and inside):
        return [
            Problem(
                N_("Minimum scores must rise with each level and lie above 1 and up to {levels}."),
                "mapping",
                {"levels": levels},
            )
        ]
    return []


def goal_on_scale(achievement: Decimal, levels: int) -> Decimal:
    """0 % → 1, 100 % → `levels`, linear between, clipped outside; rounded half up to cents."""
    clipped = min(max(achievement, Decimal(0)), _HUNDRED)
    return _cents(1 + (levels - 1) * clipped / _HUNDRED)


def rating_for(score: Decimal, levels: int, mapping: RatingMapping) -> int:
    if isinstance(mapping, Thresholds):
        return 1 + sum(1 for minimum in mapping.minimums if score >= minimum)
    return min(max(int(score.quantize(Decimal(1), rounding=ROUND_HALF_UP)), 1), levels)


def compute_score(inputs: ScoreInputs) -> ScoreResult:
    rated = [rating for _, rating in inputs.criteria if rating is not None]
    criteria_mean = _cents(Decimal(sum(rated)) / len(rated))
    goal_weight, criteria_weight = inputs.goal_weight, inputs.criteria_weight
    achievement = inputs.goal_achievement
    if achievement is None and inputs.missing_goal is MissingGoalPolicy.TREAT_AS_ZERO:
        achievement = Decimal(0)
    goal = None if achievement is None else goal_on_scale(achievement, inputs.levels)
    if goal is None:
        goal_weight, criteria_weight = 0, 100
    weighted = Decimal(goal_weight) * (goal or 0) + Decimal(criteria_weight) * criteria_mean
    score = _cents(weighted / _HUNDRED)
    return ScoreResult(
        inputs=inputs,
        criteria_mean=criteria_mean,
        rated_criteria=len(rated),
        goal_on_scale=goal,
        goal_weight_applied=goal_weight,
        criteria_weight_applied=criteria_weight,
        score=score,
        computed_rating=rating_for(score, inputs.levels, inputs.mapping),
    )


def revise_criterion(original: ScoreResult, criterion: str, rating: int) -> ScoreRevision:
    """A new rating for one criterion, the score recomputed with the same formula and settings.

    An override of the final rating made on the original (e.g. at calibration) does not carry over:
    it was a decision about the old score, and the revised result is the formula's. The original,
    override included, stays in the revision.
    """
    ratings = dict(original.inputs.criteria)
    if criterion not in ratings:
        raise DomainError(N_("This result has no such criterion."), field="criterion")
    ratings[criterion] = rating
    inputs = score_inputs(
        criteria=ratings,
        goal_achievement=original.inputs.goal_achievement,
        goal_weight=original.inputs.goal_weight,
        criteria_weight=original.inputs.criteria_weight,
        missing_goal=original.inputs.missing_goal,
        levels=original.inputs.levels,
        mapping=original.inputs.mapping,
    )
    before = dict(original.inputs.criteria)[criterion]
    return ScoreRevision(criterion, before, rating, original, compute_score(inputs))


def revise_overall(original: ScoreResult, rating: int) -> ScoreRevision:
    """A new final rating decided by a person; the score and its formula stay as computed."""
    levels = original.inputs.levels
    if not _is_level(rating, levels):
        raise DomainError(
            N_("A rating is a whole level from 1 to {levels}; {rating} given."),
            field="rating",
            levels=levels,
            rating=rating,
        )
    revised = replace(original, rating_override=None if rating == original.computed_rating else rating)
    return ScoreRevision(OVERALL, original.final_rating, rating, original, revised)
