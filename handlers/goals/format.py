"""How goals read in Slack: progress bars, labels, dates in the reader's zone, and the rows lists share.

Pure functions of a goal and the reader's translator; every view of goals builds on these.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from babel.dates import format_date
from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement, ContextBlock, MarkdownTextObject

from handlers.goals.ids import GoalAction
from handlers.kit import words
from handlers.kit.blocks import truncate
from handlers.kit.text import quote_user_text, show_user_text
from models.goals.entities import (
    Goal,
    GoalHealth,
    GoalKind,
    GoalLevel,
    GoalStatus,
    GoalVisibility,
    MetricDirection,
)
from models.goals.progress import display_progress
from models.goals.queries import GoalSummary
from models.goals.validation import number_text
from models.i18n import N_, Translator
from models.people import Person
from models.zones import zone

BAR_CELLS = 10
SECTION_MAX = 3000

LEVEL_LABELS = {
    GoalLevel.COMPANY: N_("Company"),
    GoalLevel.TEAM: N_("Team"),
    GoalLevel.INDIVIDUAL: N_("Individual"),
}
LEVEL_ICONS = {
    GoalLevel.COMPANY: ":office:",
    GoalLevel.TEAM: ":busts_in_silhouette:",
    GoalLevel.INDIVIDUAL: ":bust_in_silhouette:",
}
STATUS_LABELS = {
    GoalStatus.DRAFT: N_("Draft"),
    GoalStatus.PROPOSED: N_("Waiting for approval"),
    GoalStatus.ACTIVE: N_("Active"),
    GoalStatus.COMPLETED: N_("Completed"),
    GoalStatus.CANCELLED: N_("Cancelled"),
}
HEALTH_LABELS = {
    GoalHealth.ON_TRACK: N_("On track"),
    GoalHealth.AT_RISK: N_("At risk"),
    GoalHealth.OFF_TRACK: N_("Off track"),
}
HEALTH_ICONS = {
    GoalHealth.ON_TRACK: ":large_green_circle:",
    GoalHealth.AT_RISK: ":large_yellow_circle:",
    GoalHealth.OFF_TRACK: ":red_circle:",
}
VISIBILITY_SHORT = {GoalVisibility.PUBLIC: N_("Public"), GoalVisibility.PRIVATE: N_("Private")}
DIRECTION_LABELS = {MetricDirection.INCREASE: N_("Increase"), MetricDirection.DECREASE: N_("Decrease")}
VISIBILITY_LABELS = {
    GoalVisibility.PUBLIC: N_("Public: anyone in the company"),
    GoalVisibility.PRIVATE: N_("Private: the owner, their manager and HR"),
}


def escape(text: str, limit: int | None = None) -> str:
    """Goal text (typed in a modal) inside mrkdwn, cut to `limit`: see `handlers.kit.text`."""
    return show_user_text(text, escaped=False, limit=limit)


def progress_bar(value: float) -> str:
    """`▓▓▓▓░░░░░░ 40%`: the displayed (0–100) progress, rounded down so 99.6 never reads as done."""
    shown = int(display_progress(value))
    filled = shown * BAR_CELLS // 100
    return f"{'▓' * filled}{'░' * (BAR_CELLS - filled)} {words.percent(shown)}"


def local_today(now: datetime, tz: str | None) -> date:
    """Today's date where the reader is."""
    return now.astimezone(zone(tz)).date()


def day_text(t: Translator, day: date) -> str:
    """A calendar date in the reader's language ("Jun 30, 2025", "2025年6月30日")."""
    return str(format_date(day, format="medium", locale=t.locale))


def level_label(t: Translator, level: GoalLevel) -> str:
    return t(LEVEL_LABELS[level])


def metric_text(t: Translator, goal: Goal) -> str:
    if goal.kind is GoalKind.MILESTONE:
        return t("Milestone: done") if goal.done else t("Milestone: not done yet")
    unit = words.unit_suffix(goal.unit)
    current = goal.baseline if goal.current is None else goal.current
    return t(
        "{current}{unit} now; target {target}{unit} (from {baseline}{unit})",
        current=number_text(current or 0.0),
        target=number_text(goal.target or 0.0),
        baseline=number_text(goal.baseline or 0.0),
        unit=unit,
    )


def state_text(t: Translator, goal: Goal, today: date) -> str:
    """Status, health and due date: "Active · 🟡 At risk · due Jun 30, 2025"."""
    parts = [t(STATUS_LABELS[goal.status])]
    if goal.status is GoalStatus.ACTIVE and goal.health is not None:
        parts.append(f"{HEALTH_ICONS[goal.health]} {t(HEALTH_LABELS[goal.health])}")
    if goal.status in (GoalStatus.COMPLETED, GoalStatus.CANCELLED):
        return " · ".join(parts)
    due = day_text(t, goal.due_date)
    if goal.due_date < today and goal.status is GoalStatus.ACTIVE:
        parts.append(t(":warning: overdue since {date}", date=due))
    else:
        parts.append(t("due {date}", date=due))
    return " · ".join(parts)


