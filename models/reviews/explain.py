"""How a final score was reached, step by step, in words any reader's language can carry.

The arithmetic is `ScoreResult.formula`; these are the sentences around it, as message ids with
their numbers already formatted, translated where the reader is known.
"""

from __future__ import annotations

from dataclasses import dataclass

from models.i18n import N_, Translator
from models.reviews.scoring import MissingGoalPolicy, ScoreResult, Thresholds, fmt


@dataclass(frozen=True)
class Explanation:
    """One step: a message id and its parameters, formatted as the formula shows them."""

    message: str
    params: tuple[tuple[str, str], ...] = ()

    def render(self, t: Translator) -> str:
        return t(self.message, **dict(self.params))


def _step(message: str, **params: object) -> Explanation:
    return Explanation(message, tuple((key, str(value)) for key, value in params.items()))


def explain(result: ScoreResult) -> tuple[Explanation, ...]:
    inputs = result.inputs
    steps = [
        _step(
            N_("Criteria: the mean of the rated criteria ({rated} of {total}) is {mean}."),
            rated=result.rated_criteria,
            total=len(inputs.criteria),
            mean=fmt(result.criteria_mean),
        )
    ]
    if inputs.goal_achievement is not None:
        steps.append(
            _step(
                N_(
                    "Goal achievement {percent}% on the scale (0% is 1, 100% is {top}, "
                    "clipped to that range): {value}."
                ),
                percent=fmt(inputs.goal_achievement),
                top=inputs.levels,
                value=fmt(result.goal_on_scale) if result.goal_on_scale is not None else "",
            )
        )
    elif inputs.missing_goal is MissingGoalPolicy.TREAT_AS_ZERO:
        steps.append(_step(N_("No goal achievement in the period: counted as 0%, which is 1 on the scale.")))
    else:
        steps.append(_step(N_("No goal achievement in the period: the criteria carry the whole weight.")))
    steps.append(
        _step(
            N_("Final score = {goal_weight}% × goal achievement + {criteria_weight}% × criteria = {score}."),
            goal_weight=result.goal_weight_applied,
            criteria_weight=result.criteria_weight_applied,
            score=fmt(result.score),
        )
    )
    steps.append(_rating_step(result))
    if result.rating_override is not None and result.rating_override != result.computed_rating:
        steps.append(
            _step(
                N_("The final rating was changed from {computed} to {final}."),
                computed=result.computed_rating,
                final=result.rating_override,
            )
        )
    return tuple(steps)


def _rating_step(result: ScoreResult) -> Explanation:
    mapping = result.inputs.mapping
    score, rating = fmt(result.score), result.computed_rating
    if not isinstance(mapping, Thresholds):
        return _step(N_("The final score {score} rounds half up to {rating}."), score=score, rating=rating)
    if rating == 1:
        return _step(
            N_("The final score {score} is below {minimum}, the minimum for 2: the final rating is 1."),
            score=score,
            minimum=fmt(mapping.minimums[0]),
        )
    return _step(
        N_("The final score {score} reaches {minimum}, the minimum for {rating}."),
        score=score,
        minimum=fmt(mapping.minimums[rating - 2]),
        rating=rating,
    )
