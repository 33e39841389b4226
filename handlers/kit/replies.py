"""Replies after the ack: to the person who acted, where they are looking, and updates of what they see.

Each one is after a committed change, so a failure only logs: nothing the person did is lost.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.models.views import View

from handlers.kit.message import SlackMessage
from handlers.kit.slack_errors import slack_error

log = logging.getLogger(__name__)

Reply = Callable[[str], None]


def tell_in_channel(client: WebClient, user_id: str, channel_id: str | None) -> Reply:
    """A reply visible only to the person, in the channel they started from, else in their DM."""

    def reply(text: str) -> None:
        try:
            if channel_id:
                client.chat_postEphemeral(channel=channel_id, user=user_id, text=text)
                return
        except (SlackClientError, OSError):
            pass  # not a channel the app can post in: fall back to the DM
        try:
            client.chat_postMessage(channel=user_id, text=text)
        except (SlackClientError, OSError) as error:
            log.warning("could not tell %s the outcome: %s", user_id, slack_error(error))

    return reply


def tell_from_action(client: WebClient, body: dict[str, Any], respond: Respond, user_id: str) -> Reply:
    """A reply to a button click: ephemeral under the message when it has a response_url, else a DM."""
    has_response_url = bool(body.get("response_url"))

    def reply(text: str) -> None:
        try:
            if has_response_url:
                respond(text=text, response_type="ephemeral", replace_original=False)
                return
            client.chat_postMessage(channel=user_id, text=text)
        except (SlackClientError, OSError) as error:
            log.warning("could not tell %s the outcome: %s", user_id, slack_error(error))

    return reply


def update_message(client: WebClient, channel_id: str | None, ts: str | None, message: SlackMessage) -> None:
    """Replace a message perfbot sent (e.g. the approver's proposal DM) in place."""
    if not channel_id or not ts:
        return
    try:
        client.chat_update(channel=channel_id, ts=ts, text=message.text, blocks=message.blocks_json())
    except SlackApiError as error:
        log.warning("could not update the message: %s", error.response.get("error"))
    except (SlackClientError, OSError) as error:
        log.warning("could not update the message: %s", slack_error(error))


def update_view(client: WebClient, view_id: str | None, view: View | None) -> None:
    """Redraw a modal still open under the one just closed (e.g. a goal's View modal); failure only logs."""
    if not view_id or view is None:
        return
    try:
        client.views_update(view_id=view_id, view=view)
    except SlackApiError as error:
        log.warning("could not refresh the view: %s", error.response.get("error"))
    except (SlackClientError, OSError) as error:
        log.warning("could not refresh the view: %s", slack_error(error))


def show_view(client: WebClient, method: str, **arguments: Any) -> None:
    """Open, push or update a view after the ack (`method` is the client's: "views_open", …); a failure
    only logs, as the change behind it is committed."""
    try:
        getattr(client, method)(**arguments)
    except (SlackClientError, OSError) as error:
        log.warning("could not show a view (%s): %s", method, slack_error(error))


def confirm_by_dm(client: WebClient, user_id: str, text: str) -> None:
    """A short confirmation to the person who acted, by DM; a failure only logs."""
    try:
        client.chat_postMessage(channel=user_id, text=text)
    except (SlackClientError, OSError) as error:
        log.warning("could not confirm a step to %s: %s", user_id, slack_error(error))
