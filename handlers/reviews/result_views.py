"""A released result in Slack: the employee's DM at release (with "Appeal" and "View result"), the
"Your result" view (`/review result`, App Home), and the reviewing manager's DM asking them to hold
and log the one-to-one. Every number comes from the stored result; the steps are in the reader's
language."""

from __future__ import annotations

from collections.abc import Sequence

from babel.numbers import format_decimal
from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from handlers.kit.blocks import truncate
from handlers.kit.message import SlackMessage
from handlers.reviews.evidence_views import peer_evidence
from handlers.reviews.format import day_text, shown
from handlers.reviews.ids import ReviewButton, ReviewCallback
from models.i18n import Translator
from models.reviews.result import ResultView

APPEAL_OPEN = "appeal_open"  # handled by the appeals domain; value: the participant id
MAX_BLOCKS = 100
FEEDBACK_LOG_OPEN = "feedback_log_open"  # handled by the feedback conversation; value: the participant id


def _section(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=truncate(text, 3000)))


def _rated(t: Translator, rating: int | None, label: str) -> str:
    if rating is None:
        return t("not rated")
    return f"{rating} · {shown(label)}" if label else str(rating)


def headline(t: Translator, result: ResultView) -> str:
    return t(
        "Your result for {cycle}: final rating *{rating}*.",
        cycle=shown(result.cycle.name),
        rating=_rated(t, result.final_rating, result.final_label),
    )


def breakdown_blocks(t: Translator, result: ResultView, *, peer_answers: bool) -> list[Block]:
    """The criteria, the goal achievement, the formula with its numbers, and the peer aggregate."""
    criteria = [f"• {shown(c.name)}: {_rated(t, c.rating, c.label)}" for c in result.criteria]
    goals = (
        t("*Goal achievement*: {percent}%", percent=result.goal_achievement)
        if result.goal_achievement is not None
        else t("*Goal achievement*: no goal data in the period")
    )
    steps = "\n".join(f"• {step.render(t)}" for step in result.steps)
    blocks: list[Block] = [
        _section(t("*Manager's rating per criterion*") + "\n" + "\n".join(criteria)),
        _section(goals),
        _section(t("*How it was reached*") + f"\n`{result.formula}`\n{steps}"),
    ]
    if result.peers.withheld:
        blocks.append(
            _section(
                t(
                    "*Peer reviews*: fewer than {needed} came in, so no peer average is shown, to keep "
                    "them anonymous.",
                    needed=result.peers.needed,
                )
            )
        )
    elif peer_answers:
        blocks += peer_evidence(t, result.peers)
    else:
        lines = [
            t.plural(
                "• {question}: {mean} ({n} review)",
                "• {question}: {mean} ({n} reviews)",
                m.count,
                question=shown(m.text),
                mean=format_decimal(round(m.mean, 1), format="0.0", locale=t.locale),
            )
            for m in result.peers.means
        ]
        blocks.append(_section(t("*Peer ratings* (averages)") + "\n" + "\n".join(lines)))
    return blocks


def _appeal_line(t: Translator, result: ResultView) -> str:
    if result.last_day is None:
        return ""
    return t(
        "You can appeal until {date} (the end of that day, your time).",
        date=day_text(t, result.last_day),
    )


def result_message(t: Translator, result: ResultView) -> SlackMessage:
    """To the employee at release: the result, its breakdown, the appeal window; Appeal, View result."""
    participant_id = str(result.participant.id)
    appeal = _appeal_line(t, result)
    text = f"{headline(t, result)} {appeal}".strip()
    blocks: list[Block] = [
        _section(t("Your results for {cycle} are released.", cycle=shown(result.cycle.name))),
        _section(headline(t, result)),
        *breakdown_blocks(t, result, peer_answers=False),
        _section(appeal) if appeal else _section(t("The appeal window has not started.")),
        ActionsBlock(
            elements=[
                ButtonElement(
                    text=t("View result"), action_id=ReviewButton.VIEW_RESULT, value=participant_id
                ),
                ButtonElement(text=t("Appeal"), action_id=APPEAL_OPEN, value=participant_id),
            ]
        ),
    ]
    return SlackMessage(text=truncate(text, 3000), blocks=blocks)


def result_view(t: Translator, result: ResultView) -> View:
    """The "Your result" modal: the same breakdown, with the peers' anonymous answers."""
    appeal = _appeal_line(t, result)
    blocks: list[Block] = [
        _section(f"{headline(t, result)}\n{appeal}".strip()),
        *breakdown_blocks(t, result, peer_answers=True),  # the peers' answers come last
    ]
    return View(
        type="modal",
        callback_id=ReviewCallback.RESULT_MODAL,
        title=truncate(t("Your result"), 24),
        close=truncate(t("Close"), 24),
        blocks=blocks if len(blocks) <= MAX_BLOCKS else [*blocks[: MAX_BLOCKS - 1], _cut_note(t)],
    )


def _cut_note(t: Translator) -> ContextBlock:
    text = t("The peers' answers are longer than one view holds; the rest are left out here, on purpose.")
    return ContextBlock(elements=[MarkdownTextObject(text=text)])


def result_home_blocks(t: Translator, results: Sequence[ResultView]) -> list[Block]:
    """App Home: my released results, each with its final rating and "View result"."""
    if not results:
        return []
    blocks: list[Block] = [HeaderBlock(text=truncate(t("Your result"), 150))]
    for result in results:
        line = headline(t, result)
        appeal = _appeal_line(t, result)
        blocks.append(
            SectionBlock(
                text=MarkdownTextObject(text=truncate(f"{line}\n{appeal}".strip(), 3000)),
                accessory=ButtonElement(
                    text=t("View result"),
                    action_id=ReviewButton.VIEW_RESULT,
                    value=str(result.participant.id),
                ),
            )
        )
    return blocks


def feedback_ask_message(t: Translator, participant_id: int, employee: str, cycle: str) -> SlackMessage:
    """To the reviewing manager at release: hold the one-to-one with the report, then log it."""
    text = t(
        "{employee}'s result for {cycle} is released. Please hold the feedback conversation (one-to-one) "
        "with them, then log it: the date, notes, what was acknowledged, where to improve and the "
        "development actions you agreed. Use the button or `/review feedback @person`.",
        employee=employee,
        cycle=shown(cycle),
    )
    button = ButtonElement(
        text=t("Log the conversation"),
        action_id=FEEDBACK_LOG_OPEN,
        value=str(participant_id),
        style="primary",
    )
    return SlackMessage(text=truncate(text, 3000), blocks=[_section(text), ActionsBlock(elements=[button])])
