"""HR creates a cycle in Slack with `/perf cycle new` (a bad one refused on its fields), then launches it
with `/perf cycle launch ID` and reads `/perf cycle status ID`; others are refused."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from models.messaging import OutboxMessage
from models.reviews import CycleStatus, ReviewCycle
from tests.e2e.conftest import Stack
from tests.e2e.test_review_cycle import HR, OLIVE, TODAY, seed
from tests.e2e.test_review_cycle import opening as opening_modal


def form(view: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """The modal's state as Slack sends it: every field at its initial value, then `changes`."""
    state: dict[str, Any] = {}
    for block in view["blocks"]:
        if block["type"] != "input":
            continue
        element = block["element"]
        value = element.get("initial_date") or element.get("initial_value")
        state[block["block_id"]] = {"value": value}
    state["name"] = {"value": "Winter review"}
    state["hr_sees_peer_names"] = {"value": []}
    for block_id, value in changes.items():
        state[block_id.replace("__", ".")] = {"value": value}
    return state


def test_hr_creates_a_cycle_in_a_modal_and_launches_it(stack: Stack) -> None:
    seed(stack)  # seeds one launched cycle already
    view = opening_modal(stack, lambda: stack.slack.command("/perf", "cycle new", HR))
    bad = form(view, deadlines__peer_reviews=TODAY.isoformat(), weights="120", name="")
    answer = stack.slack.view_submission(view, bad, HR).json()
    assert answer["response_action"] == "errors"
    assert {"deadlines.peer_reviews", "weights", "name"} <= set(answer["errors"])
    assert "comes before" in answer["errors"]["deadlines.peer_reviews"]
    with stack.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(ReviewCycle)) == 1, "nothing half-submitted"

    assert stack.slack.view_submission(view, form(view), HR).body == ""
    with stack.session_factory() as session:
        cycle = session.scalars(select(ReviewCycle).where(ReviewCycle.name == "Winter review")).one()
        assert cycle.status is CycleStatus.DRAFT and cycle.settings["weights"] == {
            "goals": 60,
            "criteria": 40,
            "missing_goals": "criteria_only",
        }
        before = session.scalar(select(func.count()).select_from(OutboxMessage))

    refused = stack.slack.command("/perf", f"cycle launch {cycle.id}", OLIVE).json()
    assert "Only HR admins" in refused["text"]
    launched = stack.slack.command("/perf", f"cycle launch {cycle.id}", HR).json()
    assert "is launched" in launched["text"]
    with stack.session_factory() as session:
        assert session.get(ReviewCycle, cycle.id).status is CycleStatus.LAUNCHED  # type: ignore[union-attr]
        assert session.scalar(select(func.count()).select_from(OutboxMessage)) == before + 7
    status = stack.slack.command("/perf", f"cycle status {cycle.id}", HR).json()["text"]
    assert "0 done, 7 owed" in status and "Olive" in status
