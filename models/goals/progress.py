"""Progress arithmetic: pure functions of numbers, no database.

A goal's own progress is the share of the way from baseline to target, in percent, in the
metric's direction. It is kept unclipped (beating a target shows as more than 100, sliding back
as less than 0) and capped to 0–100 only for display. A parent with aligned children takes the
weighted mean of the children's *displayed* progress, so one child far past its target cannot
hide others that have not started.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from models.goals.entities import MetricDirection

# Pathological but valid inputs (a target a hair from the baseline) could overflow to infinity;
# bounding keeps every stored and serialised value finite without affecting any real goal.
PROGRESS_LIMIT = 1e9


def metric_progress(baseline: float, target: float, current: float, direction: MetricDirection) -> float:
    """Percent of the way from baseline to target; 0 at the baseline, 100 at the target."""
    if target == baseline:
        raise ValueError("progress is undefined when the target equals the baseline")
    if direction is MetricDirection.INCREASE:
        value = (current - baseline) / (target - baseline) * 100.0
    else:
        value = (baseline - current) / (baseline - target) * 100.0
    return max(-PROGRESS_LIMIT, min(PROGRESS_LIMIT, value))


def milestone_progress(done: bool) -> float:
    return 100.0 if done else 0.0


def display_progress(value: float) -> float:
    """Progress as a bar shows it: never below 0 or above 100."""
    return max(0.0, min(100.0, value))


def percent_text(value: float) -> str:
    """A whole percentage for messages ("65%"), from the displayed value."""
    return f"{round(display_progress(value))}%"


def weighted_mean(items: Iterable[tuple[float, float]]) -> float | None:
    """Mean of (weight, value) pairs; equal weights when all are zero; None for no items."""
    pairs = list(items)
    if not pairs:
        return None
    total = math.fsum(weight for weight, _ in pairs)
    if total <= 0:
        return math.fsum(value for _, value in pairs) / len(pairs)
    mean = math.fsum(weight * value for weight, value in pairs) / total
    # Rounding can step a hair outside the values averaged; a mean never may.
    return max(min(value for _, value in pairs), min(max(value for _, value in pairs), mean))


@dataclass(frozen=True)
class RollupNode:
    """What the roll-up needs of one goal that counts (agreed: active or completed)."""

    id: int
    parent_id: int | None
    weight: float
    own: float


def rollup(nodes: Iterable[RollupNode]) -> dict[int, float]:
    """Progress of every node: its own when it has no children, else its children's weighted mean.

    Iterative, so deep chains cannot exhaust the stack; an edge that would close a loop is ignored.
    """
    by_id: Mapping[int, RollupNode] = {node.id: node for node in nodes}
    children: dict[int, list[int]] = {}
    for node in by_id.values():
        if node.parent_id is not None and node.parent_id in by_id and node.parent_id != node.id:
            children.setdefault(node.parent_id, []).append(node.id)
    result: dict[int, float] = {}
    in_progress: set[int] = set()
    for root in by_id:
        if root in result:
            continue
        stack: list[tuple[int, bool]] = [(root, False)]
        while stack:
            node_id, expanded = stack.pop()
            if expanded:
                kids = [kid for kid in children.get(node_id, []) if kid in result]
                mean = weighted_mean((by_id[kid].weight, display_progress(result[kid])) for kid in kids)
                result[node_id] = by_id[node_id].own if mean is None else mean
                in_progress.discard(node_id)
                continue
            if node_id in result or node_id in in_progress:
                continue
            in_progress.add(node_id)
            stack.append((node_id, True))
            stack.extend((kid, False) for kid in children.get(node_id, []) if kid not in in_progress)
    return result
