"""The modal that confirms cancelling a goal and asks why (optional), and the actor's confirmation."""

from __future__ import annotations

from datetime import date

from slack_sdk.models.blocks import Block, InputBlock, MarkdownTextObject, PlainTextInputElement, SectionBlock
from slack_sdk.models.views import View

from handlers.goals.format import goal_summary, note
from handlers.goals.ids import GoalAction, GoalBlock, GoalCallback
from handlers.kit import words
from handlers.kit.blocks import truncate
from handlers.kit.metadata import ViewState, short
from models.goals.entities import Goal, GoalStatus
from models.goals.validation import MAX_TEXT
from models.i18n import Translator
from models.people import Person


class CancelState(ViewState):
    """What the cancel modal carries in private_metadata."""

    goal_id: int = short(0, "g")
    channel_id: str | None = short(None, "c")  # where to confirm (the list), else a DM
    details_view_id: str | None = short(None, "v")  # the View modal it was pushed onto, refreshed after
    from_home: bool = short(False, "h")  # republish the Home tab afterwards


def cancel_modal(
    t: Translator, goal: Goal, owner: Person | None, actor: Person, today: date, state: CancelState
) -> View:
    """ "Cancel goal?": the goal, what cancelling means, who will be told, and an optional reason."""
    consequence = t(
        "Cancelling closes this goal for good: no more check-ins, and it no longer counts toward the goal "
        "it is aligned to."
    )
    if goal.status in (GoalStatus.DRAFT, GoalStatus.PROPOSED):
        consequence = t("Cancelling withdraws this goal; it will not be approved.")
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(text=goal_summary(t, goal, owner, today))),
        note(consequence),
    ]
    if owner is not None and owner.id != actor.id:
        blocks.append(note(t("{name} will be told, with your reason.", name=owner.mention)))
    blocks.append(
        InputBlock(
            block_id=GoalBlock.COMMENT,
            label=t("Reason"),
            optional=True,
            hint=t("Why is this goal no longer needed? It is kept with the goal's history."),
            element=PlainTextInputElement(
                action_id=GoalAction.COMMENT_TEXT, multiline=True, max_length=MAX_TEXT
            ),
        )
    )
    return View(
        type="modal",
        callback_id=GoalCallback.CANCEL_MODAL,
        title=truncate(t("Cancel goal?"), 24),
        submit=truncate(t("Cancel goal"), 24),
        close=truncate(t("Keep goal"), 24),
        private_metadata=state.dump(),
        blocks=blocks,
    )


def cancelled_text(t: Translator, goal: Goal, owner: Person | None, actor: Person, told: bool) -> str:
    """What the person who cancelled a goal is told."""
    title = words.title(t, goal.title)
    if owner is None or owner.id == actor.id:
        return t("You cancelled {title}.", title=title)
    if told:
        return t("You cancelled {title}; {name} has been told.", title=title, name=owner.mention)
    return t("The goal {title} is cancelled.", title=title)  # it already was: a second click
