"""The progress arithmetic, for any numbers a goal can hold."""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from models.goals import (
    MetricDirection,
    RollupNode,
    display_progress,
    metric_progress,
    milestone_progress,
    percent_text,
    rollup,
    weighted_mean,
)

values = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)
weights = st.floats(min_value=0.01, max_value=100, allow_nan=False)
progresses = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)
directions = st.sampled_from(list(MetricDirection))


def metric(direction: MetricDirection, a: float, b: float) -> tuple[float, float]:
    """A baseline and target from two distinct numbers, in the order the direction needs."""
    low, high = sorted((a, b))
    return (low, high) if direction is MetricDirection.INCREASE else (high, low)


@given(directions, values, values)
def test_progress_is_zero_at_the_baseline_and_a_hundred_at_the_target(
    direction: MetricDirection, a: float, b: float
) -> None:
    assume(a != b)
    baseline, target = metric(direction, a, b)
    assert metric_progress(baseline, target, baseline, direction) == 0
    assert metric_progress(baseline, target, target, direction) == 100


@given(directions, values, values, values, values)
def test_progress_moves_with_the_current_value_in_the_metrics_direction(
    direction: MetricDirection, a: float, b: float, c1: float, c2: float
) -> None:
    assume(a != b)
    baseline, target = metric(direction, a, b)
    lower, higher = sorted((c1, c2))
    at_lower = metric_progress(baseline, target, lower, direction)
    at_higher = metric_progress(baseline, target, higher, direction)
    if direction is MetricDirection.INCREASE:
        assert at_lower <= at_higher
    else:
        assert at_lower >= at_higher
    assert math.isfinite(at_lower) and math.isfinite(at_higher)


def test_progress_in_both_directions_with_real_goals() -> None:
    # Sales from 100 to 130: at 115 halfway; at 160 twice the way, kept unclipped.
    assert metric_progress(100, 130, 115, MetricDirection.INCREASE) == pytest.approx(50)
    assert metric_progress(100, 130, 160, MetricDirection.INCREASE) == pytest.approx(200)
    # Resolution time from 15 down to 10 minutes: at 12 three fifths; worse than at the start is negative.
    assert metric_progress(15, 10, 12, MetricDirection.DECREASE) == pytest.approx(60)
    assert metric_progress(15, 10, 20, MetricDirection.DECREASE) == pytest.approx(-100)


def test_progress_is_undefined_when_the_target_is_the_baseline() -> None:
    with pytest.raises(ValueError):
        metric_progress(5, 5, 5, MetricDirection.INCREASE)


@given(progresses)
def test_display_is_the_value_capped_to_zero_and_a_hundred(value: float) -> None:
    shown = display_progress(value)
    assert 0 <= shown <= 100
    assert shown == value or (value < 0 and shown == 0) or (value > 100 and shown == 100)


def test_milestones_and_percent_text() -> None:
    assert milestone_progress(False) == 0
    assert milestone_progress(True) == 100
    assert percent_text(64.6) == "65%"
    assert percent_text(180) == "100%"
    assert percent_text(-20) == "0%"


@given(st.lists(st.tuples(weights, progresses), min_size=1, max_size=20))
def test_weighted_mean_is_the_weighted_mean_and_lies_between_the_values(
    pairs: list[tuple[float, float]],
) -> None:
    mean = weighted_mean(pairs)
    assert mean is not None
    expected = math.fsum(w * p for w, p in pairs) / math.fsum(w for w, _ in pairs)
    assert mean == pytest.approx(expected, rel=1e-9, abs=1e-6)
    assert min(p for _, p in pairs) <= mean <= max(p for _, p in pairs)


def test_weighted_mean_of_nothing_is_none_and_zero_weights_count_equally() -> None:
    assert weighted_mean([]) is None
    assert weighted_mean([(0, 20), (0, 40)]) == 30


@st.composite
def trees(draw: st.DrawFn) -> list[RollupNode]:
    """A random forest: each node's parent is an earlier node or none."""
    size = draw(st.integers(min_value=1, max_value=30))
    nodes = []
    for index in range(size):
        parent = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=index - 1))) if index else None
        nodes.append(RollupNode(index, parent, draw(weights), draw(progresses)))
    return nodes


@given(trees())
def test_rollup_is_each_parents_weighted_mean_of_its_childrens_displayed_progress(
    nodes: list[RollupNode],
) -> None:
    result = rollup(nodes)
    assert set(result) == {node.id for node in nodes}
    for node in nodes:
        children = [child for child in nodes if child.parent_id == node.id]
        if not children:
            assert result[node.id] == node.own
            continue
        shown = [display_progress(result[child.id]) for child in children]
        expected = weighted_mean((child.weight, display_progress(result[child.id])) for child in children)
        assert result[node.id] == pytest.approx(expected)
        assert min(shown) <= result[node.id] <= max(shown)


def test_rollup_of_a_company_goal_through_a_team_goal() -> None:
    nodes = [
        RollupNode(1, None, 100, 0),  # company: its own numbers are replaced by its children's
        RollupNode(2, 1, 60, 0),  # team goal with two individual goals
        RollupNode(3, 2, 50, 40),
        RollupNode(4, 2, 50, 250),  # far past target: counts as 100, not 250
        RollupNode(5, 1, 40, 20),  # team goal with no children: its own progress
    ]
    result = rollup(nodes)
    assert result[2] == pytest.approx(70)
    assert result[1] == pytest.approx((60 * 70 + 40 * 20) / 100)


def test_rollup_survives_a_loop_in_corrupted_data() -> None:
    result = rollup([RollupNode(1, 2, 1, 10), RollupNode(2, 1, 1, 30)])
    assert set(result) == {1, 2}


def test_rollup_walks_deep_chains_without_recursion() -> None:
    chain = [RollupNode(i, i - 1 if i else None, 1, 0) for i in range(5000)] + [RollupNode(5000, 4999, 1, 42)]
    assert rollup(chain)[0] == 42
