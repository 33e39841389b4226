"""The appeal DMs, pure functions of their data. Everyone sees only what they may: the assignee and the
appellant the record (models.appeals.appeal_detail), the manager the statement request and the
outcome, HR's lead an appeal waiting for assignment without its content."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from datetime import date

from babel.dates import format_date
from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement, MarkdownTextObject, SectionBlock

from handlers.kit.blocks import truncate
from handlers.kit.message import SlackMessage
from handlers.kit.text import quote_user_text, show_user_text
from handlers.reminders import reminder_controls
from models.appeals import AppealDetail, EmployeeQuestion, StatementRequest
from models.i18n import N_, Translator


class AppealButton(enum.StrEnum):
    """Action ids of the buttons on appeal DMs (the Slack side registers their listeners)."""

    VIEW = "appeal_view"
    DECIDE = "appeal_decide_open"
    ASK_STATEMENT = "appeal_ask_statement_open"
    ASK_EMPLOYEE = "appeal_ask_employee_open"
    ASSIGN = "appeal_assign_open"
    STATEMENT = "appeal_statement_open"
    ANSWER = "appeal_answer_open"
    WITHDRAW = "appeal_withdraw"


def day(t: Translator, value: date) -> str:
    return str(format_date(value, format="medium", locale=t.locale))


def _section(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=truncate(text, 3000)))


def _buttons(t: Translator, appeal_id: int, *buttons: tuple[AppealButton, str]) -> ActionsBlock:
    return ActionsBlock(
        elements=[
            ButtonElement(text=truncate(t(label), 75), action_id=action, value=str(appeal_id))
            for action, label in buttons
        ]
    )


def _message(text: str, blocks: Sequence[Block]) -> SlackMessage:
    return SlackMessage(text=truncate(text, 3000), blocks=list(blocks))


def _rating(t: Translator, rating: int, label: str) -> str:
    return f"{rating} · {show_user_text(t(label), escaped=False)}"


def _part(t: Translator, detail: AppealDetail | StatementRequest | EmployeeQuestion) -> str:
    return show_user_text(t(detail.part_label), escaped=False)


def _record(t: Translator, detail: AppealDetail) -> list[Block]:
    """Everything needed to decide: the result and its breakdown, the reasons, the evidence, the ask."""
    blocks: list[Block] = []
    lines = [
        t(
            "*Contested:* {part}, rated {rating}",
            part=_part(t, detail),
            rating=_rating(t, detail.original_rating, detail.original_rating_label),
        ),
    ]
    if detail.breakdown is not None:
        b = detail.breakdown
        lines.append(t("*Final score:* `{formula}`", formula=b.formula))
        criteria = ", ".join(
            f"{show_user_text(name, escaped=False)} {rating if rating is not None else '–'}"
            for _, name, rating in b.criteria
        )
        lines.append(t("*Criteria:* {criteria}", criteria=criteria))
        if b.goal_achievement is not None:
            lines.append(t("*Goal achievement:* {percent}%", percent=b.goal_achievement))
    blocks.append(_section("\n".join(lines)))
    blocks.append(_section(t("*Why:*") + "\n" + quote_user_text(detail.reason, escaped=False)))
    if detail.evidence:
        items = "\n".join(
            f"• {show_user_text(label, escaped=False, limit=300)}" for _, label in detail.evidence
        )
        blocks.append(_section(t("*Evidence:*") + "\n" + items))
    if detail.outcome_sought:
        blocks.append(
            _section(
                t("*Outcome asked for:*")
                + "\n"
                + quote_user_text(detail.outcome_sought, escaped=False, limit=800)
            )
        )
    return blocks


def assigned_message(t: Translator, detail: AppealDetail, appellant: str) -> SlackMessage:
    due = day(t, detail.decision_due) if detail.decision_due else "–"
    head = t(
        "{appellant} appeals their result in *{cycle}*, and it is yours to decide by {date}.",
        appellant=appellant,
        cycle=show_user_text(detail.cycle_name, escaped=False),
        date=due,
    )
    buttons = _buttons(
        t,
        detail.id,
        (AppealButton.VIEW, N_("Open the appeal")),
        (AppealButton.ASK_STATEMENT, N_("Ask the manager")),
        (AppealButton.ASK_EMPLOYEE, N_("Ask the employee")),
        (AppealButton.DECIDE, N_("Decide")),
    )
    return _message(head, [_section(head), *_record(t, detail), buttons])


def filed_message(t: Translator, detail: AppealDetail, expected: date | None) -> SlackMessage:
    text = t(
        "Your appeal on *{part}* in *{cycle}* is filed. HR, not your manager, re-examines it.",
        part=_part(t, detail),
        cycle=show_user_text(detail.cycle_name, escaped=False),
    )
    if expected is not None:
        text += " " + t("Expect an answer by {date}.", date=day(t, expected))
    buttons = _buttons(
        t, detail.id, (AppealButton.VIEW, N_("Open the appeal")), (AppealButton.WITHDRAW, N_("Withdraw"))
    )
    return _message(text, [_section(text), buttons])


def unassigned_message(t: Translator, appeal_id: int, cycle: str, *, can_assign: bool) -> SlackMessage:
    text = t(
        "An appeal in *{cycle}* is waiting for an HR admin: everyone in turn has a part in the rating.",
        cycle=show_user_text(cycle, escaped=False),
    )
    if not can_assign:
        text += " " + t("Choose an HR lead in `/perf appeals settings` to assign it.")
        return _message(text, [_section(text)])
    return _message(text, [_section(text), _buttons(t, appeal_id, (AppealButton.ASSIGN, N_("Assign")))])


def statement_request_message(t: Translator, request: StatementRequest) -> SlackMessage:
    head = t(
        "{employee} has appealed *{part}* (rated {rating}) in *{cycle}*. "
        "HR asks for your written statement by {date}.",
        employee=show_user_text(request.employee_name, escaped=False),
        part=_part(t, request),
        rating=_rating(t, request.original_rating, request.original_rating_label),
        cycle=show_user_text(request.cycle_name, escaped=False),
        date=day(t, request.due) if request.due else "–",
    )
    blocks: list[Block] = [
        _section(head),
        _section(t("*HR asks:*") + "\n" + quote_user_text(request.question, escaped=False)),
    ]
    if request.reason is not None:
        blocks.append(
            _section(
                t("*The employee's reason, shared by HR:*")
                + "\n"
                + quote_user_text(request.reason, escaped=False)
            )
        )
    blocks.append(_buttons(t, request.appeal_id, (AppealButton.STATEMENT, N_("Write statement"))))
    return _message(head, blocks)


def question_message(t: Translator, question: EmployeeQuestion) -> SlackMessage:
    head = t(
        "HR has a question about your appeal on *{part}* in *{cycle}*; please answer by {date}.",
        part=_part(t, question),
        cycle=show_user_text(question.cycle_name, escaped=False),
        date=day(t, question.due) if question.due else "–",
    )
    blocks = [
        _section(head),
        _section(quote_user_text(question.question, escaped=False)),
        _buttons(t, question.appeal_id, (AppealButton.ANSWER, N_("Answer"))),
    ]
    return _message(head, blocks)


def answered_message(t: Translator, detail: AppealDetail, *, statement: bool) -> SlackMessage:
    text = (
        t("The manager's statement on the appeal about *{part}* is in.", part=_part(t, detail))
        if statement
        else t("The employee answered your question on the appeal about *{part}*.", part=_part(t, detail))
    )
    buttons = _buttons(
        t, detail.id, (AppealButton.VIEW, N_("Open the appeal")), (AppealButton.DECIDE, N_("Decide"))
    )
    return _message(text, [_section(text), buttons])


def decided_message(t: Translator, detail: AppealDetail) -> SlackMessage:
    head = t(
        "HR has decided your appeal on *{part}* in *{cycle}*: {outcome}.",
        part=_part(t, detail),
        cycle=show_user_text(detail.cycle_name, escaped=False),
        outcome=t(detail.outcome_label or ""),
    )
    lines = [head]
    if detail.new_rating is not None:
        lines.append(
            t(
                "New rating: {new} (was {old}).",
                new=_rating(t, detail.current_rating, detail.current_rating_label),
                old=_rating(t, detail.original_rating, detail.original_rating_label),
            )
        )
    blocks: list[Block] = [_section("\n".join(lines))]
    blocks.append(_section(t("*Why:*") + "\n" + quote_user_text(detail.explanation or "", escaped=False)))
    blocks.append(_buttons(t, detail.id, (AppealButton.VIEW, N_("Open the appeal"))))
    return _message(head, blocks)


def outcome_message(t: Translator, employee: str, part: str, cycle: str, outcome_label: str) -> SlackMessage:
    text = t(
        "HR has decided {employee}'s appeal on *{part}* in *{cycle}*: {outcome}.",
        employee=employee,
        part=show_user_text(t(part), escaped=False),
        cycle=show_user_text(cycle, escaped=False),
        outcome=t(outcome_label),
    )
    return _message(text, [_section(text)])


def withdrawn_message(t: Translator, appellant: str, part: str, cycle: str) -> SlackMessage:
    text = t(
        "{appellant} withdrew their appeal on *{part}* in *{cycle}*; nothing more is needed from you.",
        appellant=appellant,
        part=show_user_text(t(part), escaped=False),
        cycle=show_user_text(cycle, escaped=False),
    )
    return _message(text, [_section(text)])


def reopened_message(t: Translator, detail: AppealDetail) -> SlackMessage:
    text = t(
        "HR has reopened your appeal on *{part}* in *{cycle}*; the decision stands until a new one is made.",
        part=_part(t, detail),
        cycle=show_user_text(detail.cycle_name, escaped=False),
    )
    return _message(
        text, [_section(text), _buttons(t, detail.id, (AppealButton.VIEW, N_("Open the appeal")))]
    )


def decision_reminder(
    t: Translator, detail: AppealDetail, due: date, days_left: int, message_id: int
) -> SlackMessage:
    if days_left > 0:
        text = t(
            "Reminder: the appeal on *{part}* needs your decision by {date}.",
            part=_part(t, detail),
            date=day(t, due),
        )
    elif days_left == 0:
        text = t("Today is the last day to decide the appeal on *{part}*.", part=_part(t, detail))
    else:
        text = t(
            "Overdue: the appeal on *{part}* should have been decided by {date}.",
            part=_part(t, detail),
            date=day(t, due),
        )
    buttons = _buttons(
        t, detail.id, (AppealButton.VIEW, N_("Open the appeal")), (AppealButton.DECIDE, N_("Decide"))
    )
    return _message(text, [_section(text), buttons, reminder_controls(t, message_id, mutable=False)])


def escalation_message(
    t: Translator, appeal_id: int, cycle: str, assignee: str, due: date, *, can_assign: bool
) -> SlackMessage:
    text = t(
        "Overdue appeal: an appeal in *{cycle}* assigned to {assignee} was due for a decision on {date}.",
        cycle=show_user_text(cycle, escaped=False),
        assignee=assignee,
        date=day(t, due),
    )
    buttons = [(AppealButton.VIEW, N_("Open the appeal"))]
    if can_assign:
        buttons.append((AppealButton.ASSIGN, N_("Assign")))
    return _message(text, [_section(text), _buttons(t, appeal_id, *buttons)])


def request_reminder(
    t: Translator, appeal_id: int, part: str, due: date, *, statement: bool, message_id: int
) -> SlackMessage:
    part_text = show_user_text(t(part), escaped=False)
    if statement:
        text = t(
            "Reminder: HR waits for your statement on the appeal about *{part}*, due {date}.",
            part=part_text,
            date=day(t, due),
        )
        button = (AppealButton.STATEMENT, N_("Write statement"))
    else:
        text = t(
            "Reminder: HR waits for your answer on your appeal about *{part}*, due {date}.",
            part=part_text,
            date=day(t, due),
        )
        button = (AppealButton.ANSWER, N_("Answer"))
    blocks = [_section(text), _buttons(t, appeal_id, button), reminder_controls(t, message_id, mutable=False)]
    return _message(text, blocks)
