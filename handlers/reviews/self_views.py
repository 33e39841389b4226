"""The self-assessment modal: each criterion with its description and every level's written standard,
a rating and a comment per criterion, accomplishments, the person's goals (read-only), save or submit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from handlers.kit.blocks import truncate
from handlers.kit.metadata import ViewState, short
from handlers.reviews.criterion_form import comment_input, criterion_answers
from handlers.reviews.format import day_text, rating_options, shown, standards_text, text_value
from handlers.reviews.ids import ReviewButton, ReviewCallback, ReviewInput
from models.goals import percent_text
from models.i18n import Translator
from models.reviews import (
    CycleDefinition,
    GoalEvidence,
    SelfAssessment,
    SelfAssessmentInput,
    SubmissionStatus,
)
from models.reviews.self_assessment import MAX_ACCOMPLISHMENTS, MAX_COMMENT


class SelfModalState(ViewState):
    cycle_id: int = short(0, "c")


@dataclass(frozen=True)
class SelfModal:
    cycle_id: int
    cycle_name: str
    definition: CycleDefinition
    due: date
    saved: SelfAssessment | None
    goals: GoalEvidence
    note: str = ""  # e.g. "Draft saved."


def _initial(options: list[Option], rating: int | None) -> Option | None:
    return next((option for option in options if option.value == str(rating)), None)


def _criterion_blocks(t: Translator, modal: SelfModal) -> list[Block]:
    blocks: list[Block] = []
    definition = modal.definition
    saved = modal.saved
    for criterion in definition.criteria:
        options = rating_options(definition)
        initial = _initial(options, saved.ratings.get(criterion.key) if saved else None)
        select = StaticSelectElement(
            action_id=ReviewInput.RATING,
            placeholder=t("Choose a rating"),
            options=options,
            initial_option=initial,
        )
        comment = (saved.comments.get(criterion.key, "") if saved else "")[:MAX_COMMENT]
        blocks += [
            SectionBlock(
                text=MarkdownTextObject(
                    text=truncate(f"*{shown(criterion.name)}*\n{shown(criterion.description)}", 3000)
                )
            ),
            ContextBlock(elements=[MarkdownTextObject(text=standards_text(definition, criterion.standards))]),
            InputBlock(
                block_id=f"rating:{criterion.key}",
                label=truncate(t("Your rating: {criterion}", criterion=criterion.name), 2000),
                element=select,
                optional=True,
            ),
            comment_input(t, criterion.key, comment, MAX_COMMENT),
        ]
    return blocks


def _goal_blocks(t: Translator, goals: GoalEvidence) -> list[Block]:
    if not goals.goals:
        text = t("No agreed goals were due in this cycle's period.")
    else:
        lines = [f"• {shown(goal.title)}: {percent_text(goal.progress)}" for goal in goals.goals]
        if goals.more:
            lines.append(t("… and {n} more", n=goals.more))
        overall = percent_text(goals.achievement) if goals.achievement is not None else "–"
        text = (
            t("*Your goals in the period* (goal achievement {percent}):", percent=overall)
            + "\n"
            + "\n".join(lines)
        )
    return [SectionBlock(text=MarkdownTextObject(text=truncate(text, 3000)))]


def self_modal(t: Translator, modal: SelfModal) -> View:
    saved = modal.saved
    status = (
        t("Submitted: you can still change it until the deadline.")
        if saved is not None and saved.status is SubmissionStatus.SUBMITTED
        else t("Draft saved: finish and submit it by the deadline.")
        if saved is not None
        else t("Rate yourself on each criterion; the standard of each rating is shown beside it.")
    )
    intro = t(
        "*{cycle}*: due {date} (end of the day, your time).",
        cycle=shown(modal.cycle_name),
        date=day_text(t, modal.due),
    )
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(text=truncate(f"{intro}\n{status}", 3000))),
    ]
    if modal.note:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=modal.note)]))
    blocks += _criterion_blocks(t, modal)
    blocks += [
        DividerBlock(),
        InputBlock(
            block_id="accomplishments",
            label=t("Accomplishments in the period"),
            element=PlainTextInputElement(
                action_id=ReviewInput.ACCOMPLISHMENTS,
                multiline=True,
                max_length=MAX_ACCOMPLISHMENTS,
                initial_value=(saved.accomplishments if saved else "") or None,
            ),
            optional=True,
        ),
        *_goal_blocks(t, modal.goals),
        ActionsBlock(
            block_id="self_actions",
            elements=[
                ButtonElement(
                    text=t("Save draft"), action_id=ReviewButton.SAVE_DRAFT, value=str(modal.cycle_id)
                )
            ],
        ),
    ]
    return View(
        type="modal",
        callback_id=ReviewCallback.SELF_MODAL,
        title=truncate(t("Self-assessment"), 24),
        submit=truncate(t("Submit"), 24),
        close=truncate(t("Close"), 24),
        private_metadata=SelfModalState(cycle_id=modal.cycle_id).dump(),
        blocks=[HeaderBlock(text=truncate(modal.cycle_name, 150)), *blocks][:100],
    )


def read_self_form(values: dict[str, Any], definition: CycleDefinition) -> SelfAssessmentInput:
    ratings, comments = criterion_answers(values, definition)
    return SelfAssessmentInput(
        ratings=ratings,
        comments=comments,
        accomplishments=text_value(values, "accomplishments", ReviewInput.ACCOMPLISHMENTS),
    )
