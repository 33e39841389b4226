"""The buttons on nudges and reminders: "Snooze 1 day" and "Mute these nudges".

Both ack at once, then do their (short) work in one unit of work, then update the DM in place.
The domain operations live in models.messaging.reminders, so `/perf settings` can call the same ones.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.orm import Session

from handlers.deps import Deps
from handlers.kit.message import SlackMessage
from handlers.kit.timefmt import local_datetime
from handlers.reminders.views import ReminderAction, muted, snoozed, with_note
from models.db import unit_of_work
from models.i18n import translator
from models.messaging import set_mute_nudges, snooze
from models.people import Person, people_by_slack_ids
from models.workspace import Workspace, find_workspace, next_working_time
from models.zones import zone

log = logging.getLogger(__name__)


def register(app: App, deps: Deps) -> None:
    @app.action(ReminderAction.SNOOZE)
    def handle_snooze_button(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        snooze_from_button(deps, ack, body, client, context)

    @app.action(ReminderAction.MUTE)
    def handle_mute_button(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        mute_from_button(deps, ack, body, client, context)


def snooze_from_button(
    deps: Deps, ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    ack()
    message_id = _button_value(body)
    note: SlackMessage | None = None
    with unit_of_work(deps.session_factory) as session:
        workspace = find_workspace(session, context.team_id or context.enterprise_id or "")
        person = _clicker(session, workspace, context)
        if workspace is None or person is None or message_id is None:
            return
        until = snooze(session, person, message_id, deps.clock())
        # Say when it will really come: a snooze ending at night waits for the morning.
        arrives = next_working_time(until, zone(person.tz, workspace.timezone), workspace.working_hours)
        t = translator(person.locale, workspace.default_locale)
        note = snoozed(t, until=local_datetime(t, arrives, person.tz))
    _update_dm(client, body, note)


def mute_from_button(
    deps: Deps, ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    ack()
    with unit_of_work(deps.session_factory) as session:
        workspace = find_workspace(session, context.team_id or context.enterprise_id or "")
        person = _clicker(session, workspace, context)
        if workspace is None or person is None:
            return
        set_mute_nudges(session, person, True, deps.clock())
        note = muted(translator(person.locale, workspace.default_locale))
    _update_dm(client, body, note)


def _clicker(session: Session, workspace: Workspace | None, context: BoltContext) -> Person | None:
    if workspace is None or not context.user_id:
        return None
    return people_by_slack_ids(session, workspace, [context.user_id]).get(context.user_id)


def _button_value(body: dict[str, Any]) -> int | None:
    value = ((body.get("actions") or [{}])[0]).get("value") or ""
    return int(value) if value.isdigit() else None


def _update_dm(client: WebClient, body: dict[str, Any], note: SlackMessage | None) -> None:
    """Replace the buttons with the note; the change is already committed, so a failure here only logs."""
    container = body.get("container") or {}
    channel = container.get("channel_id") or (body.get("channel") or {}).get("id")
    message = body.get("message") or {}
    ts = container.get("message_ts") or message.get("ts")
    if note is None or not channel or not ts:
        return
    try:
        client.chat_update(
            channel=channel, ts=ts, text=note.text, blocks=with_note(message.get("blocks") or [], note)
        )
    except SlackApiError as error:
        log.warning("could not update the reminder DM: %s", error.response.get("error"))
