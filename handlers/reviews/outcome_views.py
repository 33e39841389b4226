"""The outcome modal (HR): the bonus tier, defaulting to the one the final rating maps to (shown), a
reason (required only when the tier differs), and promotion nomination, training (with a short label)
and transfer."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import (
    Block,
    CheckboxesElement,
    ContextBlock,
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
from handlers.reviews.format import shown, text_value
from handlers.reviews.ids import ReviewCallback, ReviewInput
from models.i18n import N_, Translator
from models.reviews import OutcomeForm, OutcomeInput
from models.reviews.outcomes import MAX_LABEL, MAX_REASON

DECISIONS = {
    "promotion": N_("Promotion nomination"),
    "training": N_("Training"),
    "transfer": N_("Transfer"),
}


class OutcomeModalState(ViewState):
    participant_id: int = short(0, "p")


def outcome_modal(t: Translator, form: OutcomeForm, person_name: str) -> View:
    outcome = form.outcome
    intro = t(
        "*{person}* · {cycle}: final rating {rating}, which maps to the bonus tier *{tier}*.",
        person=show_user_text(person_name, escaped=False),
        cycle=shown(form.cycle_name),
        rating=form.final_rating,
        tier=shown(form.mapped_tier),
    )
    tiers = [Option(text=truncate(tier, 75), value=tier) for tier in form.tiers]
    chosen = next((option for option in tiers if option.value == form.tier), None)
    decisions = [Option(text=t(label), value=key) for key, label in DECISIONS.items()]
    ticked = [option for option in decisions if outcome is not None and getattr(outcome, str(option.value))]
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(text=truncate(intro, 3000))),
        InputBlock(
            block_id="tier",
            label=t("Bonus tier"),
            hint=t("It follows the final rating unless you choose another tier; then say why."),
            element=StaticSelectElement(action_id=ReviewInput.TIER, options=tiers, initial_option=chosen),
        ),
        InputBlock(
            block_id="reason",
            label=t("Reason for another tier"),
            hint=t("Needed only when the tier differs from the one the rating maps to; kept on the record."),
            element=PlainTextInputElement(
                action_id=ReviewInput.REASON,
                multiline=True,
                max_length=MAX_REASON,
                initial_value=(outcome.override_reason if outcome is not None else None) or None,
            ),
            optional=True,
        ),
        InputBlock(
            block_id="decisions",
            label=t("Outcome"),
            element=CheckboxesElement(
                action_id=ReviewInput.DECISIONS, options=decisions, initial_options=ticked or None
            ),
            optional=True,
        ),
        InputBlock(
            block_id="training_label",
            label=t("Training (a short label)"),
            element=PlainTextInputElement(
                action_id=ReviewInput.TRAINING_LABEL,
                max_length=MAX_LABEL,
                initial_value=(outcome.training_label if outcome is not None else None) or None,
            ),
            optional=True,
        ),
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text=t("Every change is kept in the audit log: before, after, who, when and why.")
                )
            ]
        ),
    ]
    return View(
        type="modal",
        callback_id=ReviewCallback.OUTCOME_MODAL,
        title=truncate(t("Outcome"), 24),
        submit=truncate(t("Save"), 24),
        close=truncate(t("Close"), 24),
        private_metadata=OutcomeModalState(participant_id=form.participant_id).dump(),
        blocks=blocks,
    )


def read_outcome_form(values: dict[str, Any]) -> OutcomeInput:
    tier = values.get("tier", {}).get(ReviewInput.TIER)
    option = tier.get("selected_option") if isinstance(tier, dict) else None
    chosen = option.get("value") if isinstance(option, dict) else None
    boxes = values.get("decisions", {}).get(ReviewInput.DECISIONS)
    selected = boxes.get("selected_options") if isinstance(boxes, dict) else None
    ticked = {o.get("value") for o in selected or [] if isinstance(o, dict)}
    return OutcomeInput(
        tier=chosen if isinstance(chosen, str) else None,
        reason=text_value(values, "reason", ReviewInput.REASON),
        promotion="promotion" in ticked,
        training="training" in ticked,
        training_label=text_value(values, "training_label", ReviewInput.TRAINING_LABEL),
        transfer="transfer" in ticked,
    )
