"""`/goal list`, `/goal team` and the usage texts: ephemeral messages paged within Slack's 50 blocks."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from handlers.goals.format import (
    day_text,
    goal_button,
    goal_buttons,
    goal_row,
    note,
    page_footer,
    page_of,
    summary_row,
)
from handlers.goals.ids import GoalAction
from handlers.kit import words
from handlers.kit.blocks import truncate
from handlers.kit.message import SlackMessage
from models.goals.queries import AttentionItem, AttentionReason, GoalSummary, MyGoals
from models.i18n import N_, Translator

LIST_PAGE = 20  # two blocks a goal
TEAM_PAGE = 40  # one block a goal

REASON_LABELS = {
    AttentionReason.AWAITING_APPROVAL: N_("waiting for your approval"),
    AttentionReason.AT_RISK: N_("at risk"),
    AttentionReason.OFF_TRACK: N_("off track"),
    AttentionReason.OVERDUE: N_("overdue"),
}


def goal_usage(t: Translator) -> str:
    return "\n".join(
        [
            t("*Goals*"),
            t("`/goal`: set a goal (yours is proposed to your manager; managers can set one for a report)"),
            t("`/goal list`: your goals with progress, status and due dates"),
            t("`/goal team`: your direct reports' goals, those needing attention first"),
            t("`/goal tree`: company, team and individual goals as they align, with combined progress"),
            t("`/goal help`: this list"),
            t("`/checkin`: report progress on one of your goals"),
        ]
    )


def checkin_usage(t: Translator) -> str:
    return "\n".join(
        [
            t("*Check-ins*"),
            t(
                "`/checkin`: pick one of your active goals, give its value now (or mark a milestone done), "
                "say whether it is on track, at risk or off track, and note any blockers"
            ),
            t("`/checkin help`: this text"),
            t("Every goal in `/goal list` and on the Home tab has a *Check in* button too."),
        ]
    )


def new_goal_button(t: Translator) -> ButtonElement:
    return ButtonElement(text=t("New goal"), action_id=GoalAction.NEW_GOAL, value="new", style="primary")


def my_goals_page(
    t: Translator,
    mine: MyGoals,
    today: date,
    page: int = 0,
    *,
    editable: Collection[int] = frozenset(),
    cancellable: Collection[int] = frozenset(),
) -> SlackMessage:
    """The reader's goals; `editable` and `cancellable` are the ids of those they may edit or cancel."""
    header = t("Your goals")
    blocks: list[Block] = [HeaderBlock(text=truncate(header, 150))]
    if not mine.goals:
        blocks.append(
            SectionBlock(
                text=MarkdownTextObject(text=t("You have no goals yet. Type `/goal` to set your first one."))
            )
        )
        blocks.append(ActionsBlock(elements=[new_goal_button(t)]))
        return SlackMessage(text=header, blocks=blocks)
    if mine.next_due is not None:
        blocks.append(note(t("Next due date: {date}", date=day_text(t, mine.next_due))))
    blocks += [note(f":warning: {warning.render(t)}") for warning in mine.warnings[:1]]
    rows = [
        [
            SectionBlock(text=MarkdownTextObject(text=summary_row(t, summary, today))),
            goal_buttons(
                t,
                summary.goal,
                may_check_in=True,
                may_edit=summary.goal.id in editable,
                may_cancel=summary.goal.id in cancellable,
            ),
        ]
        for summary in mine.goals
    ]
    shown = page_of(rows, page, LIST_PAGE)
    for row in shown.items:
        blocks += row
    blocks += page_footer(t, shown, "list")
    return SlackMessage(text=header, blocks=blocks)


def reasons_text(t: Translator, reasons: Sequence[AttentionReason]) -> str:
    return t("Needs attention: {reasons}", reasons=words.listed(t, (t(REASON_LABELS[r]) for r in reasons)))


def team_page(
    t: Translator,
    attention: Sequence[AttentionItem],
    others: Sequence[GoalSummary],
    today: date,
    page: int = 0,
) -> SlackMessage:
    """The reports' goals: those needing attention first, then the rest of their agreed goals."""
    header = t("Your team's goals")
    blocks: list[Block] = [HeaderBlock(text=truncate(header, 150))]
    if not attention and not others:
        blocks.append(
            SectionBlock(text=MarkdownTextObject(text=t("Your direct reports have no goals to show yet.")))
        )
        return SlackMessage(text=header, blocks=blocks)
    rows: list[list[Block]] = []
    for item in attention:
        text = goal_row(
            t, item.goal, item.goal.progress, today, owner=item.owner, extra=reasons_text(t, item.reasons)
        )
        rows.append([row_with_view(t, text, item.goal.id)])
    for summary in others:
        text = summary_row(t, summary, today, owner=summary.owner)
        rows.append([row_with_view(t, text, summary.goal.id)])
    if attention and page == 0:
        count = len(attention)
        blocks.append(
            note(t.plural("{n} goal needs your attention.", "{n} goals need your attention.", count))
        )
    shown = page_of(rows, page, TEAM_PAGE)
    for row in shown.items:
        blocks += row
    blocks += page_footer(t, shown, "team")
    return SlackMessage(text=header, blocks=blocks)


def row_with_view(t: Translator, text: str, goal_id: int) -> SectionBlock:
    return SectionBlock(
        text=MarkdownTextObject(text=text), accessory=goal_button(t, N_("View"), GoalAction.VIEW, goal_id)
    )
