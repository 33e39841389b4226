"""Typed private_metadata: round trips, old or damaged metadata, Slack's 3,000 characters."""

from __future__ import annotations

import json

import pytest

from handlers.goals.form import GoalModalState
from handlers.kit.metadata import MAX_METADATA, ViewState, short
from handlers.praise.views import PraiseModalState
from models.goals import GoalLevel


def test_a_state_round_trips_under_short_keys() -> None:
    state = GoalModalState(
        goal_id=7, level=GoalLevel.TEAM, channel_id="C1", from_home=True, details_view_id="V9"
    )
    raw = state.dump()
    assert json.loads(raw) == {"g": 7, "l": "team", "c": "C1", "h": True, "v": "V9"}
    assert GoalModalState.load(raw) == state


def test_defaults_are_left_out_and_come_back() -> None:
    assert GoalModalState().dump() == "{}"
    assert GoalModalState.load(None) == GoalModalState()
    assert GoalModalState.load("") == GoalModalState()


@pytest.mark.parametrize("raw", ["not json", "[1, 2]", '"text"', "null"])
def test_unreadable_metadata_gives_the_defaults(raw: str) -> None:
    assert GoalModalState.load(raw) == GoalModalState()


def test_a_bad_field_falls_back_alone() -> None:
    state = GoalModalState.load(json.dumps({"g": "seven", "l": "galaxy", "c": "C1", "h": True}))
    assert state == GoalModalState(channel_id="C1", from_home=True)


def test_chinese_text_is_stored_as_itself() -> None:
    raw = PraiseModalState(quote="谢谢你的帮助").dump()
    assert "谢谢你的帮助" in raw
    assert PraiseModalState.load(raw).quote == "谢谢你的帮助"


def test_metadata_over_slacks_limit_is_refused_when_written() -> None:
    class Big(ViewState):
        text: str = short("", "t")

    with pytest.raises(ValueError, match="3000"):
        Big(text="x" * MAX_METADATA).dump()
