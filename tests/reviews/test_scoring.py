"""The final score formula: worked examples, then properties over any inputs."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from models.errors import DomainError
from models.reviews.scoring import (
    OVERALL,
    MissingGoalPolicy,
    RoundHalfUp,
    ScoreInputs,
    Thresholds,
    compute_score,
    fmt,
    goal_on_scale,
    rating_for,
    revise_criterion,
    revise_overall,
    score_inputs,
)

LEVELS = st.integers(min_value=2, max_value=10)
ACHIEVEMENT = st.decimals(min_value=-50, max_value=300, places=2, allow_nan=False, allow_infinity=False)
POLICY = st.sampled_from(list(MissingGoalPolicy))


@st.composite
def inputs(draw: st.DrawFn, *, goal_missing: bool | None = None) -> ScoreInputs:
    levels = draw(LEVELS)
    keys = draw(st.lists(st.sampled_from("abcdefgh"), min_size=1, max_size=8, unique=True))
    ratings = {key: draw(st.none() | st.integers(1, levels)) for key in keys}
    if all(rating is None for rating in ratings.values()):
        ratings[keys[0]] = draw(st.integers(1, levels))
    goal_weight = draw(st.integers(0, 100))
    missing = draw(st.booleans()) if goal_missing is None else goal_missing
    mapping = draw(st.sampled_from(["round", "thresholds"]))
    return score_inputs(
        criteria=ratings,
        goal_achievement=None if missing else draw(ACHIEVEMENT),
        goal_weight=goal_weight,
        criteria_weight=100 - goal_weight,
        missing_goal=draw(POLICY),
        levels=levels,
        mapping=RoundHalfUp() if mapping == "round" else even_thresholds(levels),
    )


def even_thresholds(levels: int) -> Thresholds:
    """Minimums at k - 0.3 for level k: a mapping that differs from plain rounding."""
    return Thresholds(tuple(Decimal(k) - Decimal("0.3") for k in range(2, levels + 1)))


def with_changes(base: ScoreInputs, **changes: object) -> ScoreInputs:
    fields: dict[str, object] = {
        "criteria": dict(base.criteria),
        "goal_achievement": base.goal_achievement,
        "goal_weight": base.goal_weight,
        "criteria_weight": base.criteria_weight,
        "missing_goal": base.missing_goal,
        "levels": base.levels,
        "mapping": base.mapping,
    }
    fields.update(changes)
    return score_inputs(**fields)  # type: ignore[arg-type]


# --- worked examples -------------------------------------------------------------------------


def test_the_formula_shows_its_numbers() -> None:
    result = compute_score(
        score_inputs(
            criteria={"delivery": 4, "craft": 4, "teamwork": 4, "ownership": 5, "growth": None},
            goal_achievement=70,
            goal_weight=60,
            criteria_weight=40,
        )
    )
    assert result.formula == "0.6 × 3.8 + 0.4 × 4.25 = 3.98 → 4"
    assert (result.score, result.final_rating, result.rated_criteria) == (Decimal("3.98"), 4, 4)


@pytest.mark.parametrize(
    ("percent", "levels", "expected"),
    [(0, 5, "1"), (100, 5, "5"), (50, 5, "3"), (150, 5, "5"), (-20, 5, "1"), (70, 5, "3.8"), (33, 4, "1.99")],
)
def test_goal_achievement_maps_onto_the_scale_clipped(percent: int, levels: int, expected: str) -> None:
    assert goal_on_scale(Decimal(percent), levels) == Decimal(expected)


@pytest.mark.parametrize(("rating", "expected"), [(3, 4), (2, 3)])
def test_half_rounds_up_not_to_even(rating: int, expected: int) -> None:
    # criteria mean (rating + 4) / 2 ends in .5: 3.5 → 4 and 2.5 → 3 (banker's rounding would give 4 and 2)
    result = compute_score(
        score_inputs(
            criteria={"a": rating, "b": 4}, goal_achievement=None, goal_weight=0, criteria_weight=100
        )
    )
    assert result.computed_rating == expected


def test_missing_goal_data_reweights_to_criteria_only() -> None:
    result = compute_score(
        score_inputs(criteria={"a": 4}, goal_achievement=None, goal_weight=60, criteria_weight=40)
    )
    assert (result.goal_weight_applied, result.criteria_weight_applied, result.goal_on_scale) == (
        0,
        100,
        None,
    )
    assert result.formula == "1 × 4 = 4 → 4"


def test_missing_goal_data_can_count_as_zero() -> None:
    result = compute_score(
        score_inputs(
            criteria={"a": 4},
            goal_achievement=None,
            goal_weight=60,
            criteria_weight=40,
            missing_goal=MissingGoalPolicy.TREAT_AS_ZERO,
        )
    )
    assert result.formula == "0.6 × 1 + 0.4 × 4 = 2.2 → 2"


def test_thresholds_pick_the_highest_level_reached() -> None:
    mapping = Thresholds((Decimal("1.8"), Decimal("2.6"), Decimal("3.4"), Decimal("4.5")))
    scores = [Decimal(s) for s in ("1", "1.79", "1.8", "3.39", "4.49", "4.5", "5")]
    assert [rating_for(score, 5, mapping) for score in scores] == [1, 1, 2, 3, 4, 5, 5]
    result = compute_score(
        score_inputs(
            criteria={"a": 4, "b": 5},
            goal_achievement=None,
            goal_weight=0,
            criteria_weight=100,
            mapping=mapping,
        )
    )
    assert (result.score, result.computed_rating) == (Decimal("4.5"), 5)


def test_every_problem_is_reported_on_its_field_at_once() -> None:
    with pytest.raises(DomainError) as refused:
        score_inputs(
            criteria={"a": 6, "b": None}, goal_achievement="lots", goal_weight=70, criteria_weight=40
        )
    fields = [problem.field for problem in refused.value.problems]
    assert fields == ["weights", "criteria.a", "goal_achievement"]
    assert refused.value.problems[0].params == {"total": 110}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"criteria": {"a": None}}, "criteria"),
        ({"criteria": {"a": True}}, "criteria.a"),
        ({"levels": 1}, "levels"),
        ({"levels": 11}, "levels"),
        ({"goal_weight": -10, "criteria_weight": 110}, "weights"),
        ({"goal_achievement": float("nan")}, "goal_achievement"),
        ({"mapping": Thresholds((Decimal(2), Decimal(3)))}, "mapping"),
        ({"mapping": Thresholds((Decimal(3), Decimal(2), Decimal(4), Decimal(5)))}, "mapping"),
        ({"mapping": Thresholds((Decimal(1), Decimal(2), Decimal(3), Decimal(4)))}, "mapping"),
    ],
)
def test_bad_inputs_are_refused(changes: dict[str, object], field: str) -> None:
    base = score_inputs(criteria={"a": 3}, goal_achievement=50, goal_weight=50, criteria_weight=50)
    with pytest.raises(DomainError) as refused:
        with_changes(base, **changes)
    assert field in [problem.field for problem in refused.value.problems]


# --- properties --------------------------------------------------------------------------------


@given(goal=st.integers(-1000, 1000), criteria=st.integers(-1000, 1000))
def test_weights_must_sum_to_100(goal: int, criteria: int) -> None:
    assume(goal + criteria != 100)
    with pytest.raises(DomainError) as refused:
        score_inputs(criteria={"a": 3}, goal_achievement=50, goal_weight=goal, criteria_weight=criteria)
    assert [problem.field for problem in refused.value.problems] == ["weights"]


@given(inputs())
def test_score_and_rating_are_bounded_by_the_scale(given_inputs: ScoreInputs) -> None:
    result = compute_score(given_inputs)
    assert 1 <= result.score <= given_inputs.levels
    assert 1 <= result.final_rating <= given_inputs.levels
    assert result.goal_weight_applied + result.criteria_weight_applied == 100


@given(inputs(), st.data())
def test_raising_a_criterion_rating_never_lowers_score_or_rating(
    given_inputs: ScoreInputs, data: st.DataObject
) -> None:
    rated = [key for key, rating in given_inputs.criteria if rating is not None]
    key = data.draw(st.sampled_from(rated))
    current = dict(given_inputs.criteria)[key]
    assert current is not None
    higher = data.draw(st.integers(current, given_inputs.levels))
    before = compute_score(given_inputs)
    after = compute_score(with_changes(given_inputs, criteria={**dict(given_inputs.criteria), key: higher}))
    assert after.score >= before.score
    assert after.computed_rating >= before.computed_rating


@given(inputs(goal_missing=False), ACHIEVEMENT)
def test_raising_goal_achievement_never_lowers_score_or_rating(
    given_inputs: ScoreInputs, other: Decimal
) -> None:
    assert given_inputs.goal_achievement is not None
    low, high = sorted((given_inputs.goal_achievement, other))
    lower = compute_score(with_changes(given_inputs, goal_achievement=low))
    higher = compute_score(with_changes(given_inputs, goal_achievement=high))
    assert higher.score >= lower.score
    assert higher.computed_rating >= lower.computed_rating


@given(inputs(goal_missing=False))
def test_missing_goal_counted_as_zero_is_never_better_than_any_achievement(given_inputs: ScoreInputs) -> None:
    present = compute_score(with_changes(given_inputs, missing_goal=MissingGoalPolicy.TREAT_AS_ZERO))
    missing = compute_score(
        with_changes(given_inputs, goal_achievement=None, missing_goal=MissingGoalPolicy.TREAT_AS_ZERO)
    )
    assert missing.score <= present.score
    assert missing.score == compute_score(with_changes(given_inputs, goal_achievement=0)).score


@given(inputs(goal_missing=True))
def test_missing_goal_under_criteria_only_is_the_criteria_mean(given_inputs: ScoreInputs) -> None:
    result = compute_score(with_changes(given_inputs, missing_goal=MissingGoalPolicy.CRITERIA_ONLY))
    assert result.score == result.criteria_mean
    assert result.goal_on_scale is None


@given(inputs(), st.randoms())
def test_deterministic_and_independent_of_criteria_order(given_inputs: ScoreInputs, rnd: object) -> None:
    shuffled = list(given_inputs.criteria)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    first, again = compute_score(given_inputs), compute_score(given_inputs)
    reordered = compute_score(with_changes(given_inputs, criteria=dict(shuffled)))
    assert first == again
    assert (reordered.score, reordered.computed_rating) == (first.score, first.computed_rating)


@given(inputs())
def test_the_formula_recomputes_by_hand_from_the_numbers_it_shows(given_inputs: ScoreInputs) -> None:
    result = compute_score(given_inputs)
    left, right = result.formula.split(" = ")
    total = sum(
        (
            Decimal(weight) * Decimal(value)
            for weight, value in (term.split(" × ") for term in left.split(" + "))
        ),
        Decimal(0),
    )
    shown_score, shown_rating = right.split(" → ")
    assert total.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) == Decimal(shown_score) == result.score
    assert int(shown_rating) == result.computed_rating


@given(inputs())
def test_inputs_survive_being_stored(given_inputs: ScoreInputs) -> None:
    assert ScoreInputs.from_record(given_inputs.to_record()) == given_inputs
    assert compute_score(ScoreInputs.from_record(given_inputs.to_record())) == compute_score(given_inputs)


def test_a_record_of_another_formula_version_is_refused() -> None:
    record = score_inputs(
        criteria={"a": 3}, goal_achievement=50, goal_weight=50, criteria_weight=50
    ).to_record()
    with pytest.raises(ValueError, match="formula version 2"):
        ScoreInputs.from_record({**record, "formula_version": 2})


# --- appeal and calibration changes ---------------------------------------------------------------


@given(inputs(), st.data())
def test_revising_a_criterion_recomputes_and_keeps_the_original(
    given_inputs: ScoreInputs, data: st.DataObject
) -> None:
    original = compute_score(given_inputs)
    key, before = data.draw(st.sampled_from(given_inputs.criteria))
    rating = data.draw(st.integers(1, given_inputs.levels))
    revision = revise_criterion(original, key, rating)
    assert revision.original == original
    assert (revision.part, revision.before, revision.after) == (key, before, rating)
    assert dict(revision.revised.inputs.criteria)[key] == rating
    assert revision.revised == compute_score(
        with_changes(given_inputs, criteria={**dict(given_inputs.criteria), key: rating})
    )
    if before is not None and rating >= before:
        assert revision.revised.score >= original.score


def test_revising_the_overall_rating_keeps_the_score_and_shows_the_change() -> None:
    original = compute_score(
        score_inputs(criteria={"a": 4, "b": 5}, goal_achievement=70, goal_weight=60, criteria_weight=40)
    )
    revision = revise_overall(original, 5)
    assert (revision.part, revision.before, revision.after) == (OVERALL, 4, 5)
    assert revision.revised.score == original.score
    assert revision.revised.final_rating == 5 and revision.original.final_rating == 4
    assert revision.revised.formula == "0.6 × 3.8 + 0.4 × 4.5 = 4.08 → 4 ⇒ 5"
    assert revise_overall(revision.revised, 4).revised.rating_override is None


def test_a_criterion_revision_drops_an_earlier_override_but_keeps_it_in_the_original() -> None:
    calibrated = revise_overall(
        compute_score(
            score_inputs(criteria={"a": 3}, goal_achievement=None, goal_weight=0, criteria_weight=100)
        ),
        2,
    ).revised
    revision = revise_criterion(calibrated, "a", 4)
    assert revision.original.final_rating == 2
    assert (revision.revised.rating_override, revision.revised.final_rating) == (None, 4)


@pytest.mark.parametrize(("part", "rating"), [("nope", 3), ("a", 0), ("a", 6), (OVERALL, 9)])
def test_revisions_outside_the_result_or_scale_are_refused(part: str, rating: int) -> None:
    original = compute_score(
        score_inputs(criteria={"a": 3}, goal_achievement=50, goal_weight=50, criteria_weight=50)
    )
    with pytest.raises(DomainError):
        if part == OVERALL:
            revise_overall(original, rating)
        else:
            revise_criterion(original, part, rating)


def test_fmt_writes_numbers_as_people_do() -> None:
    assert [fmt(Decimal(v)) for v in ("0.60", "4", "40", "3.80", "4.25", "1E+1")] == [
        "0.6",
        "4",
        "40",
        "3.8",
        "4.25",
        "10",
    ]
