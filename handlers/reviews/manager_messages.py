"""The DM that asks the reviewing manager for one report's manager review (rendered by the scheduler),
and the manager reviews to write on App Home."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from handlers.kit.blocks import quote_mrkdwn, truncate
from handlers.kit.message import SlackMessage
from handlers.kit.text import show_user_text
from handlers.reviews.format import day_text, shown
from handlers.reviews.ids import ReviewButton
from models.i18n import Translator
from models.reviews import SubmissionStatus
from models.reviews.manager_due import ManagerReviewDue


def manager_request_message(
    t: Translator, participant_id: int, employee: str, cycle: str, due: date, *, stage_open: bool
) -> SlackMessage:
    if stage_open:
        text = t(
            "The manager review stage of {cycle} is open: please write your review of {employee} by {date}. "
            "The evidence (self-assessment, peer reviews, goals, recognition) is in the form.",
            cycle=shown(cycle),
            employee=employee,
            date=day_text(t, due),
        )
    else:
        text = t(
            "{employee}'s self-assessment and peer reviews for {cycle} are in: you can write your manager "
            "review now, by {date}.",
            cycle=shown(cycle),
            employee=employee,
            date=day_text(t, due),
        )
    button = ButtonElement(
        text=t("Write review"),
        action_id=ReviewButton.WRITE_MANAGER_REVIEW,
        value=str(participant_id),
        style="primary",
    )
    return SlackMessage(
        text=truncate(text, 3000),
        blocks=[
            SectionBlock(text=MarkdownTextObject(text=truncate(text, 3000))),
            ActionsBlock(elements=[button]),
        ],
    )


def manager_due_blocks(t: Translator, due: Sequence[ManagerReviewDue]) -> list[Block]:
    """App Home: the manager reviews I can write now, each with its "Write review" button."""
    if not due:
        return []
    blocks: list[Block] = [HeaderBlock(text=truncate(t("Manager reviews to write"), 150))]
    for item in due:
        state = (
            t("not started")
            if item.status is None
            else t("draft saved")
            if item.status is SubmissionStatus.DRAFT
            else t("submitted")
        )
        line = t(
            "{employee} · {cycle}: due {date} ({state})",
            employee=item.mention,
            cycle=shown(item.cycle_name),
            date=day_text(t, item.due),
            state=state,
        )
        blocks.append(
            SectionBlock(
                text=MarkdownTextObject(text=truncate(line, 3000)),
                accessory=ButtonElement(
                    text=t("Write review"),
                    action_id=ReviewButton.WRITE_MANAGER_REVIEW,
                    value=str(item.participant_id),
                ),
            )
        )
    return blocks


def calibrated_message(
    t: Translator, employee: str, cycle: str, before: int, after: int, reason: str
) -> SlackMessage:
    """To the reviewing manager: HR changed a report's final rating in calibration, and why."""
    text = t(
        "In calibration, HR changed {employee}'s final rating for {cycle} from {before} to {after}.",
        employee=employee,
        cycle=shown(cycle),
        before=before,
        after=after,
    )
    why = t("Reason:") + "\n" + quote_mrkdwn(show_user_text(reason, escaped=False), 2000)
    return SlackMessage(
        text=truncate(text, 3000),
        blocks=[SectionBlock(text=MarkdownTextObject(text=truncate(f"{text}\n{why}", 3000)))],
    )