def goal_row(
    t: Translator,
    goal: Goal,
    progress: float,
    today: date,
    *,
    owner: Person | None = None,
    indent: int = 0,
    extra: str = "",
) -> str:
    """One goal in a list: icon, title, owner, progress bar, state."""
    prefix = "\u2003" * indent + ("↳ " if indent else "")
    pad = "\u2003" * (indent + 1 if indent else 0)  # later lines line up under the title
    who = f" · {owner.mention}" if owner is not None and goal.level is not GoalLevel.COMPANY else ""
    title = escape(goal.title, 200)
    line = f"{prefix}{LEVEL_ICONS[goal.level]} *{title}*{who}"
    detail = f"{pad}`{progress_bar(progress)}`  {state_text(t, goal, today)}"
    text = f"{line}\n{detail}"
    if extra:
        text += f"\n{pad}{extra}"
    return truncate(text, SECTION_MAX)


def summary_row(
    t: Translator, summary: GoalSummary, today: date, *, owner: Person | None = None, indent: int = 0
) -> str:
    """`goal_row` for a listed goal, saying when the progress leaves out goals the reader may not see."""
    extra = ""
    if summary.hidden_children:
        extra = t.plural(
            "_{n} aligned goal you cannot see is not counted in this progress._",
            "_{n} aligned goals you cannot see are not counted in this progress._",
            summary.hidden_children,
        )
    return goal_row(t, summary.goal, summary.progress, today, owner=owner, indent=indent, extra=extra)


def goal_summary(t: Translator, goal: Goal, owner: Person | None, today: date) -> str:
    """The whole goal in one section, for DMs and the details modal."""
    lines = [f"{LEVEL_ICONS[goal.level]} *{escape(goal.title, 200)}*"]
    if goal.description:
        lines.append(escape(goal.description, 1200))
    facts = [level_label(t, goal.level)]
    if owner is not None and goal.level is not GoalLevel.COMPANY:
        facts.append(t("owner {name}", name=owner.mention))
    if goal.department and goal.level is GoalLevel.TEAM:
        facts.append(escape(goal.department))
    lines.append(" · ".join(facts))
    lines.append(metric_text(t, goal))
    lines.append(
        t(
            "Weight {weight} · {start} to {due} · {visibility}",
            weight=number_text(goal.weight),
            start=day_text(t, goal.start_date),
            due=day_text(t, goal.due_date),
            visibility=t(VISIBILITY_SHORT[goal.visibility]),
        )
    )
    lines.append(f"`{progress_bar(goal.progress)}`  {state_text(t, goal, today)}")
    return truncate("\n".join(lines), SECTION_MAX)


def goal_button(
    t: Translator,
    label: str,
    action: GoalAction,
    goal_id: int,
    *,
    primary: bool = False,
    danger: bool = False,
) -> ButtonElement:
    return ButtonElement(
        text=truncate(t(label), 75),
        action_id=action,
        value=str(goal_id),
        style="primary" if primary else "danger" if danger else None,
    )


def edit_button(t: Translator, goal_id: int) -> ButtonElement:
    return goal_button(t, N_("Edit"), GoalAction.EDIT, goal_id)


def cancel_button(t: Translator, goal_id: int) -> ButtonElement:
    return goal_button(t, N_("Cancel goal"), GoalAction.CANCEL, goal_id, danger=True)


def goal_buttons(
    t: Translator, goal: Goal, *, may_check_in: bool, may_edit: bool = False, may_cancel: bool = False
) -> ActionsBlock:
    """Check in (active goals the reader may update), Revise (drafts), Edit (agreed goals the reader
    may change), View, and Cancel goal (open goals the reader may cancel)."""
    elements = []
    if may_check_in and goal.status is GoalStatus.ACTIVE:
        elements.append(goal_button(t, N_("Check in"), GoalAction.CHECK_IN, goal.id, primary=True))
    if goal.status is GoalStatus.DRAFT:
        elements.append(goal_button(t, N_("Revise"), GoalAction.REVISE, goal.id, primary=True))
    if may_edit and goal.status is GoalStatus.ACTIVE:
        elements.append(edit_button(t, goal.id))
    elements.append(goal_button(t, N_("View"), GoalAction.VIEW, goal.id))
    if may_cancel and goal.status not in (GoalStatus.COMPLETED, GoalStatus.CANCELLED):
        elements.append(cancel_button(t, goal.id))
    return ActionsBlock(elements=elements)


def note(text: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=truncate(text, SECTION_MAX))])


def quote(text: str, limit: int = 1500) -> str:
    return quote_user_text(text, escaped=False, limit=limit)


T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of items and where it stands among the pages."""

    items: Sequence[T]
    number: int  # 0-based
    count: int  # pages in all (at least 1)

    @property
    def has_more(self) -> bool:
        return self.number + 1 < self.count


def page_of(items: Sequence[T], number: int, per_page: int) -> Page[T]:
    """Page `number` (clamped to the pages there are) of `per_page` items each."""
    count = max(1, -(-len(items) // per_page))
    number = min(max(number, 0), count - 1)
    return Page(items[number * per_page : (number + 1) * per_page], number, count)


def page_footer(t: Translator, page: Page[Any], listing: str) -> list[Block]:
    """ "Page 1 of 3" and, when there is more, a "More" button carrying the next page in its value."""
    if page.count <= 1:
        return []
    blocks: list[Block] = [note(t("Page {page} of {count}", page=page.number + 1, count=page.count))]
    if page.has_more:
        blocks.append(
            ActionsBlock(
                elements=[
                    ButtonElement(
                        text=t("More"), action_id=GoalAction.MORE, value=f"{listing}:{page.number + 1}"
                    )
                ]
            )
        )
    return blocks
