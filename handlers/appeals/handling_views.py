"""The modals that move an appeal along: HR decides, asks the manager for a statement or the employee a
question, assigns (the HR lead), reopens; the manager writes the statement; the appellant answers or
withdraws. Each shows what the reader needs above its inputs; the domain checks every field."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from slack_sdk.models.blocks import (
    Block,
    CheckboxesElement,
    DatePickerElement,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    RadioButtonsElement,
    SectionBlock,
    StaticSelectElement,
    UserSelectElement,
)
from slack_sdk.models.views import View

from handlers.appeals.form import State, chosen, chosen_date, chosen_many, chosen_user, text
from handlers.appeals.ids import INPUT, AppealCallback, Field
from handlers.kit.blocks import truncate
from handlers.kit.metadata import ViewState, short
from models.appeals import OUTCOME_LABELS, Outcome
from models.i18n import Translator

MAX_TEXT = 3000
SHARE = "share"


class AppealModalState(ViewState):
    appeal_id: int = short(0, "a")


def _modal(
    t: Translator, callback: AppealCallback, title: str, submit: str, appeal_id: int, blocks: Sequence[Block]
) -> View:
    return View(
        type="modal",
        callback_id=callback,
        title=truncate(title, 24),
        submit=truncate(submit, 24),
        close=truncate(t("Cancel"), 24),
        private_metadata=AppealModalState(appeal_id=appeal_id).dump(),
        blocks=list(blocks),
    )


def _about(summary: str) -> SectionBlock:
    """What the modal is about, as mrkdwn the caller made safe (user text through show_user_text)."""
    return SectionBlock(text=MarkdownTextObject(text=truncate(summary, 3000)))


def _long_text(block_id: Field, label: str, hint: str | None = None, *, optional: bool = False) -> InputBlock:
    return InputBlock(
        block_id=block_id,
        label=label,
        hint=hint,
        optional=optional,
        element=PlainTextInputElement(action_id=INPUT, multiline=True, max_length=MAX_TEXT),
    )


def _due(t: Translator, initial: date) -> InputBlock:
    return InputBlock(
        block_id=Field.DUE,
        label=t("Answer due by"),
        hint=t("The end of that day in the reader's time zone; they are reminded before it."),
        element=DatePickerElement(action_id=INPUT, initial_date=initial.isoformat()),
    )


def decide_modal(
    t: Translator, appeal_id: int, summary: str, ratings: Sequence[tuple[int, str]], current: int | None
) -> View:
    outcomes = [
        Option(text=truncate(t(label), 75), value=outcome.value) for outcome, label in OUTCOME_LABELS.items()
    ]
    levels = [
        Option(text=truncate(f"{rating} · {label}", 75), value=str(rating))
        for rating, label in ratings
        if rating != current
    ]
    blocks: list[Block] = [
        _about(summary),
        InputBlock(
            block_id=Field.OUTCOME,
            label=t("Decision"),
            element=RadioButtonsElement(action_id=INPUT, options=outcomes),
        ),
        _long_text(
            Field.EXPLANATION,
            t("Explanation"),
            t("Required. The employee reads it in full; their manager is told the outcome only."),
        ),
    ]
    if levels:
        blocks.append(
            InputBlock(
                block_id=Field.RATING,
                label=t("New rating"),
                hint=t("Only for an adjustment: the final score is recomputed and the original kept."),
                optional=True,
                element=StaticSelectElement(
                    action_id=INPUT, placeholder=t("Choose a rating"), options=levels
                ),
            )
        )
    return _modal(t, AppealCallback.DECIDE, t("Decide the appeal"), t("Decide"), appeal_id, blocks)


def read_decision(state: State) -> tuple[Outcome | None, str, int | None]:
    raw, rating = chosen(state, Field.OUTCOME), chosen(state, Field.RATING)
    outcome = Outcome(raw) if raw in {o.value for o in Outcome} else None
    return (
        outcome,
        text(state, Field.EXPLANATION),
        int(rating) if rating and rating.lstrip("-").isdigit() else None,
    )


def ask_statement_modal(t: Translator, appeal_id: int, summary: str, due: date) -> View:
    share = Option(text=truncate(t("Share the employee's reason with the manager"), 75), value=SHARE)
    blocks: list[Block] = [
        _about(summary),
        _long_text(Field.QUESTION, t("What should the manager address?")),
        InputBlock(
            block_id=Field.SHARE_REASON,
            label=t("The employee's reason"),
            hint=t("Unless you tick this, the manager sees only the contested part and your question."),
            optional=True,
            element=CheckboxesElement(action_id=INPUT, options=[share]),
        ),
        _due(t, due),
    ]
    return _modal(t, AppealCallback.ASK_STATEMENT, t("Ask for a statement"), t("Send"), appeal_id, blocks)


def read_statement_request(state: State) -> tuple[str, bool, date | None]:
    return (
        text(state, Field.QUESTION),
        SHARE in chosen_many(state, Field.SHARE_REASON),
        chosen_date(state, Field.DUE),
    )


def ask_employee_modal(t: Translator, appeal_id: int, summary: str, due: date) -> View:
    blocks: list[Block] = [
        _about(summary),
        _long_text(Field.QUESTION, t("Your question to the employee")),
        _due(t, due),
    ]
    return _modal(t, AppealCallback.ASK_EMPLOYEE, t("Ask the employee"), t("Send"), appeal_id, blocks)


def read_question(state: State) -> tuple[str, date | None]:
    return text(state, Field.QUESTION), chosen_date(state, Field.DUE)


def assign_modal(t: Translator, appeal_id: int, summary: str, assignee_user_id: str | None) -> View:
    blocks: list[Block] = [
        _about(summary),
        InputBlock(
            block_id=Field.ASSIGNEE,
            label=t("Assign to"),
            hint=t("An HR admin outside the employee's reporting line."),
            element=UserSelectElement(action_id=INPUT, initial_user=assignee_user_id),
        ),
    ]
    return _modal(t, AppealCallback.ASSIGN, t("Assign the appeal"), t("Assign"), appeal_id, blocks)


def read_assignee(state: State) -> str | None:
    return chosen_user(state, Field.ASSIGNEE)


def reopen_modal(t: Translator, appeal_id: int, summary: str) -> View:
    blocks: list[Block] = [_about(summary), _long_text(Field.REASON, t("Why reopen it?"))]
    return _modal(t, AppealCallback.REOPEN, t("Reopen the appeal"), t("Reopen"), appeal_id, blocks)


def statement_modal(t: Translator, appeal_id: int, request: str) -> View:
    blocks: list[Block] = [
        _about(request),
        _long_text(Field.ANSWER, t("Your statement"), t("HR adds it to the appeal's record.")),
    ]
    return _modal(t, AppealCallback.STATEMENT, t("Write a statement"), t("Send"), appeal_id, blocks)


def answer_modal(t: Translator, appeal_id: int, question: str) -> View:
    blocks: list[Block] = [_about(question), _long_text(Field.ANSWER, t("Your answer"))]
    return _modal(t, AppealCallback.ANSWER, t("Answer HR"), t("Send"), appeal_id, blocks)


def withdraw_modal(t: Translator, appeal_id: int, summary: str) -> View:
    warning = t("Withdraw this appeal? HR stops working on it, and this cannot be undone.")
    blocks: list[Block] = [_about(summary), _about(warning)]
    return _modal(t, AppealCallback.WITHDRAW, t("Withdraw the appeal"), t("Withdraw"), appeal_id, blocks)


def notice_modal(t: Translator, text: str) -> View:
    """What replaces a modal without inputs (the withdrawal) when its action is refused."""
    return View(
        type="modal",
        title=truncate(t("Appeal"), 24),
        close=truncate(t("Close"), 24),
        blocks=[_about(text)],
    )
