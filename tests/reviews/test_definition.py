"""The cycle definition: defaults, every problem listed by its path, date shifting, the example file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from models.errors import DomainError
from models.i18n import translator
from models.reviews import check_definition, parse_cycle_file, shift_dates
from tests.reviews.helpers import definition_data

ROOT = Path(__file__).resolve().parents[2]
EN = translator("en")


def problems(data: object) -> dict[str, str]:
    with pytest.raises(DomainError) as caught:
        check_definition(data)
    return {p.field or "": p.render(EN) for p in caught.value.problems}


def test_defaults_fill_everything_but_name_period_and_deadlines() -> None:
    cycle = check_definition(definition_data())
    assert cycle.scale.levels[0].label == "Far below expectations"
    assert cycle.scale.ratings == [1, 2, 3, 4, 5]
    assert (cycle.weights.goals, cycle.weights.criteria) == (60, 40)
    assert (cycle.peers.min, cycle.peers.max) == (3, 5)
    assert [q.key for q in cycle.peer_questions] == [
        "collaboration",
        "communication",
        "reliability",
        "well",
        "better",
    ]
    assert cycle.hr_sees_peer_names is False and cycle.appeal_window_days == 14


def test_every_problem_is_listed_by_its_path() -> None:
    data = definition_data(
        criteria=[
            {"key": "a", "name": "A", "description": "a"},
            {"key": "b", "name": "B", "description": "b"},
            {"key": "c", "name": "C", "description": "c", "standards": ["1", "2", "3", "4"]},
            {"key": "a", "name": "A again", "description": "a"},
        ],
        weights={"goals": 70, "criteria": 40},
        peers={"min": 6, "max": 5},
    )
    data["deadlines"]["peer_reviews"] = "2020-01-01"
    found = problems(data)
    assert found["criteria[2].standards"] == "5 levels needed, 4 given"
    assert found["criteria[3].key"] == "the key a is used twice"
    assert found["weights"] == "the weights add up to 110, not 100"
    assert found["peers.min"] == "the minimum is more than the maximum"
    assert "deadlines.peer_reviews" in found


def test_type_errors_are_listed_together_with_their_paths() -> None:
    data = definition_data(scale={"levels": [{"label": "only"}]}, hr_sees_peer_names="perhaps", extra=1)
    del data["deadlines"]["release"]
    found = problems(data)
    assert {"scale.levels[0].standard", "hr_sees_peer_names", "deadlines.release", "extra"} <= set(found)


def test_the_example_file_is_accepted_as_it_is() -> None:
    cycle = check_definition(parse_cycle_file((ROOT / "docs/cycle-example.yaml").read_text()))
    assert cycle.criteria[1].standards is not None and len(cycle.criteria[1].standards) == 5


def test_start_shifts_every_date_by_the_same_days() -> None:
    data = parse_cycle_file((ROOT / "docs/cycle-example.yaml").read_text())
    shifted = check_definition(shift_dates(data, date(2027, 1, 1)))
    assert shifted.period_start == date(2027, 1, 1)
    assert shifted.period_end == date(2027, 6, 30)
    assert shifted.deadlines.release == date(2027, 8, 21)


def test_a_yaml_syntax_error_names_its_line() -> None:
    with pytest.raises(DomainError) as caught:
        parse_cycle_file("name: x\nperiod_start: [\n")
    assert caught.value.problems[0].field is not None
    assert caught.value.problems[0].field.startswith("line")


def test_type_errors_and_rule_problems_are_listed_together() -> None:
    data = definition_data(name="", peers={"min": 6, "max": 5})
    data["deadlines"]["peer_reviews"] = "2020-01-01"
    found = problems(data)
    assert {"name", "peers.min", "deadlines.peer_reviews"} <= set(found)
