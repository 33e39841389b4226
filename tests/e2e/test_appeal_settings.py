"""`/perf appeals settings` over signed HTTP: HR opens the modal, finds a country and its regions as it
types, gets every problem on its field, and saves; anyone else is refused."""

from __future__ import annotations

from sqlalchemy import select

from models.appeals import appeal_settings
from models.workspace import Workspace
from tests.e2e.conftest import Stack
from tests.e2e.test_appeals import opened
from tests.e2e.test_review_cycle import BOSS, HR, seed


def test_hr_sets_days_holidays_days_off_and_the_lead(stack: Stack) -> None:
    seed(stack)
    refused = stack.slack.command("/perf", "appeals settings", BOSS).json()
    assert "HR" in refused["text"] and not stack.fake.calls("views.open")
    view = opened(stack, lambda: stack.slack.command("/perf", "appeals settings", HR))
    assert "10" in str(view["blocks"])

    countries = stack.slack.block_suggestion("appeal_holiday_country", HR, "germ", view).json()
    assert [o["value"] for o in countries["options"]] == ["DE"]
    regions = stack.slack.block_suggestion(
        "appeal_holiday_subdivision", HR, "bay", view, {"holiday_country": {"appeal_holiday_country": "DE"}}
    ).json()
    assert "BY" in [o["value"] for o in regions["options"]]

    bad = {
        "decision_days": {"appeal_input": "0"},
        "holiday_country": {"appeal_holiday_country": "DE"},
        "holiday_subdivision": {"appeal_holiday_subdivision": "XX"},
        "company_days_off": {"appeal_input": "2026-12-24"},
    }
    errors = stack.slack.view_submission(view, bad, HR).json()["errors"]
    assert set(errors) == {"decision_days", "holiday_subdivision"}

    good = {
        **bad,
        "decision_days": {"appeal_input": "8"},
        "holiday_subdivision": {"appeal_holiday_subdivision": "BY"},
        "company_days_off": {"appeal_input": "2026-12-24, 2026-12-31"},
        "hr_lead": {"appeal_input": HR},
        "pause_while_waiting": {"appeal_input": ["pause"]},
    }
    assert stack.slack.view_submission(view, good, HR).body == ""
    with stack.session_factory() as session:
        settings = appeal_settings(session.scalars(select(Workspace)).one())
    assert (settings.decision_days, settings.holiday_country, settings.holiday_subdivision) == (8, "DE", "BY")
    assert len(settings.company_days_off) == 2 and settings.pause_while_waiting
    assert settings.hr_lead_id is not None
