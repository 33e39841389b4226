"""After the ack: deliver a saved praise's post and DMs and tell the giver what got through.

`give_praise` wrote the post and the DMs to the outbox with the praise, so nothing here can lose
them: `deps.deliver_rows` sends them at once, and a message Slack refuses only for now (HTTP 429,
a 5xx, a timeout) stays in the outbox for the scheduler's delivery, which also sends anything
this process never got to. The giver hears what is posted, what "will follow shortly" and what
did not get through; the last two are noted on the praise.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from handlers.deps import Deps
from handlers.kit.slack_errors import could_not_post, slack_error_words
from handlers.praise.views import confirmation_text
from models.db import unit_of_work
from models.i18n import Translator, translator
from models.messaging import OutboxStatus
from models.praise import GivenPraise
from models.praise.entities import Praise
from models.praise.service import record_delivery
from models.workspace import Workspace

log = logging.getLogger(__name__)

Reply = Callable[[str], None]
# Not sent yet but still on its way: back in the queue, or left to the scheduler.
PENDING = (OutboxStatus.QUEUED, OutboxStatus.SENDING)


def deliver_praise(deps: Deps, workspace: Workspace, given: GivenPraise, reply: Reply) -> None:
    """`given` as give_praise returned it (the praise's giver and recipients loaded; detached is fine)."""
    praise = given.praise
    t = translator(praise.giver.locale, workspace.default_locale)
    outcomes = {delivered.id: delivered for delivered in deps.deliver_rows(given.outbox)}
    post_id = given.outbox[0] if given.channel_id and given.outbox else None
    dm_ids = given.outbox[1:] if post_id is not None else given.outbox
    failures: list[str] = []
    follow: list[str] = []
    notes: list[str] = []  # kept on the praise, in operator's words
    channel_id = permalink = None
    if not given.channel_id:
        failures.append(t("There is no channel to post in: ask HR to set a recognition channel."))
    elif post_id is not None:
        post = outcomes[post_id]
        if post.status is OutboxStatus.SENT:
            channel_id, permalink = post.channel, post.permalink
        elif post.status in PENDING:
            log.warning("praise %s: post to %s deferred: %s", praise.id, given.channel_id, post.error)
            follow.append(
                t(
                    "The post in <#{channel}> will follow shortly: {reason}.",
                    channel=given.channel_id,
                    reason=slack_error_words(t, post.error),
                )
            )
            notes.append(f"post to {given.channel_id} deferred to the outbox ({post.error})")
        else:
            log.warning("praise %s: post to %s failed: %s", praise.id, given.channel_id, post.error)
            failures.append(could_not_post(t, given.channel_id, post.error))
    for person, dm_id in zip(praise.recipients, dm_ids, strict=False):
        dm = outcomes[dm_id]
        if dm.status in PENDING:
            log.warning("praise %s: DM to %s deferred: %s", praise.id, person.slack_user_id, dm.error)
            follow.append(
                t(
                    "My DM to {name} will follow shortly: {reason}.",
                    name=person.mention,
                    reason=slack_error_words(t, dm.error),
                )
            )
            notes.append(f"DM to person {person.id} deferred to the outbox ({dm.error})")
        elif dm.status is not OutboxStatus.SENT:
            log.warning("praise %s: DM to %s failed: %s", praise.id, person.slack_user_id, dm.error)
            failures.append(
                t(
                    "I could not send {name} a DM: {reason}.",
                    name=person.mention,
                    reason=slack_error_words(t, dm.error),
                )
            )
    if failures or notes:
        _note(deps, praise, failures + notes)
    reply(_confirmation(t, praise, channel_id, permalink, follow, failures))


def _note(deps: Deps, praise: Praise, notes: list[str]) -> None:
    """What did not get through (yet), on the praise; where it was posted is recorded as it is sent."""
    with unit_of_work(deps.session_factory) as session:
        stored = session.get(Praise, praise.id)
        if stored is not None:
            record_delivery(stored, channel_id=None, message_ts=None, errors=notes)


def _confirmation(
    t: Translator,
    praise: Praise,
    channel_id: str | None,
    permalink: str | None,
    follow: list[str],
    failures: list[str],
) -> str:
    """Posted (or saved), then what will follow shortly, then what did not get through."""
    lines = [confirmation_text(t, praise, channel_id=channel_id, permalink=permalink, failures=[])]
    lines += follow
    if failures:
        lines.append(t("Some of it did not get through:"))
        lines.extend(f"• {failure}" for failure in failures)
    return "\n".join(lines)
