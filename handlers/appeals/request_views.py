"""What the reviewing manager reads above the statement field (only what HR shares) and what the
appellant reads above their answer: the contested part, the question, the due day."""

from __future__ import annotations

from babel.dates import format_date

from handlers.kit.text import quote_user_text, show_user_text
from models.appeals import EmployeeQuestion, StatementRequest
from models.i18n import Translator


def _shown(text: str) -> str:
    return show_user_text(text, escaped=False)


def _due(t: Translator, request: StatementRequest | EmployeeQuestion) -> str:
    if request.due is None:
        return ""
    return "\n" + t(
        "Due {day} (end of the day, your time).",
        day=format_date(request.due, format="medium", locale=t.locale),
    )


def request_text(t: Translator, request: StatementRequest) -> str:
    """The manager sees the contested part and HR's question; the employee's reason only if HR shared it."""
    lines = [
        t(
            "HR asks for your statement on {name}'s appeal of *{part}* in *{cycle}* "
            "(rated {rating} {label}).",
            name=_shown(request.employee_name),
            part=_shown(t(request.part_label)),
            cycle=_shown(request.cycle_name),
            rating=request.original_rating,
            label=_shown(request.original_rating_label),
        ),
        "*" + t("Question") + "*\n" + quote_user_text(request.question, escaped=False, limit=1200),
    ]
    if request.reason is not None:
        lines.append(
            "*"
            + t("The employee’s reason")
            + "*\n"
            + quote_user_text(request.reason, escaped=False, limit=1200)
        )
    return "\n".join(lines) + _due(t, request)


def question_text(t: Translator, question: EmployeeQuestion) -> str:
    head = t(
        "HR has a question about your appeal of *{part}* in *{cycle}*:",
        part=_shown(t(question.part_label)),
        cycle=_shown(question.cycle_name),
    )
    return f"{head}\n{quote_user_text(question.question, escaped=False, limit=2000)}" + _due(t, question)
