"""Direct messages of a review cycle, pure functions of their data (the scheduler renders them)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement, MarkdownTextObject, SectionBlock

from handlers.kit.blocks import quote_mrkdwn, truncate
from handlers.kit.message import SlackMessage
from handlers.kit.text import show_user_text
from handlers.kit.words import listed
from handlers.reminders import reminder_controls
from handlers.reviews.format import day_text, shown
from handlers.reviews.ids import ReviewButton
from models.i18n import Translator
from models.reviews import Stage


def _section(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=truncate(text, 3000)))


def _message(text: str, blocks: Sequence[Block]) -> SlackMessage:
    return SlackMessage(text=truncate(text, 3000), blocks=list(blocks))


@dataclass(frozen=True)
class LaunchFacts:
    cycle_id: int
    cycle_name: str
    deadlines: dict[Stage, date]  # the reader's own (with any extension)
    peers_min: int
    peers_max: int


def launch_message(t: Translator, facts: LaunchFacts) -> SlackMessage:
    name = shown(facts.cycle_name)
    head = t("The review cycle *{cycle}* has started. What is asked of you:", cycle=name)
    lines = [
        t("• your self-assessment, by {date}", date=day_text(t, facts.deadlines[Stage.SELF_ASSESSMENT])),
        t(
            "• nominate {min} to {max} peers to review you, by {date}",
            min=facts.peers_min,
            max=facts.peers_max,
            date=day_text(t, facts.deadlines[Stage.PEER_NOMINATION]),
        ),
        t(
            "• peer reviews colleagues ask you for, by {date}",
            date=day_text(t, facts.deadlines[Stage.PEER_REVIEWS]),
        ),
    ]
    after = t(
        "Each day ends at midnight your time. `/review` shows where you stand; `/review help` explains."
    )
    text = "\n".join([head, *lines, after])
    buttons = ActionsBlock(
        elements=[
            ButtonElement(
                text=t("Write self-assessment"),
                action_id=ReviewButton.OPEN_SELF,
                value=str(facts.cycle_id),
                style="primary",
            ),
            ButtonElement(
                text=t("Nominate peers"), action_id=ReviewButton.OPEN_PEERS, value=str(facts.cycle_id)
            ),
        ]
    )
    return _message(
        t("The review cycle {cycle} has started", cycle=facts.cycle_name), [_section(text), buttons]
    )


def nominations_message(
    t: Translator, participant_id: int, employee: str, peers: Sequence[str], due: date
) -> SlackMessage:
    text = t(
        "{employee} nominated these peers for their review: {peers}. Approve them, or remove and add "
        "colleagues, by {date}.",
        employee=employee,
        peers=listed(t, peers),
        date=day_text(t, due),
    )
    buttons = ActionsBlock(
        elements=[
            ButtonElement(
                text=t("Approve"),
                action_id=ReviewButton.APPROVE_NOMINATIONS,
                value=str(participant_id),
                style="primary",
            ),
            ButtonElement(
                text=t("Change"), action_id=ReviewButton.CHANGE_NOMINATIONS, value=str(participant_id)
            ),
        ]
    )
    return _message(
        t("{employee} nominated peers for their review", employee=employee), [_section(text), buttons]
    )


def peer_request_message(t: Translator, nomination_id: int, reviewee: str, due: date) -> SlackMessage:
    text = t(
        "You are asked for a peer review of {reviewee}, by {date}. Your ratings are shown only in an "
        "aggregate of several reviews, and your words without your name.",
        reviewee=reviewee,
        date=day_text(t, due),
    )
    return _message(text, [_section(text), peer_buttons(t, nomination_id)])


def peer_buttons(t: Translator, nomination_id: int) -> ActionsBlock:
    return ActionsBlock(
        elements=[
            ButtonElement(
                text=t("Write review"),
                action_id=ReviewButton.WRITE_PEER,
                value=str(nomination_id),
                style="primary",
            ),
            ButtonElement(text=t("Decline"), action_id=ReviewButton.DECLINE_PEER, value=str(nomination_id)),
        ]
    )


def declined_message(
    t: Translator, reviewer: str, reviewee: str, reason: str, *, to_reviewee: bool
) -> SlackMessage:
    if to_reviewee:
        text = t(
            "{reviewer} declined to review you. Nominate someone else with `/review peers`.",
            reviewer=reviewer,
        )
    else:
        text = t("{reviewer} declined to review {reviewee}.", reviewer=reviewer, reviewee=reviewee)
    quoted = quote_mrkdwn(show_user_text(reason, escaped=False))
    return _message(text, [_section(f"{text}\n{quoted}")])


def when_text(t: Translator, offset: int, due: date) -> str:
    if offset == 0:
        return t("today ({date})", date=day_text(t, due))
    if offset < 0:
        day = day_text(t, due)
        return t.plural("on {date}, in {n} day", "on {date}, in {n} days", -offset, date=day)
    return t("since {date}: it is overdue", date=day_text(t, due))


def stage_reminder(
    t: Translator,
    stage: Stage,
    cycle_id: int,
    cycle: str,
    offset: int,
    due: date,
    target: int,
    reviewee: str = "",
    *,
    message_id: int,
) -> SlackMessage:
    """A reminder `offset` days from the deadline (negative before it). `target`: cycle or nomination id."""
    when = when_text(t, offset, due)
    if stage is Stage.SELF_ASSESSMENT:
        text = t("Your self-assessment for {cycle} is due {when}.", cycle=shown(cycle), when=when)
        button = ButtonElement(
            text=t("Write self-assessment"), action_id=ReviewButton.OPEN_SELF, value=str(cycle_id)
        )
        actions = ActionsBlock(elements=[button])
    elif stage is Stage.PEER_NOMINATION:
        text = t("Your peer nominations for {cycle} are due {when}.", cycle=shown(cycle), when=when)
        button = ButtonElement(
            text=t("Nominate peers"), action_id=ReviewButton.OPEN_PEERS, value=str(cycle_id)
        )
        actions = ActionsBlock(elements=[button])
    else:
        text = t("Your peer review of {reviewee} is due {when}.", reviewee=reviewee, when=when)
        actions = peer_buttons(t, target)
    return _message(text, [_section(text), actions, reminder_controls(t, message_id, mutable=False)])


def overdue_message(t: Translator, stage: Stage, cycle: str, person: str, due: date) -> SlackMessage:
    what = {
        Stage.SELF_ASSESSMENT: t("the self-assessment"),
        Stage.PEER_NOMINATION: t("the peer nominations"),
    }.get(stage, t("a peer review"))
    text = t(
        "{person} still owes {what} for {cycle}, due {date}, after three reminders. "
        "Perhaps check in with them.",
        person=person,
        what=what,
        cycle=shown(cycle),
        date=day_text(t, due),
    )
    return _message(text, [_section(text)])
