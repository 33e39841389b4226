"""Peer modals: the employee's nominations, the manager's decision, the peer's answers, a decline."""

from __future__ import annotations

from datetime import date
from typing import Any

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    InputBlock,
    MarkdownTextObject,
    PlainTextInputElement,
    SectionBlock,
    StaticSelectElement,
    UserMultiSelectElement,
)
from slack_sdk.models.views import View

from handlers.kit.blocks import truncate
from handlers.kit.metadata import ViewState, short
from handlers.reviews.format import day_text, rating_options, selected_int, shown, standards_text, text_value
from handlers.reviews.ids import ReviewCallback, ReviewInput
from models.i18n import Translator
from models.reviews import CycleDefinition
from models.reviews.peers import MAX_ANSWER


class PeersModalState(ViewState):
    cycle_id: int = short(0, "c")
    participant_id: int = short(0, "p")  # the manager's decision: whose nominations


class PeerModalState(ViewState):
    nomination_id: int = short(0, "n")


def _modal(t: Translator, callback: str, title: str, submit: str, metadata: str, blocks: list[Block]) -> View:
    return View(
        type="modal",
        callback_id=callback,
        title=truncate(title, 24),
        submit=truncate(submit, 24),
        close=truncate(t("Close"), 24),
        private_metadata=metadata,
        blocks=blocks[:100],
    )


def _picker(t: Translator, initial: list[str], limit: int) -> InputBlock:
    return InputBlock(
        block_id="peers",
        label=t("Peers"),
        element=UserMultiSelectElement(
            action_id=ReviewInput.PEERS,
            placeholder=t("Choose colleagues"),
            max_selected_items=limit,
            initial_users=initial or None,
        ),
    )


def nominate_modal(
    t: Translator, definition: CycleDefinition, cycle_id: int, due: date, current: list[str], locked: int
) -> View:
    """`current`: user ids nominated so far; `locked`: how many of them were asked already and stay."""
    lines = [
        t(
            "Choose {min} to {max} colleagues who know your work; your manager approves the list. "
            "Their answers reach you only as an anonymous aggregate.",
            min=definition.peers.min,
            max=definition.peers.max,
        ),
        t("Due {date} (end of the day, your time).", date=day_text(t, due)),
    ]
    if locked:
        lines.append(t("Peers already asked stay on the list even if you remove them here."))
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(text="\n".join(lines))),
        _picker(t, current, definition.peers.max + locked),
    ]
    return _modal(
        t,
        ReviewCallback.PEERS_MODAL,
        t("Nominate peers"),
        t("Send to manager"),
        PeersModalState(cycle_id=cycle_id).dump(),
        blocks,
    )


def decide_modal(
    t: Translator,
    definition: CycleDefinition,
    cycle_id: int,
    participant_id: int,
    employee: str,
    current: list[str],
) -> View:
    text = t(
        "Peers for {employee}'s review: keep, remove or add colleagues ({min} to {max}). "
        "Everyone on the list when you approve is asked for a review.",
        employee=employee,
        min=definition.peers.min,
        max=definition.peers.max,
    )
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=text)), _picker(t, current, 20)]
    return _modal(
        t,
        ReviewCallback.DECIDE_MODAL,
        t("Approve peers"),
        t("Approve"),
        PeersModalState(cycle_id=cycle_id, participant_id=participant_id).dump(),
        blocks,
    )


def peer_review_modal(
    t: Translator, definition: CycleDefinition, nomination_id: int, reviewee: str, due: date
) -> View:
    intro = t(
        "Your peer review of {reviewee}, due {date}. They and their manager see ratings only as an "
        "aggregate of several reviews, and your words without your name.",
        reviewee=reviewee,
        date=day_text(t, due),
    )
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=intro))]
    for question in definition.peer_questions:
        block_id = f"peer:{question.key}"
        if question.kind == "rating":
            blocks += [
                SectionBlock(text=MarkdownTextObject(text=truncate(f"*{shown(question.text)}*", 3000))),
                ContextBlock(elements=[MarkdownTextObject(text=standards_text(definition))]),
                InputBlock(
                    block_id=block_id,
                    label=truncate(question.text, 2000),
                    element=StaticSelectElement(
                        action_id=ReviewInput.RATING,
                        placeholder=t("Choose a rating"),
                        options=rating_options(definition),
                    ),
                ),
            ]
        else:
            blocks.append(
                InputBlock(
                    block_id=block_id,
                    label=truncate(question.text, 2000),
                    element=PlainTextInputElement(
                        action_id=ReviewInput.ANSWER, multiline=True, max_length=MAX_ANSWER
                    ),
                    optional=True,
                )
            )
    return _modal(
        t,
        ReviewCallback.PEER_MODAL,
        t("Peer review"),
        t("Submit"),
        PeerModalState(nomination_id=nomination_id).dump(),
        blocks,
    )


def read_peer_form(
    values: dict[str, Any], definition: CycleDefinition
) -> tuple[dict[str, int | None], dict[str, str]]:
    ratings = {
        q.key: selected_int(values, f"peer:{q.key}", ReviewInput.RATING)
        for q in definition.peer_questions
        if q.kind == "rating"
    }
    answers = {
        q.key: text_value(values, f"peer:{q.key}", ReviewInput.ANSWER)
        for q in definition.peer_questions
        if q.kind == "text"
    }
    return ratings, answers


def decline_modal(t: Translator, nomination_id: int, reviewee: str) -> View:
    blocks: list[Block] = [
        SectionBlock(
            text=MarkdownTextObject(
                text=t(
                    "Decline the peer review of {reviewee}? They will be told your reason and can ask "
                    "someone else.",
                    reviewee=reviewee,
                )
            )
        ),
        InputBlock(
            block_id="reason",
            label=t("Why you decline"),
            element=PlainTextInputElement(action_id=ReviewInput.REASON, multiline=True, max_length=500),
        ),
    ]
    return _modal(
        t,
        ReviewCallback.DECLINE_MODAL,
        t("Decline"),
        t("Decline"),
        PeerModalState(nomination_id=nomination_id).dump(),
        blocks,
    )
