"""`/perf settings`: everyone's preferences, and the workspace's settings for HR."""

from __future__ import annotations

from datetime import time
from typing import Any

from sqlalchemy import select

from handlers.settings import INPUT, SettingsField
from models.audit import AuditEntry
from models.goals import goal_settings
from models.people import Person
from models.workspace import Workspace
from tests.e2e.conftest import Stack


def as_shown(view: dict[str, Any]) -> dict[str, Any]:
    """The state Slack sends when the modal is submitted unchanged (each input's initial value)."""
    state: dict[str, Any] = {}
    for block in view["blocks"]:
        element = block.get("element") if block.get("type") == "input" else None
        if not element:
            continue
        value: Any = None
        if "initial_value" in element:
            value = element["initial_value"]
        elif "initial_time" in element:
            value = element["initial_time"]
        elif "initial_conversation" in element:
            value = element["initial_conversation"]
        elif "initial_option" in element:
            value = element["initial_option"]["value"]
        elif element["type"] == "checkboxes":
            value = [option["value"] for option in element.get("initial_options") or []]
        state[block["block_id"]] = {INPUT: value}
    return state


def open_settings(stack: Stack, user: str) -> dict[str, Any]:
    before = len(stack.fake.calls("views.open"))
    stack.slack.command("/perf", "settings", user)
    view = stack.fake.wait_for("views.open", count=before + 1)[-1].args["view"]
    assert isinstance(view, dict)
    return view


def submit(stack: Stack, view: dict[str, Any], user: str, **changes: Any) -> Any:
    state = as_shown(view)
    for field, value in changes.items():
        state[SettingsField(field)] = {INPUT: value}
    return stack.slack.view_submission(view, state, user)


def test_hr_changes_every_workspace_setting(stack: Stack) -> None:
    stack.seed(("U1", "Hana"), hr="U1")
    view = open_settings(stack, "U1")
    answer = submit(
        stack,
        view,
        "U1",
        values="#Craft, kindness  speed",
        channel="C_KUDOS",
        locale="zh_CN",
        timezone="Asia/Shanghai",
        work_day_start="08:30",
        work_day_end="17:00",
        work_days=["0", "1", "2", "3"],
        nudge_after_days="14",
        send_budget_per_minute="120",
        digest_weekday="0",
        digest_hour="10",
        progress_threshold="15",
        checkin_cadence_days="14",
    )
    assert answer.status == 200 and answer.body == ""
    with stack.session_factory() as session:
        workspace = session.scalars(select(Workspace)).one()
        assert workspace.company_values == ["Craft", "kindness", "speed"]
        assert (workspace.recognition_channel_id, workspace.default_locale) == ("C_KUDOS", "zh_CN")
        assert (workspace.timezone, workspace.work_day_start, workspace.work_day_end) == (
            "Asia/Shanghai",
            time(8, 30),
            time(17, 0),
        )
        assert workspace.work_days == [0, 1, 2, 3]
        assert (workspace.nudge_after_days, workspace.send_budget_per_minute) == (14, 120)
        assert (workspace.digest_weekday, workspace.digest_hour) == (0, 10)
        goals = goal_settings(session, workspace.id)
        assert (goals.progress_threshold, goals.checkin_cadence_days) == (15, 14)
        actions = set(session.scalars(select(AuditEntry.action)))
        assert {"workspace.settings", "workspace.schedule", "goal.settings"} <= actions


def test_saving_unchanged_settings_keeps_them(stack: Stack) -> None:
    stack.seed(("U1", "Hana"), hr="U1")
    view = open_settings(stack, "U1")
    assert submit(stack, view, "U1").body == ""
    with stack.session_factory() as session:
        workspace = session.scalars(select(Workspace)).one()
        assert workspace.work_day_start == time(9) and workspace.work_days == [0, 1, 2, 3, 4]


def test_every_bad_setting_is_refused_on_its_own_field_at_once(stack: Stack) -> None:
    stack.seed(("U1", "Hana"), hr="U1")
    view = open_settings(stack, "U1")
    answer = submit(
        stack,
        view,
        "U1",
        values=" , ",
        timezone="Mars/Olympus",
        work_day_start="18:00",
        work_day_end="09:00",
        work_days=[],
        nudge_after_days="0",
        checkin_cadence_days="0",
    ).json()
    assert answer["response_action"] == "errors"
    errors = answer["errors"]
    assert "at least one company value" in errors["values"]
    assert "Europe/Berlin" in errors["timezone"]
    assert "end after it starts" in errors["work_day_end"]
    assert "at least one working day" in errors["work_days"]
    assert "from 1 to 365" in errors["nudge_after_days"]
    assert "checkin_cadence_days" in errors
    with stack.session_factory() as session:
        assert session.scalars(select(Workspace)).one().timezone == "UTC", "nothing was saved"


def test_an_employee_mutes_nudges_and_sees_no_workspace_settings(stack: Stack) -> None:
    stack.seed(("U1", "Hana"), ("U2", "Eli"), hr="U1")
    view = open_settings(stack, "U2")
    ids = [block.get("block_id") for block in view["blocks"]]
    assert SettingsField.MUTE_NUDGES in ids and SettingsField.VALUES not in ids
    assert "Only HR admins" in str(view)
    assert submit(stack, view, "U2", mute_nudges=["mute"]).body == ""
    with stack.session_factory() as session:
        assert session.scalars(select(Person.mute_nudges).where(Person.slack_user_id == "U2")).one() is True
    unmute_view = open_settings(stack, "U2")
    mute_block = next(b for b in unmute_view["blocks"] if b.get("block_id") == SettingsField.MUTE_NUDGES)
    assert mute_block["element"]["initial_options"][0]["value"] == "mute"


def test_a_forged_hr_submission_by_an_employee_is_refused(stack: Stack) -> None:
    stack.seed(("U1", "Hana"), ("U2", "Eli"), hr="U1")
    hr_view = open_settings(stack, "U1")
    answer = submit(stack, hr_view, "U2", values="hacked").json()
    assert answer["response_action"] == "errors"
    assert str(answer["errors"]).count("Only HR admins") == 1
    with stack.session_factory() as session:
        assert "hacked" not in session.scalars(select(Workspace)).one().company_values
