"""What the self-assessment and the manager review ask per criterion: the comment field, and reading back
each criterion's rating and comment from the submitted view."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import InputBlock, PlainTextInputElement

from handlers.reviews.format import selected_int, text_value
from handlers.reviews.ids import ReviewInput
from models.i18n import Translator
from models.reviews import CycleDefinition


def comment_input(t: Translator, criterion_key: str, comment: str, max_length: int) -> InputBlock:
    return InputBlock(
        block_id=f"comment:{criterion_key}",
        label=t("Comment"),
        element=PlainTextInputElement(
            action_id=ReviewInput.COMMENT,
            multiline=True,
            max_length=max_length,
            initial_value=comment or None,
        ),
        optional=True,
    )


def criterion_answers(
    values: dict[str, Any], definition: CycleDefinition
) -> tuple[dict[str, int | None], dict[str, str]]:
    """Each criterion's rating (None when not chosen) and comment, by the criterion's key."""
    ratings = {
        c.key: selected_int(values, f"rating:{c.key}", ReviewInput.RATING) for c in definition.criteria
    }
    comments = {
        c.key: text_value(values, f"comment:{c.key}", ReviewInput.COMMENT) for c in definition.criteria
    }
    return ratings, comments
