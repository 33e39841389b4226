"""Block Kit for the scheduler's goal reminders: due soon, time to check in, a proposal waiting.

Pure functions of the goal and the reader's translator. Their buttons are the goal buttons that
already exist (Check in, View, Approve, Request changes: same action ids and values, so the goal
listeners answer them) and the reminder's own "Snooze 1 day" (no mute: these are deadlines).
"""

from __future__ import annotations

from datetime import date

from slack_sdk.models.blocks import ActionsBlock, Block, MarkdownTextObject, SectionBlock

from handlers.goals.format import goal_button, goal_summary, metric_text, note, progress_bar
from handlers.goals.ids import GoalAction, GoalBlock
from handlers.kit import words
from handlers.kit.blocks import truncate
from handlers.kit.message import SlackMessage
from handlers.reminders import reminder_controls
from models.goals.entities import Goal
from models.i18n import N_, Translator
from models.people import Person

TITLE_MAX = 200


def _title(t: Translator, goal: Goal) -> str:
    return words.title(t, goal.title, limit=TITLE_MAX)


def _goal_actions(t: Translator, goal: Goal) -> ActionsBlock:
    return ActionsBlock(
        block_id="goal_reminder_actions",
        elements=[
            goal_button(t, N_("Check in"), GoalAction.CHECK_IN, goal.id, primary=True),
            goal_button(t, N_("View"), GoalAction.VIEW, goal.id),
        ],
    )


def _message(headline: str, blocks: list[Block]) -> SlackMessage:
    return SlackMessage(text=truncate(headline, 2000), blocks=blocks)


def due_reminder(t: Translator, *, message_id: int, goal: Goal, days_left: int, due: str) -> SlackMessage:
    """To the owner: the goal is due in `days_left` days (on `due`, a date in the reader's language)."""
    # Arguments are plain names: Babel's extractor misreads a call with a nested call of two arguments.
    title = _title(t, goal)
    if days_left <= 0:
        headline = t(":alarm_clock: Your goal {title} is due today ({date}).", title=title, date=due)
    elif days_left == 1:
        headline = t(":alarm_clock: Your goal {title} is due tomorrow ({date}).", title=title, date=due)
    else:
        headline = t.plural(
            ":calendar: Your goal {title} is due in {n} day ({date}).",
            ":calendar: Your goal {title} is due in {n} days ({date}).",
            days_left,
            title=title,
            date=due,
        )
    blocks: list[Block] = [
        SectionBlock(block_id="goal_reminder", text=MarkdownTextObject(text=headline)),
        note(f"{metric_text(t, goal)}\n`{progress_bar(goal.progress)}`"),
        _goal_actions(t, goal),
        reminder_controls(t, message_id, mutable=False),
    ]
    return _message(headline, blocks)


def checkin_prompt(
    t: Translator, *, message_id: int, goal: Goal, days: int, last_checkin: str | None
) -> SlackMessage:
    """To the owner: nobody checked in on the goal for `days` days (`last_checkin` in the reader's zone)."""
    title = _title(t, goal)
    headline = t.plural(
        ":memo: Time for a check-in on {title}: no update in the last {n} day.",
        ":memo: Time for a check-in on {title}: no update in the last {n} days.",
        days,
        title=title,
    )
    since = t("Last check-in: {when}", when=last_checkin) if last_checkin else t("No check-ins yet.")
    blocks: list[Block] = [
        SectionBlock(block_id="goal_reminder", text=MarkdownTextObject(text=headline)),
        note(f"{since}\n{metric_text(t, goal)}\n`{progress_bar(goal.progress)}`"),
        _goal_actions(t, goal),
        reminder_controls(t, message_id, mutable=False),
    ]
    return _message(headline, blocks)


def approval_reminder(
    t: Translator,
    *,
    message_id: int,
    goal: Goal,
    owner: Person | None,
    waited_days: int,
    proposed: str,
    today: date,
) -> SlackMessage:
    """To the approver: the proposal has waited `waited_days` days (since `proposed`, reader's zone)."""
    who = owner.mention if owner is not None else t("Someone")
    headline = t.plural(
        ":hourglass_flowing_sand: {owner}'s goal has waited {n} day for your approval (proposed {when}):",
        ":hourglass_flowing_sand: {owner}'s goal has waited {n} days for your approval (proposed {when}):",
        waited_days,
        owner=who,
        when=proposed,
    )
    blocks: list[Block] = [
        SectionBlock(block_id="goal_reminder", text=MarkdownTextObject(text=headline)),
        SectionBlock(
            block_id="goal_reminder_summary",
            text=MarkdownTextObject(text=goal_summary(t, goal, owner, today)),
        ),
        ActionsBlock(
            block_id=GoalBlock.DECISION,
            elements=[
                goal_button(t, N_("Approve"), GoalAction.APPROVE, goal.id, primary=True),
                goal_button(t, N_("Request changes"), GoalAction.REQUEST_CHANGES, goal.id),
                goal_button(t, N_("View"), GoalAction.VIEW, goal.id),
            ],
        ),
        reminder_controls(t, message_id, mutable=False),
    ]
    return _message(headline, blocks)
