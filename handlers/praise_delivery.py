"""After the ack: post a saved praise, DM its recipients and tell the giver what got through.

The praise row is committed before any of this runs, so a Slack failure here loses
nothing: the outcome is written back to the row and the giver is told what failed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from handlers.deps import Deps
from handlers.praise_views import confirmation_text, praise_dm, praise_post
from models.db import unit_of_work
from models.i18n import Translator, translator
from models.praise_service import load_praise, record_delivery
from models.recognition import Praise
from models.workspace import Workspace

log = logging.getLogger(__name__)

Reply = Callable[[str], None]


@dataclass
class Outcome:
    channel_id: str | None = None
    message_ts: str | None = None
    permalink: str | None = None
    failures: list[str] = field(default_factory=list)


def slack_error(error: Exception) -> str:
    if isinstance(error, SlackApiError):
        return str(error.response.get("error") or error.response.status_code)
    return type(error).__name__


def deliver_praise(
    client: WebClient, deps: Deps, workspace_id: int, praise_id: int, channel_id: str | None, reply: Reply
) -> Outcome:
    with unit_of_work(deps.session_factory) as session:
        workspace = session.get(Workspace, workspace_id)
        praise = load_praise(session, workspace, praise_id) if workspace else None
    if workspace is None or praise is None:
        raise LookupError(f"praise {praise_id} vanished before delivery")
    channel_t = translator(workspace.default_locale)
    giver_t = translator(praise.giver.locale, workspace.default_locale)
    outcome = Outcome()
    if channel_id:
        _post(client, praise, channel_id, channel_t, giver_t, outcome)
    else:
        outcome.failures.append(
            giver_t("There is no channel to post in: ask HR to set a recognition channel.")
        )
    for person in praise.recipients:
        t = translator(person.locale, workspace.default_locale)
        text, blocks = praise_dm(t, praise, outcome.permalink)
        try:
            client.chat_postMessage(
                channel=person.slack_user_id, text=text, blocks=blocks, unfurl_links=False
            )
        except (SlackClientError, OSError) as error:
            log.warning("praise %s: DM to %s failed: %s", praise.id, person.slack_user_id, slack_error(error))
            outcome.failures.append(
                giver_t(
                    "I could not send {name} a DM ({error}).", name=person.mention, error=slack_error(error)
                )
            )
    with unit_of_work(deps.session_factory) as session:
        stored = session.get(Praise, praise.id)
        if stored is not None:
            record_delivery(
                stored, channel_id=outcome.channel_id, message_ts=outcome.message_ts, errors=outcome.failures
            )
    reply(
        confirmation_text(
            giver_t,
            praise,
            channel_id=outcome.channel_id,
            permalink=outcome.permalink,
            failures=outcome.failures,
        )
    )
    return outcome


def _post(
    client: WebClient, praise: Praise, channel_id: str, t: Translator, giver_t: Translator, outcome: Outcome
) -> None:
    text, blocks = praise_post(t, praise)
    try:
        try:
            response = client.chat_postMessage(
                channel=channel_id, text=text, blocks=blocks, unfurl_links=False
            )
        except SlackApiError as error:
            # A public channel the bot has not joined yet: join it (channels:join) and try once more.
            if error.response.get("error") != "not_in_channel" or not channel_id.startswith("C"):
                raise
            client.conversations_join(channel=channel_id)
            response = client.chat_postMessage(
                channel=channel_id, text=text, blocks=blocks, unfurl_links=False
            )
    except (SlackClientError, OSError) as error:
        code = slack_error(error)
        log.warning("praise %s: post to %s failed: %s", praise.id, channel_id, code)
        if code in ("not_in_channel", "channel_not_found", "method_not_supported_for_channel_type"):
            outcome.failures.append(
                giver_t(
                    "I could not post in <#{channel}> ({error}): invite me there with `/invite @perfbot`.",
                    channel=channel_id,
                    error=code,
                )
            )
        else:
            outcome.failures.append(
                giver_t("I could not post in <#{channel}> ({error}).", channel=channel_id, error=code)
            )
        return
    outcome.channel_id = str(response.get("channel") or channel_id)
    outcome.message_ts = str(response["ts"])
    try:
        outcome.permalink = client.chat_getPermalink(
            channel=outcome.channel_id, message_ts=outcome.message_ts
        ).get("permalink")
    except (SlackClientError, OSError) as error:  # the post is there; only the link is missing
        log.info("praise %s: no permalink: %s", praise.id, slack_error(error))
