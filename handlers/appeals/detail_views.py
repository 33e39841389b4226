"""The appeal's record in a modal (`appeal_view`), for the appellant and HR: the contested part and its
rating, the result's breakdown, the reasons and evidence, what was asked and answered, the decision and
the trail; below it, the buttons for what the reader may do next."""

from __future__ import annotations

from babel.dates import format_date, format_datetime
from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    MarkdownTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from handlers.appeals.ids import AppealButton, AppealCallback
from handlers.kit import words
from handlers.kit.blocks import truncate
from handlers.kit.text import quote_user_text, show_user_text
from models.appeals import OPEN_STATES, AppealDetail, AppealState
from models.i18n import Translator
from models.zones import zone

MAX_TRAIL = 40
MAX_BLOCKS = 100


def _shown(text: str) -> str:
    return show_user_text(text, escaped=False)


def _titled(title: str, body: str) -> str:
    return f"*{title}*\n{body}"


def _section(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=truncate(text, 3000)))


def _context(text: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=truncate(text, 3000))])


def headline(t: Translator, detail: AppealDetail) -> str:
    """The appeal in one line: cycle, part, rating as filed and as it stands, state."""
    rating = f"{detail.original_rating} {_shown(detail.original_rating_label)}"
    if detail.current_rating != detail.original_rating:
        rating = t(
            "{now} (was {before})",
            now=f"{detail.current_rating} {_shown(detail.current_rating_label)}",
            before=rating,
        )
    return t(
        "*{cycle}* · {part}: {rating}\nState: *{state}*",
        cycle=_shown(detail.cycle_name),
        part=_shown(t(detail.part_label)),
        rating=rating,
        state=t(detail.state_label),
    )


def _people(t: Translator, detail: AppealDetail, tz: str | None) -> str:
    lines = [t("Filed by {name}", name=_shown(detail.appellant_name))]
    lines.append(
        t("Assigned to {name}", name=_shown(detail.assignee_name))
        if detail.assignee_name
        else t("Not assigned yet")
    )
    if detail.decision_due is not None:
        due = format_date(detail.decision_due, format="medium", locale=t.locale)
        lines.append(t("Decision due {day}", day=due))
    return " · ".join(lines)


def _breakdown(t: Translator, detail: AppealDetail) -> list[Block]:
    breakdown = detail.breakdown
    if breakdown is None:
        return []
    criteria = words.listed(
        t,
        (f"{_shown(name)} {rating if rating is not None else '–'}" for _, name, rating in breakdown.criteria),
    )
    lines = [t("*Result*: {criteria}", criteria=criteria)]
    if breakdown.goal_achievement is not None:
        lines.append(t("Goal achievement: {value}", value=_shown(str(breakdown.goal_achievement))))
    if breakdown.formula:
        lines.append(t("Final score: `{formula}`", formula=_shown(breakdown.formula)))
    if (
        breakdown.original_final_rating is not None
        and breakdown.original_final_rating != breakdown.final_rating
    ):
        lines.append(
            t(
                "Final rating {now}, originally {before}",
                now=breakdown.final_rating,
                before=breakdown.original_final_rating,
            )
        )
    return [_section("\n".join(lines))]


def _filing(t: Translator, detail: AppealDetail) -> list[Block]:
    blocks: list[Block] = [
        _section(_titled(t("Why"), quote_user_text(detail.reason, escaped=False, limit=2800)))
    ]
    if detail.evidence:
        items = "\n".join(f"• {_shown(label)}" for _, label in detail.evidence[:30])
        blocks.append(_section(_titled(t("Evidence"), items)))
    if detail.outcome_sought:
        sought = quote_user_text(detail.outcome_sought, escaped=False, limit=2800)
        blocks.append(_section(_titled(t("Outcome asked for"), sought)))
    return blocks


def _decision(t: Translator, detail: AppealDetail) -> list[Block]:
    if detail.outcome_label is None:
        return []
    decision = t("Decision")
    lines = [f"*{decision}*: {t(detail.outcome_label)}"]
    if detail.new_rating is not None:
        lines.append(t("New rating: {rating}", rating=detail.new_rating))
    if detail.explanation:
        lines.append(quote_user_text(detail.explanation, escaped=False, limit=2500))
    return [_section("\n".join(lines))]


def _trail(t: Translator, detail: AppealDetail, tz: str | None) -> list[Block]:
    blocks: list[Block] = []
    for item in detail.trail[-MAX_TRAIL:]:
        when = format_datetime(item.at.astimezone(zone(tz)), format="short", locale=t.locale)
        line = f"{when} · *{t(item.action_label)}* · {_shown(item.actor_name)}"
        if item.text:
            line = f"{line}\n{quote_user_text(item.text, escaped=False, limit=1500)}"
        blocks.append(_context(line))
    return blocks


def _buttons(t: Translator, detail: AppealDetail) -> list[ButtonElement]:
    value = str(detail.id)
    is_open = detail.state in OPEN_STATES
    found: list[ButtonElement] = []
    if detail.viewer_is_appellant:
        if detail.state is AppealState.WAITING_FOR_EMPLOYEE:
            found.append(
                ButtonElement(
                    text=t("Answer HR"), action_id=AppealButton.ANSWER, value=value, style="primary"
                )
            )
        if is_open:
            found.append(
                ButtonElement(
                    text=t("Withdraw"), action_id=AppealButton.WITHDRAW, value=value, style="danger"
                )
            )
        return found
    if detail.viewer_is_assignee and is_open and detail.state is not AppealState.SUBMITTED:
        found += [
            ButtonElement(text=t("Decide"), action_id=AppealButton.DECIDE, value=value, style="primary"),
            ButtonElement(text=t("Ask the manager"), action_id=AppealButton.ASK_STATEMENT, value=value),
            ButtonElement(text=t("Ask the employee"), action_id=AppealButton.ASK_EMPLOYEE, value=value),
        ]
    if is_open:
        found.append(ButtonElement(text=t("Assign"), action_id=AppealButton.ASSIGN, value=value))
    if detail.state is AppealState.DECIDED:
        found.append(ButtonElement(text=t("Reopen"), action_id=AppealButton.REOPEN, value=value))
    return found


def detail_blocks(t: Translator, detail: AppealDetail, tz: str | None) -> list[Block]:
    blocks: list[Block] = [_section(headline(t, detail)), _context(_people(t, detail, tz))]
    blocks += [*_breakdown(t, detail), DividerBlock(), *_filing(t, detail), *_decision(t, detail)]
    buttons = _buttons(t, detail)
    actions: list[Block] = [ActionsBlock(block_id="appeal_actions", elements=buttons)] if buttons else []
    trail = _trail(t, detail, tz)
    room = MAX_BLOCKS - len(blocks) - len(actions) - 1
    if trail:
        blocks += [DividerBlock(), *trail[-room:]] if room > 0 else []
    return [*blocks, *actions]


def detail_modal(t: Translator, detail: AppealDetail, tz: str | None) -> View:
    return View(
        type="modal",
        callback_id=AppealCallback.VIEW,
        title=truncate(t("Appeal"), 24),
        close=truncate(t("Close"), 24),
        blocks=detail_blocks(t, detail, tz),
    )
