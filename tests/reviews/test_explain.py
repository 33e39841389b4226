"""The steps of a score in words, in both languages, with the numbers of the formula."""

from __future__ import annotations

from decimal import Decimal

import pytest

from models.i18n import Translator
from models.reviews.explain import explain
from models.reviews.scoring import (
    MissingGoalPolicy,
    RoundHalfUp,
    Thresholds,
    compute_score,
    revise_overall,
    score_inputs,
)

THRESHOLDS = Thresholds((Decimal("1.8"), Decimal("2.6"), Decimal("3.4"), Decimal("4.5")))


def result_for(
    goal: int | None, policy: MissingGoalPolicy, mapping: RoundHalfUp | Thresholds, rating: int = 4
):
    return compute_score(
        score_inputs(
            criteria={"a": rating, "b": None},
            goal_achievement=goal,
            goal_weight=60,
            criteria_weight=40,
            missing_goal=policy,
            mapping=mapping,
        )
    )


def test_a_person_can_follow_the_steps() -> None:
    result = revise_overall(result_for(70, MissingGoalPolicy.CRITERIA_ONLY, RoundHalfUp()), 5).revised
    assert [step.render(Translator("en")) for step in explain(result)] == [
        "Criteria: the mean of the rated criteria (1 of 2) is 4.",
        "Goal achievement 70% on the scale (0% is 1, 100% is 5, clipped to that range): 3.8.",
        "Final score = 60% × goal achievement + 40% × criteria = 3.88.",
        "The final score 3.88 rounds half up to 4.",
        "The final rating was changed from 4 to 5.",
    ]
    assert (
        explain(result)[2].render(Translator("zh_CN"))
        == "综合得分 = 60% × 目标达成率 + 40% × 考核维度 = 3.88。"
    )


@pytest.mark.parametrize("locale", ["en", "zh_CN"])
@pytest.mark.parametrize("goal", [None, 0, 70])
@pytest.mark.parametrize("policy", list(MissingGoalPolicy))
@pytest.mark.parametrize(("mapping", "rating"), [(RoundHalfUp(), 4), (THRESHOLDS, 4), (THRESHOLDS, 1)])
def test_every_step_renders_with_its_numbers(
    locale: str, goal: int | None, policy: MissingGoalPolicy, mapping: RoundHalfUp | Thresholds, rating: int
) -> None:
    result = result_for(goal, policy, mapping, rating)
    texts = [step.render(Translator(locale)) for step in explain(result)]
    assert all(text and "{" not in text for text in texts)
    assert any(str(result.score).rstrip("0").rstrip(".") in text for text in texts)
    if locale == "zh_CN":
        assert any("综合得分" in text for text in texts)
