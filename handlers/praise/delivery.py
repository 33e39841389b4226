"""After the ack: post a saved praise, DM its recipients and tell the giver what got through.

The praise row is committed before any of this runs, so a Slack failure here loses
nothing: the outcome is written back to the row and the giver is told what failed.
A post or DM Slack refuses only for now (HTTP 429, a 5xx, a timeout or a lost connection) is
handed to the outbox (`models.praise.outbox`) and delivered later by the scheduler: the giver
hears it "will follow shortly". Nothing here sleeps or retries on the request's thread.
"""

from __future__ import annotations

import http.client
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from handlers.deps import Deps
from handlers.kit.slack_errors import slack_error, slack_error_words
from handlers.praise.views import confirmation_text, praise_dm, praise_post
from models.db import unit_of_work
from models.i18n import Translator, translator
from models.praise.entities import Praise
from models.praise.outbox import defer_praise_dm, defer_praise_post
from models.praise.service import record_delivery
from models.workspace import Workspace

log = logging.getLogger(__name__)

Reply = Callable[[str], None]

# A transient failure (5xx, timeout) is tried again by the outbox after this; a 429 after its Retry-After.
RETRY_SOON = timedelta(seconds=30)
DEFAULT_RETRY_AFTER = 30.0


@dataclass(frozen=True)
class Later:
    """A message Slack refused only for now: why, and when it may be tried again."""

    reason: str
    not_before: datetime


@dataclass
class Outcome:
    channel_id: str | None = None
    message_ts: str | None = None
    permalink: str | None = None
    failures: list[str] = field(default_factory=list)
    post_later: Later | None = None
    dms_later: dict[int, Later] = field(default_factory=dict)  # person id -> when
    follow: list[str] = field(default_factory=list)  # the giver's "will follow shortly" lines


def later(error: Exception, now: datetime) -> Later | None:
    """When to try again, for a 429 (after its Retry-After) or a transient failure (5xx, timeout,
    connection error); None for an error that asking again will not change (a permanent one)."""
    if isinstance(error, SlackApiError):
        status = int(error.response.status_code or 0)
        if status == 429 or error.response.get("error") == "ratelimited":
            return Later("ratelimited", now + timedelta(seconds=_retry_after(error.response.headers)))
        if status >= 500:
            return Later(f"HTTP {status}", now + RETRY_SOON)
        return None
    if isinstance(error, (OSError, http.client.HTTPException)):  # timeouts, refused or reset connections
        return Later(type(error).__name__, now + RETRY_SOON)
    return None


def _retry_after(headers: object) -> float:
    raw = None
    if isinstance(headers, dict):
        raw = headers.get("Retry-After") or headers.get("retry-after")
    if isinstance(raw, list):
        raw = raw[0] if raw else None
    try:
        seconds = float(raw) if raw is not None else DEFAULT_RETRY_AFTER
    except (TypeError, ValueError):
        return DEFAULT_RETRY_AFTER
    return seconds if seconds >= 0 else DEFAULT_RETRY_AFTER


def deliver_praise(
    client: WebClient, deps: Deps, workspace: Workspace, praise: Praise, channel_id: str | None, reply: Reply
) -> Outcome:
    """`praise` as give_praise committed it (giver and recipients loaded; detached is fine)."""
    channel_t = translator(workspace.default_locale)
    t = translator(praise.giver.locale, workspace.default_locale)
    outcome = Outcome()
    if channel_id:
        _post(client, praise, channel_id, channel_t, t, outcome, deps)
    else:
        outcome.failures.append(t("There is no channel to post in: ask HR to set a recognition channel."))
    for person in praise.recipients:
        reader_t = translator(person.locale, workspace.default_locale)
        text, blocks = praise_dm(reader_t, praise, outcome.permalink)
        try:
            client.chat_postMessage(
                channel=person.slack_user_id, text=text, blocks=blocks, unfurl_links=False
            )
        except (SlackClientError, OSError, http.client.HTTPException) as error:
            log.warning("praise %s: DM to %s failed: %s", praise.id, person.slack_user_id, slack_error(error))
            retry = later(error, deps.clock())
            if retry is not None:
                outcome.dms_later[person.id] = retry
                outcome.follow.append(
                    t(
                        "My DM to {name} will follow shortly: {reason}.",
                        name=person.mention,
                        reason=slack_error_words(t, retry.reason),
                    )
                )
                continue
            outcome.failures.append(
                t(
                    "I could not send {name} a DM: {reason}.",
                    name=person.mention,
                    reason=slack_error_words(t, error),
                )
            )
    _record(deps, praise, channel_id, outcome)
    reply(_confirmation(t, praise, outcome))
    return outcome


def _record(deps: Deps, praise: Praise, channel_id: str | None, outcome: Outcome) -> None:
    """Write the outcome on the praise and queue what is to follow, in one transaction."""
    notes = list(outcome.failures)
    if outcome.post_later is not None:
        notes.append(f"post to {channel_id} deferred to the outbox ({outcome.post_later.reason})")
    notes += [
        f"DM to person {person_id} deferred to the outbox ({retry.reason})"
        for person_id, retry in outcome.dms_later.items()
    ]
    now = deps.clock()
    with unit_of_work(deps.session_factory) as session:
        stored = session.get(Praise, praise.id)
        if stored is None:
            return
        record_delivery(stored, channel_id=outcome.channel_id, message_ts=outcome.message_ts, errors=notes)
        if outcome.post_later is not None and channel_id:
            defer_praise_post(session, stored, channel_id, outcome.post_later.not_before, now=now)
        for person_id, retry in outcome.dms_later.items():
            defer_praise_dm(
                session, stored, person_id, retry.not_before, now=now, permalink=outcome.permalink
            )


def _confirmation(t: Translator, praise: Praise, outcome: Outcome) -> str:
    """Posted (or saved), then what will follow shortly, then what did not get through."""
    lines = [
        confirmation_text(t, praise, channel_id=outcome.channel_id, permalink=outcome.permalink, failures=[])
    ]
    lines += outcome.follow
    if outcome.failures:
        lines.append(t("Some of it did not get through:"))
        lines.extend(f"• {failure}" for failure in outcome.failures)
    return "\n".join(lines)


def _post(
    client: WebClient,
    praise: Praise,
    channel_id: str,
    channel_t: Translator,
    t: Translator,
    outcome: Outcome,
    deps: Deps,
) -> None:
    text, blocks = praise_post(channel_t, praise)
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
    except (SlackClientError, OSError, http.client.HTTPException) as error:
        code = slack_error(error)
        log.warning("praise %s: post to %s failed: %s", praise.id, channel_id, code)
        retry = later(error, deps.clock())
        if retry is not None:
            outcome.post_later = retry
            outcome.follow.append(
                t(
                    "The post in <#{channel}> will follow shortly: {reason}.",
                    channel=channel_id,
                    reason=slack_error_words(t, retry.reason),
                )
            )
            return
        if code in ("not_in_channel", "channel_not_found", "method_not_supported_for_channel_type"):
            outcome.failures.append(
                t(
                    "I could not post in <#{channel}>: perfbot is not a member of it. "
                    "Invite it with `/invite @perfbot` in that channel.",
                    channel=channel_id,
                )
            )
        else:
            outcome.failures.append(
                t(
                    "I could not post in <#{channel}>: {reason}.",
                    channel=channel_id,
                    reason=slack_error_words(t, code),
                )
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
