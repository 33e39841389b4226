"""After the ack: the direct messages a goal operation caused, and what the person who acted is told.

Messages are rendered inside the unit of work (each in its reader's language and time zone) and
sent after the commit, so a Slack failure loses nothing: it is logged and the actor hears of it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from slack_bolt import Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.models.views import View

from handlers.goals.format import local_today
from handlers.goals.notice_views import Rendered, notice_message
from handlers.kit.slack_errors import slack_error, slack_error_words
from models.errors import Problem
from models.goals.service import GoalNotice
from models.i18n import Translator, translator
from models.people import Person
from models.workspace import Workspace

log = logging.getLogger(__name__)

Reply = Callable[[str], None]


@dataclass(frozen=True)
class Outgoing:
    """One direct message, ready to send."""

    user_id: str
    mention: str
    message: Rendered
    goal_id: int


@dataclass
class Report:
    """What to tell the actor once the messages are out: the news, warnings, and what failed."""

    lines: list[str] = field(default_factory=list)
    messages: list[Outgoing] = field(default_factory=list)


def render_notices(
    workspace: Workspace,
    notices: Sequence[GoalNotice],
    *,
    owner: Person | None,
    now: datetime,
    blockers: str = "",
) -> list[Outgoing]:
    """Each notice as its recipient will read it: their language, their today."""
    outgoing = []
    for notice in notices:
        recipient = notice.recipient
        t = translator(recipient.locale, workspace.default_locale)
        today = local_today(now, recipient.tz)
        message = notice_message(t, notice, owner=owner, today=today, blockers=blockers)
        outgoing.append(Outgoing(recipient.slack_user_id, recipient.mention, message, notice.goal.id))
    return outgoing


def warning_lines(t: Translator, warnings: Sequence[Problem]) -> list[str]:
    return [f":warning: {warning.render(t)}" for warning in warnings]


def send_direct(client: WebClient, messages: Sequence[Outgoing], t: Translator) -> list[str]:
    """Post each DM (to the user id: Slack opens the app's DM); failures as lines for the actor."""
    failures = []
    for outgoing in messages:
        try:
            client.chat_postMessage(
                channel=outgoing.user_id,
                text=outgoing.message.text,
                blocks=outgoing.message.blocks,
                unfurl_links=False,
            )
        except (SlackClientError, OSError) as error:
            log.warning(
                "goal %s: DM to %s failed: %s", outgoing.goal_id, outgoing.user_id, slack_error(error)
            )
            failures.append(
                t(
                    "I could not send {name} a DM: {reason}. It is saved with the goal; you may "
                    "want to tell them yourself.",
                    name=outgoing.mention,
                    reason=slack_error_words(t, error),
                )
            )
    return failures


def deliver(client: WebClient, report: Report, t: Translator, reply: Reply) -> None:
    """Send the DMs, then tell the actor what happened, including anything that failed."""
    lines = report.lines + send_direct(client, report.messages, t)
    if lines:
        reply("\n".join(lines))


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


def update_message(client: WebClient, channel_id: str | None, ts: str | None, message: Rendered) -> None:
    """Replace a DM we sent (the approver's proposal) in place; it is committed, so failure only logs."""
    if not channel_id or not ts:
        return
    try:
        client.chat_update(channel=channel_id, ts=ts, text=message.text, blocks=message.blocks)
    except SlackApiError as error:
        log.warning("could not update the goal DM: %s", error.response.get("error"))
    except (SlackClientError, OSError) as error:
        log.warning("could not update the goal DM: %s", slack_error(error))


def update_view(client: WebClient, view_id: str | None, view: View | None) -> None:
    """Redraw a modal still open under the one just closed (the goal's View modal); failure only logs."""
    if not view_id or view is None:
        return
    try:
        client.views_update(view_id=view_id, view=view)
    except SlackApiError as error:
        log.warning("could not refresh the goal's view: %s", error.response.get("error"))
    except (SlackClientError, OSError) as error:
        log.warning("could not refresh the goal's view: %s", slack_error(error))
