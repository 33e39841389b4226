"""After the ack: the direct messages a goal operation caused, and what the person who acted is told.

The operation wrote each DM to the outbox in its own transaction (`GoalOutcome.outbox`); after the
ack `deps.deliver_rows` sends them at once (rendered in each reader's language and time zone by
`scheduler.jobs.goals.notices`). What Slack refuses for now is retried from the outbox, and the
actor hears what did not get through.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from handlers.kit.replies import Reply
from handlers.kit.slack_errors import slack_error_words
from models.errors import Problem
from models.goals.checkins import CheckinOutcome
from models.goals.service import GoalOutcome
from models.i18n import Translator
from models.messaging import DeliverRows, OutboxStatus

log = logging.getLogger(__name__)


@dataclass
class Report:
    """What to tell the actor after the ack: the news, warnings, and how the DMs fared."""

    lines: list[str] = field(default_factory=list)
    messages: Notices | None = None


@dataclass(frozen=True)
class Notices:
    """The outbox rows an operation wrote for its notices, and whom each one is for."""

    outbox: list[int]
    mentions: dict[int, str]  # recipient person id -> their mention


def notices_of(outcome: GoalOutcome | CheckinOutcome) -> Notices:
    return Notices(list(outcome.outbox), {n.recipient.id: n.recipient.mention for n in outcome.notices})


def warning_lines(t: Translator, warnings: Sequence[Problem]) -> list[str]:
    return [f":warning: {warning.render(t)}" for warning in warnings]


def delivery_lines(deliver_rows: DeliverRows, notices: Notices | None, t: Translator) -> list[str]:
    """Deliver the notices now; a line for each that did not get through (yet)."""
    if notices is None or not notices.outbox:
        return []
    lines = []
    for delivered in deliver_rows(notices.outbox):
        name = notices.mentions.get(delivered.person_id or 0, "?")
        if delivered.status is OutboxStatus.SENT:
            continue
        log.warning("goal notice %s: not sent now: %s", delivered.id, delivered.error)
        if delivered.status in (OutboxStatus.QUEUED, OutboxStatus.SENDING):
            line = t(
                "I could not send {name} a DM: {reason}. It is saved with the goal, and I will "
                "try again shortly.",
                name=name,
                reason=slack_error_words(t, delivered.error),
            )
        else:
            line = t(
                "I could not send {name} a DM: {reason}. It is saved with the goal; you may "
                "want to tell them yourself.",
                name=name,
                reason=slack_error_words(t, delivered.error),
            )
        lines.append(line)
    return lines


def deliver(deliver_rows: DeliverRows, report: Report, t: Translator, reply: Reply) -> None:
    """Send the DMs, then tell the actor what happened, including anything that did not get through."""
    lines = report.lines + delivery_lines(deliver_rows, report.messages, t)
    if lines:
        reply("\n".join(lines))
