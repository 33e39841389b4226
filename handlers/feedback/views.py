"""The modals of the feedback conversation: the manager's log (date, notes, what was acknowledged,
where to improve, and room for three development actions, each optional as a whole), the employee's
comment, and the acknowledgement that says plainly it is not agreement.

Three action slots are always there: a slot left empty is no action, one partly filled is refused on
its fields. Three fit one modal (about 25 blocks); agreeing more is a matter for the next conversation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    DatePickerElement,
    DividerBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    SectionBlock,
    StaticSelectElement,
    UserSelectElement,
)
from slack_sdk.models.views import View

from handlers.feedback.format import KIND_NAMES
from handlers.feedback.ids import FeedbackCallback
from handlers.feedback.ids import FeedbackInput as Field
from handlers.kit.blocks import truncate
from handlers.kit.metadata import ViewState, short
from handlers.kit.text import show_user_text
from models.feedback import (
    MAX_ACTIONS,
    ActionInput,
    ActionKind,
    DevelopmentAction,
    FeedbackInput,
    FeedbackLog,
)
from models.i18n import Translator


class LogModalState(ViewState):
    participant_id: int = short(0, "p")


class LogIdState(ViewState):
    log_id: int = short(0, "l")


@dataclass(frozen=True)
class LogModal:
    participant_id: int
    employee: str  # their name
    cycle_name: str
    saved: FeedbackLog | None
    actions: list[DevelopmentAction]
    owners: dict[int, str]  # person id -> Slack user id, for the saved actions' owners
    employee_user_id: str


def _text(
    block_id: str, label: str, action_id: str, initial: str, *, multiline: bool, limit: int
) -> InputBlock:
    return InputBlock(
        block_id=block_id,
        label=label,
        optional=True,
        element=PlainTextInputElement(
            action_id=action_id, multiline=multiline, max_length=limit, initial_value=initial or None
        ),
    )


def _kind_options(t: Translator) -> list[Option]:
    return [Option(text=truncate(t(KIND_NAMES[kind]), 75), value=kind.value) for kind in ActionKind]


def _action_blocks(
    t: Translator, index: int, saved: DevelopmentAction | None, modal: LogModal
) -> list[Block]:
    at = f"action:{index}:"
    options = _kind_options(t)
    chosen = next((o for o in options if saved is not None and o.value == saved.kind.value), None)
    owner = modal.owners.get(saved.owner_id) if saved is not None and saved.owner_id is not None else None
    if saved is None and index == 0:
        owner = modal.employee_user_id  # most actions are the employee's own
    return [
        DividerBlock(),
        SectionBlock(text=MarkdownTextObject(text=t("*Development action {n}* (optional)", n=index + 1))),
        _text(
            at + "description",
            t("What"),
            Field.DESCRIPTION,
            saved.description if saved else "",
            multiline=False,
            limit=300,
        ),
        InputBlock(
            block_id=at + "owner",
            label=t("Owner"),
            optional=True,
            element=UserSelectElement(action_id=Field.OWNER, initial_user=owner),
        ),
        InputBlock(
            block_id=at + "kind",
            label=t("Kind"),
            optional=True,
            element=StaticSelectElement(action_id=Field.KIND, options=options, initial_option=chosen),
        ),
        InputBlock(
            block_id=at + "due",
            label=t("Due date"),
            optional=True,
            element=DatePickerElement(
                action_id=Field.DUE, initial_date=saved.due_on.isoformat() if saved else None
            ),
        ),
    ]


def log_modal(t: Translator, modal: LogModal, today: date) -> View:
    saved = modal.saved
    intro = t(
        "Log your feedback conversation with *{employee}* ({cycle}). They are sent the log and can comment "
        "on it and acknowledge it; you can change it until they acknowledge it.",
        employee=show_user_text(modal.employee, escaped=False),
        cycle=show_user_text(modal.cycle_name, escaped=False),
    )
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(text=truncate(intro, 3000))),
        InputBlock(
            block_id="held_on",
            label=t("Date of the conversation"),
            element=DatePickerElement(
                action_id=Field.HELD_ON, initial_date=(saved.held_on if saved else today).isoformat()
            ),
        ),
        _text("notes", t("Notes"), Field.NOTES, saved.notes if saved else "", multiline=True, limit=3000),
        _text(
            "strengths",
            t("What was acknowledged"),
            Field.STRENGTHS,
            saved.strengths if saved else "",
            multiline=True,
            limit=3000,
        ),
        _text(
            "improve",
            t("Where to improve"),
            Field.IMPROVE,
            saved.improve if saved else "",
            multiline=True,
            limit=3000,
        ),
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text=t(
                        "Up to three agreed development actions: each needs what, an owner, a kind and a due "
                        "date after the conversation. Leave a slot empty if you agreed fewer."
                    )
                )
            ]
        ),
    ]
    by_slot = {action.position: action for action in modal.actions}
    for index in range(MAX_ACTIONS):
        blocks += _action_blocks(t, index, by_slot.get(index), modal)
    return View(
        type="modal",
        callback_id=FeedbackCallback.LOG_MODAL,
        title=truncate(t("Feedback conversation"), 24),
        submit=truncate(t("Save"), 24),
        close=truncate(t("Close"), 24),
        private_metadata=LogModalState(participant_id=modal.participant_id).dump(),
        blocks=blocks,
    )


def _value(values: dict[str, Any], block_id: str, action_id: str, key: str) -> Any:
    element = values.get(block_id, {}).get(action_id)
    return element.get(key) if isinstance(element, dict) else None


def _day(raw: Any) -> date | None:
    try:
        return date.fromisoformat(raw) if isinstance(raw, str) else None
    except ValueError:
        return None


def read_log_form(values: dict[str, Any], owners: dict[str, int]) -> FeedbackInput:
    """The submitted form; `owners` maps the chosen Slack user ids to the people perfbot knows."""
    actions = []
    for index in range(MAX_ACTIONS):
        at = f"action:{index}:"
        option = _value(values, at + "kind", Field.KIND, "selected_option")
        user = _value(values, at + "owner", Field.OWNER, "selected_user")
        actions.append(
            ActionInput(
                description=str(_value(values, at + "description", Field.DESCRIPTION, "value") or ""),
                owner_id=owners.get(user) if isinstance(user, str) else None,
                kind=option.get("value") if isinstance(option, dict) else None,
                due_on=_day(_value(values, at + "due", Field.DUE, "selected_date")),
                owner_unknown=isinstance(user, str) and user not in owners,
            )
        )
    return FeedbackInput(
        held_on=_day(_value(values, "held_on", Field.HELD_ON, "selected_date")),
        notes=str(_value(values, "notes", Field.NOTES, "value") or ""),
        strengths=str(_value(values, "strengths", Field.STRENGTHS, "value") or ""),
        improve=str(_value(values, "improve", Field.IMPROVE, "value") or ""),
        actions=actions,
    )


def chosen_owners(values: dict[str, Any]) -> list[str]:
    found = [
        _value(values, f"action:{index}:owner", Field.OWNER, "selected_user") for index in range(MAX_ACTIONS)
    ]
    return [user for user in found if isinstance(user, str)]


def comment_modal(t: Translator, log_id: int) -> View:
    return View(
        type="modal",
        callback_id=FeedbackCallback.COMMENT_MODAL,
        title=truncate(t("Add a comment"), 24),
        submit=truncate(t("Add"), 24),
        close=truncate(t("Close"), 24),
        private_metadata=LogIdState(log_id=log_id).dump(),
        blocks=[
            InputBlock(
                block_id="comment",
                label=t("Your comment on the log"),
                element=PlainTextInputElement(action_id=Field.COMMENT, multiline=True, max_length=3000),
            ),
            ContextBlock(
                elements=[
                    MarkdownTextObject(
                        text=t("Your reviewing manager is told, and the comment joins the log.")
                    )
                ]
            ),
        ],
    )


def read_comment(values: dict[str, Any]) -> str:
    return str(_value(values, "comment", Field.COMMENT, "value") or "")


def acknowledge_modal(t: Translator, log_id: int) -> View:
    text = t(
        "*Acknowledging is not agreeing.* It says that you have seen this log and that the conversation took "
        "place. If you see things differently, add a comment: it joins the log, before or after you "
        "acknowledge."
    )
    return View(
        type="modal",
        callback_id=FeedbackCallback.ACKNOWLEDGE_MODAL,
        title=truncate(t("Acknowledge"), 24),
        submit=truncate(t("Acknowledge"), 24),
        close=truncate(t("Cancel"), 24),
        private_metadata=LogIdState(log_id=log_id).dump(),
        blocks=[SectionBlock(text=MarkdownTextObject(text=truncate(text, 3000)))],
    )
