"""`/perf settings`: opening the modal and saving it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient
from slack_sdk.models.views import View
from sqlalchemy.orm import Session

from handlers.context import Actor
from handlers.deps import Deps
from handlers.kit.submission import submit
from handlers.settings.ids import INPUT, SETTINGS_MODAL, SettingsField
from handlers.settings.views import MUTE, settings_modal
from models.errors import DomainError, Problem
from models.goals import goal_settings, update_goal_settings
from models.messaging import set_mute_nudges
from models.people import can_change_workspace_settings, require_settings_access
from models.settings.schedule import ScheduleSettingsInput, update_schedule_settings
from models.settings.service import WorkspaceSettingsInput, parse_values, update_settings

State = dict[str, dict[str, dict[str, Any]]]


def open_settings(session: Session, actor: Actor) -> View:
    hr = can_change_workspace_settings(actor.person, actor.workspace)
    return settings_modal(
        actor.t, actor.person, actor.workspace, goal_settings(session, actor.workspace.id) if hr else None
    )


def _input(state: State, field: SettingsField) -> dict[str, Any]:
    return dict((state.get(field) or {}).get(INPUT) or {})


def _text(state: State, field: SettingsField) -> str:
    return str(_input(state, field).get("value") or "").strip()


def _whole(state: State, field: SettingsField) -> int | None:
    try:
        return int(_text(state, field))
    except ValueError:
        return None


def _time(state: State, field: SettingsField) -> time | None:
    raw = _input(state, field).get("selected_time")
    return time.fromisoformat(raw) if raw else None


def _chosen(state: State, field: SettingsField) -> list[str]:
    return [option["value"] for option in _input(state, field).get("selected_options") or []]


def _collect(problems: list[Problem], change: Callable[[], object]) -> None:
    """Run one part of the save; gather its refusals so every field's error is shown at once."""
    try:
        change()
    except DomainError as error:
        problems.extend(error.problems)


def save_workspace_settings(session: Session, actor: Actor, state: State) -> None:
    workspace, person = actor.workspace, actor.person
    require_settings_access(person, workspace)  # refused once, not once per part below
    problems: list[Problem] = []
    locale = (_input(state, SettingsField.LOCALE).get("selected_option") or {}).get("value")
    _collect(
        problems,
        lambda: update_settings(
            session,
            workspace,
            person,
            WorkspaceSettingsInput(
                company_values=parse_values(_text(state, SettingsField.VALUES)),
                recognition_channel_id=_input(state, SettingsField.CHANNEL).get("selected_conversation"),
                default_locale=locale or workspace.default_locale,
            ),
        ),
    )
    weekday = (_input(state, SettingsField.DIGEST_WEEKDAY).get("selected_option") or {}).get("value")
    _collect(
        problems,
        lambda: update_schedule_settings(
            session,
            workspace,
            person,
            ScheduleSettingsInput(
                timezone=_text(state, SettingsField.TIMEZONE),
                work_day_start=_time(state, SettingsField.WORK_DAY_START),
                work_day_end=_time(state, SettingsField.WORK_DAY_END),
                work_days=[int(day) for day in _chosen(state, SettingsField.WORK_DAYS)],
                nudge_after_days=_whole(state, SettingsField.NUDGE_AFTER_DAYS),
                send_budget_per_minute=_whole(state, SettingsField.SEND_BUDGET),
                digest_weekday=int(weekday) if weekday is not None else -1,
                digest_hour=_whole(state, SettingsField.DIGEST_HOUR),
            ),
        ),
    )
    _collect(
        problems,
        lambda: update_goal_settings(
            session,
            workspace,
            person,
            progress_threshold=_text(state, SettingsField.PROGRESS_THRESHOLD),
            checkin_cadence_days=_text(state, SettingsField.CHECKIN_CADENCE),
        ),
    )
    if problems:
        raise DomainError.of(problems)


def register(app: App, deps: Deps) -> None:
    @app.view(SETTINGS_MODAL)
    def handle_settings_submission(
        ack: Ack, view: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        state: State = view["state"]["values"]

        def save(session: Session, actor: Actor) -> None:
            if SettingsField.VALUES in state:  # the HR part was shown; the domain checks the role again
                save_workspace_settings(session, actor, state)
            muted = MUTE in _chosen(state, SettingsField.MUTE_NUDGES)
            set_mute_nudges(session, actor.person, muted, deps.clock())

        submit(deps, ack, client, context, save)
