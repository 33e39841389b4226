"""The manager review modal: the evidence (self-assessment, peer aggregate, goals, recognition), then a
rating and comment per criterion with each level's standard, a summary and a recommended outcome.

A modal holds 100 blocks. When the evidence and the form do not fit together, the modal shows the
evidence as a summary with a "More evidence" button, which opens the evidence in pages of its own:
nothing is cut without saying so.
"""

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
from handlers.kit.text import show_user_text
from handlers.reviews.criterion_form import comment_input, criterion_answers
from handlers.reviews.evidence_views import evidence_blocks, evidence_summary
from handlers.reviews.format import day_text, rating_options, shown, standards_text, text_value
from handlers.reviews.ids import ReviewButton, ReviewCallback, ReviewInput
from models.i18n import N_, Translator
from models.reviews import CycleDefinition, ManagerReviewInput, RecommendedOutcome, SubmissionStatus
from models.reviews.manager_evidence import ManagerEvidence
from models.reviews.manager_review import MAX_COMMENT, MAX_SUMMARY

MAX_BLOCKS = 100

OUTCOME_NAMES = {
    RecommendedOutcome.NONE: N_("No change"),
    RecommendedOutcome.PROMOTION: N_("Promotion nomination"),
    RecommendedOutcome.TRAINING: N_("Training"),
    RecommendedOutcome.TRANSFER: N_("Transfer"),
    RecommendedOutcome.DEVELOPMENT_PLAN: N_("Development plan"),
}


class ManagerModalState(ViewState):
    participant_id: int = short(0, "p")


@dataclass(frozen=True)
class ManagerModal:
    participant_id: int
    cycle_name: str
    definition: CycleDefinition
    due: date
    evidence: ManagerEvidence
    note: str = ""  # e.g. "Draft saved."


def _section(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=truncate(text, 3000)))


def _form_blocks(t: Translator, modal: ManagerModal) -> list[Block]:
    definition, saved = modal.definition, modal.evidence.saved
    blocks: list[Block] = [DividerBlock(), HeaderBlock(text=truncate(t("Your review"), 150))]
    for criterion in definition.criteria:
        options = rating_options(definition)
        rating = saved.ratings.get(criterion.key) if saved else None
        initial = next((option for option in options if option.value == str(rating)), None)
        comment = (saved.comments.get(criterion.key, "") if saved else "")[:MAX_COMMENT]
        blocks += [
            ContextBlock(
                elements=[
                    MarkdownTextObject(
                        text=truncate(
                            f"*{shown(criterion.name)}*: {shown(criterion.description)}\n"
                            + standards_text(definition, criterion.standards),
                            3000,
                        )
                    )
                ]
            ),
            InputBlock(
                block_id=f"rating:{criterion.key}",
                label=truncate(t("Rating: {criterion}", criterion=criterion.name), 2000),
                element=StaticSelectElement(
                    action_id=ReviewInput.RATING,
                    placeholder=t("Choose a rating"),
                    options=options,
                    initial_option=initial,
                ),
                optional=True,
            ),
            comment_input(t, criterion.key, comment, MAX_COMMENT),
        ]
    outcomes = [Option(text=t(name), value=outcome.value) for outcome, name in OUTCOME_NAMES.items()]
    chosen = saved.recommended_outcome if saved else RecommendedOutcome.NONE
    blocks += [
        InputBlock(
            block_id="summary",
            label=t("Summary"),
            element=PlainTextInputElement(
                action_id=ReviewInput.SUMMARY,
                multiline=True,
                max_length=MAX_SUMMARY,
                initial_value=(saved.summary if saved else "") or None,
            ),
            optional=True,
        ),
        InputBlock(
            block_id="outcome",
            label=t("Recommended outcome"),
            element=StaticSelectElement(
                action_id=ReviewInput.OUTCOME,
                options=outcomes,
                initial_option=next(o for o in outcomes if o.value == chosen.value),
            ),
        ),
        ActionsBlock(
            block_id="manager_actions",
            elements=[
                ButtonElement(
                    text=t("Save draft"),
                    action_id=ReviewButton.SAVE_MANAGER_DRAFT,
                    value=str(modal.participant_id),
                )
            ],
        ),
    ]
    return blocks


def manager_modal(t: Translator, modal: ManagerModal) -> View:
    saved = modal.evidence.saved
    status = (
        t("Submitted: you can still change it until the deadline.")
        if saved is not None and saved.status is SubmissionStatus.SUBMITTED
        else t("Draft saved: finish and submit it by the deadline.")
        if saved is not None
        else t("Read the evidence, then rate each criterion; the standard of each rating is shown beside it.")
    )
    intro = t(
        "*{person}* · {cycle}: due {date} (end of the day, your time).",
        person=show_user_text(modal.evidence.person.name, escaped=False),
        cycle=shown(modal.cycle_name),
        date=day_text(t, modal.due),
    )
    head: list[Block] = [_section(f"{intro}\n{status}")]
    if modal.note:
        head.append(ContextBlock(elements=[MarkdownTextObject(text=truncate(modal.note, 3000))]))
    form = _form_blocks(t, modal)
    evidence = evidence_blocks(t, modal.definition, modal.evidence)
    if len(head) + len(evidence) + len(form) > MAX_BLOCKS:
        evidence = evidence_summary(t, modal.participant_id, modal.evidence)
    return View(
        type="modal",
        callback_id=ReviewCallback.MANAGER_MODAL,
        title=truncate(t("Manager review"), 24),
        submit=truncate(t("Submit"), 24),
        close=truncate(t("Close"), 24),
        private_metadata=ManagerModalState(participant_id=modal.participant_id).dump(),
        blocks=[*head, *evidence, *form],
    )


def read_manager_form(values: dict[str, Any], definition: CycleDefinition) -> ManagerReviewInput:
    outcome = values.get("outcome", {}).get(ReviewInput.OUTCOME)
    option = outcome.get("selected_option") if isinstance(outcome, dict) else None
    chosen = option.get("value") if isinstance(option, dict) else None
    ratings, comments = criterion_answers(values, definition)
    return ManagerReviewInput(
        ratings=ratings,
        comments=comments,
        summary=text_value(values, "summary", ReviewInput.SUMMARY),
        outcome=chosen if isinstance(chosen, str) else RecommendedOutcome.NONE.value,
    )
