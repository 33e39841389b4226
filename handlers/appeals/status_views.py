"""Where appeals stand: `/appeal status` for the appellant, HR's queue (App Home and `/perf appeals`,
oldest first, working days left, overdue as a red flag) with the per-cycle figures."""

from __future__ import annotations

from collections.abc import Sequence

from babel.dates import format_date
from babel.numbers import format_decimal
from slack_sdk.models.blocks import (
    Block,
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from handlers.appeals.ids import AppealButton
from handlers.kit import words
from handlers.kit.blocks import truncate
from handlers.kit.message import MAX_MESSAGE_BLOCKS, SlackMessage
from handlers.kit.text import show_user_text
from models.appeals import AppealStats, AppealSummary, QueueItem
from models.i18n import Translator

MAX_HOME_APPEALS = 10  # per section: the rest are one command away


def _shown(text: str) -> str:
    return show_user_text(text, escaped=False)


def _section(text: str, button: ButtonElement | None = None) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=truncate(text, 3000)), accessory=button)


def _view_button(t: Translator, appeal_id: int) -> ButtonElement:
    return ButtonElement(text=t("View"), action_id=AppealButton.VIEW, value=str(appeal_id))


def summary_line(t: Translator, appeal: AppealSummary) -> str:
    head = f"*{_shown(appeal.cycle_name)}* · {_shown(t(appeal.part_label))}: {t(appeal.state_label)}"
    if appeal.outcome_label is not None:
        return f"{head}\n{t(appeal.outcome_label)}"
    if appeal.expected_by is not None:
        day = format_date(appeal.expected_by, format="medium", locale=t.locale)
        expect = t("Expect an answer by {day} (your time).", day=day)
        head = f"{head}\n{expect}"
    if appeal.waiting_for_me:
        asked = t(":speech_balloon: HR asked you a question: answer it from the appeal.")
        head = f"{head}\n{asked}"
    return head


def status_message(t: Translator, appeals: Sequence[AppealSummary]) -> SlackMessage:
    if not appeals:
        text = t("You have no appeals. `/appeal` files one on a released result.")
        return SlackMessage(text=text, blocks=[_section(text)])
    title = t("Your appeals")
    blocks: list[Block] = [HeaderBlock(text=truncate(title, 150))]
    shown = appeals[: MAX_MESSAGE_BLOCKS - 2]
    blocks += [_section(summary_line(t, appeal), _view_button(t, appeal.id)) for appeal in shown]
    if len(appeals) > len(shown):
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=t("Older appeals are not shown."))]))
    return SlackMessage(text=title, blocks=blocks)


def days_left_text(t: Translator, item: QueueItem) -> str:
    if item.working_days_left < 0:
        late = -item.working_days_left
        return t.plural(
            ":red_circle: *Overdue by {n} working day*",
            ":red_circle: *Overdue by {n} working days*",
            late,
        )
    if item.working_days_left == 0:
        return t(":warning: Due today")
    return t.plural("{n} working day left", "{n} working days left", item.working_days_left)


def queue_line(t: Translator, item: QueueItem) -> str:
    assignee = _shown(item.assignee_name) if item.assignee_name else t("nobody yet")
    due = format_date(item.decision_due, format="medium", locale=t.locale)
    return t(
        "*{cycle}* · {part} · {appellant}: {state}\n{left} (due {due}) · assigned to {assignee}",
        cycle=_shown(item.cycle_name),
        part=_shown(t(item.part_label)),
        appellant=_shown(item.appellant_name),
        state=t(item.state_label),
        left=days_left_text(t, item),
        due=due,
        assignee=assignee,
    )


def stats_line(t: Translator, stats: AppealStats, cycle_name: str) -> str:
    share = words.percent(float(stats.share_adjusted) * 100) if stats.share_adjusted is not None else "–"
    median = (
        format_decimal(stats.median_working_days, format="0.#", locale=t.locale)
        if stats.median_working_days is not None
        else "–"
    )
    return t.plural(
        "*{cycle}*: {n} appeal, {decided} decided; {share} adjusted; median {median} working days to decide",
        "*{cycle}*: {n} appeals, {decided} decided; {share} adjusted; median {median} working days to decide",
        stats.count,
        cycle=_shown(cycle_name),
        decided=stats.decided,
        share=share,
        median=median,
    )


def queue_message(
    t: Translator, queue: Sequence[QueueItem], stats: AppealStats | None, cycle_name: str = ""
) -> SlackMessage:
    title = t("Appeals queue")
    blocks: list[Block] = [HeaderBlock(text=truncate(title, 150))]
    if stats is not None:
        blocks.append(_section(stats_line(t, stats, cycle_name)))
    if not queue:
        blocks.append(_section(t("No open appeals.")))
    room = MAX_MESSAGE_BLOCKS - len(blocks) - 1
    blocks += [_section(queue_line(t, item), _view_button(t, item.id)) for item in queue[:room]]
    if len(queue) > room:
        more = t("{n} more open appeals: the oldest are shown first.", n=len(queue) - room)
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=more)]))
    return SlackMessage(text=title, blocks=blocks)


def appeals_home_blocks(
    t: Translator, mine: Sequence[AppealSummary], queue: Sequence[QueueItem] | None
) -> list[Block]:
    """App Home: HR's queue (None for anyone else) and the person's own appeals; nothing if neither."""
    blocks: list[Block] = []
    if queue is not None and queue:
        overdue = sum(1 for item in queue if item.working_days_left < 0)
        head = t("Appeals to handle (HR)")
        if overdue:
            late = t.plural("{n} overdue", "{n} overdue", overdue)
            head = f"{head} · {late}"
        blocks.append(HeaderBlock(text=truncate(head, 150)))
        blocks += [
            _section(queue_line(t, item), _view_button(t, item.id)) for item in queue[:MAX_HOME_APPEALS]
        ]
        if len(queue) > MAX_HOME_APPEALS:
            more = t("`/perf appeals` lists all {n}.", n=len(queue))
            blocks.append(ContextBlock(elements=[MarkdownTextObject(text=more)]))
    if mine:
        blocks.append(HeaderBlock(text=truncate(t("Your appeals"), 150)))
        blocks += [
            _section(summary_line(t, appeal), _view_button(t, appeal.id))
            for appeal in mine[:MAX_HOME_APPEALS]
        ]
    return blocks
