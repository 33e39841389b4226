"""The goal sections of the App Home: pure functions of the goal data and the reader's translator."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from handlers.goals.format import day_text, goal_buttons, goal_row, note, summary_row
from handlers.goals.ids import GoalAction
from handlers.goals.list_views import new_goal_button, reasons_text, row_with_view
from handlers.kit.blocks import truncate
from models.goals.queries import AttentionItem, MyGoals
from models.i18n import Translator

HOME_GOALS = 10  # two blocks each
HOME_ATTENTION = 15  # one block each


@dataclass(frozen=True)
class HomeGoals:
    mine: MyGoals
    attention: list[AttentionItem]
    is_manager: bool
    today: date  # in the reader's time zone


def _more(t: Translator, hidden: int, where: str) -> list[Block]:
    if hidden <= 0:
        return []
    return [note(t("…and {n} more: type `{command}`.", n=hidden, command=where))]


def goal_home_blocks(t: Translator, goals: HomeGoals) -> list[Block]:
    """ "Your goals" with progress bars, status and next due date; "Needs your attention" for managers."""
    mine, today = goals.mine, goals.today
    blocks: list[Block] = [
        HeaderBlock(text=truncate(t("Your goals"), 150)),
        ActionsBlock(
            elements=[
                new_goal_button(t),
                ButtonElement(text=t("Check in"), action_id=GoalAction.CHECK_IN, value="any"),
            ]
        ),
    ]
    if not mine.goals:
        blocks.append(note(t("No goals yet. Set one with *New goal*; your manager then approves it.")))
    if mine.next_due is not None:
        blocks.append(note(t("Next due date: {date}", date=day_text(t, mine.next_due))))
    blocks += [note(f":warning: {warning.render(t)}") for warning in mine.warnings[:1]]
    for summary in mine.goals[:HOME_GOALS]:
        text = summary_row(t, summary, today)
        blocks += [
            SectionBlock(text=MarkdownTextObject(text=text)),
            goal_buttons(t, summary.goal, may_check_in=True),
        ]
    blocks += _more(t, len(mine.goals) - HOME_GOALS, "/goal list")
    if not goals.is_manager and not goals.attention:
        return blocks
    blocks += [DividerBlock(), HeaderBlock(text=truncate(t("Your team: needs attention"), 150))]
    if not goals.attention:
        blocks.append(
            note(t("Nothing needs your attention: no proposals waiting, nothing at risk or overdue."))
        )
    for item in goals.attention[:HOME_ATTENTION]:
        reasons = reasons_text(t, item.reasons)
        text = goal_row(t, item.goal, item.goal.progress, today, owner=item.owner, extra=reasons)
        blocks.append(row_with_view(t, text, item.goal.id))
    blocks += _more(t, len(goals.attention) - HOME_ATTENTION, "/goal team")
    return blocks
