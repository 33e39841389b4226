"""App Home during a review cycle: what is due from me, with buttons; for HR the completion per stage."""

from __future__ import annotations

from typing import Any

from tests.e2e.conftest import Stack
from tests.e2e.test_review_cycle import HR, OLIVE, seed


def home(stack: Stack, user: str) -> dict[str, Any]:
    published = len(stack.fake.calls("views.publish"))
    stack.slack.event({"type": "app_home_opened", "user": user, "channel": "D1", "tab": "home"})
    view = stack.fake.wait_for("views.publish", count=published + 1)[published].args["view"]
    assert isinstance(view, dict)
    return view


def test_home_shows_what_is_due_and_hr_sees_completion(stack: Stack) -> None:
    seed(stack)
    olive = str(home(stack, OLIVE)["blocks"])
    assert "Due from me" in olive and "your self-assessment (not started)" in olive
    assert "review_open_self" in olive and "review_open_peers" in olive
    assert "Cycle completion" not in olive
    hr = str(home(stack, HR)["blocks"])
    assert "Cycle completion" in hr and "Self-assessment: 0 done, 7 owed, 0 overdue" in hr
