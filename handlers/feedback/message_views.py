"""The feedback conversation's messages (rendered at delivery, in the reader's language): the log sent to
the employee with "Add a comment" and "Acknowledge", what the manager is told, and a development
action's reminder with "Mark done"; and the open actions section of App Home."""

from __future__ import annotations

from collections.abc import Callable

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from handlers.feedback.format import day_text, kind_name
from handlers.feedback.home import HomeActions
from handlers.feedback.ids import FeedbackButton
from handlers.kit.blocks import quote_mrkdwn, truncate
from handlers.kit.message import SlackMessage
from handlers.kit.text import show_user_text
from models.feedback import DevelopmentAction, LogView
from models.i18n import Translator

MAX_SECTION = 3000
Mention = Callable[[int | None], str]


def _section(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=truncate(text, MAX_SECTION)))


def _quoted(title: str, text: str) -> str:
    return f"*{title}*\n" + quote_mrkdwn(show_user_text(text, escaped=False), 1500)


def action_line(t: Translator, action: DevelopmentAction, mention: Mention) -> str:
    state = t("done") if action.done_at is not None else t("due {date}", date=day_text(t, action.due_on))
    return t(
        "• {kind}: {description}. Owner: {owner}; {state}",
        kind=kind_name(t, action.kind),
        description=show_user_text(action.description, escaped=False, limit=300),
        owner=mention(action.owner_id),
        state=state,
    )


def log_blocks(t: Translator, view: LogView, mention: Mention) -> list[Block]:
    """The log as the employee, the manager or HR reads it."""
    log = view.log
    blocks: list[Block] = [
        _section(
            t(
                "*Feedback conversation* with {manager} on {date}",
                manager=mention(log.author_id),
                date=day_text(t, log.held_on),
            )
        )
    ]
    for title, text in (
        (t("Notes"), log.notes),
        (t("What was acknowledged"), log.strengths),
        (t("Where to improve"), log.improve),
    ):
        if text:
            blocks.append(_section(_quoted(title, text)))
    if view.actions:
        lines = [action_line(t, action, mention) for action in view.actions]
        blocks.append(_section(t("*Development actions*") + "\n" + "\n".join(lines)))
    for comment in view.comments[-5:]:
        blocks.append(
            _section(_quoted(t("Comment from {person}", person=mention(comment.author_id)), comment.text))
        )
    if len(view.comments) > 5:
        blocks.append(
            ContextBlock(
                elements=[
                    MarkdownTextObject(
                        text=t("Only the last 5 of {n} comments are shown.", n=len(view.comments))
                    )
                ]
            )
        )
    if log.acknowledged_at is not None:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=t("Acknowledged by the employee."))]))
    return blocks


def logged_message(t: Translator, view: LogView, mention: Mention, *, changed: bool) -> SlackMessage:
    """To the employee: the log of the conversation, to comment on and acknowledge."""
    head = (
        t("{manager} changed the log of your feedback conversation.", manager=mention(view.log.author_id))
        if changed
        else t("{manager} logged your feedback conversation.", manager=mention(view.log.author_id))
    )
    blocks: list[Block] = [_section(head), *log_blocks(t, view, mention)]
    buttons = [
        ButtonElement(text=t("Add a comment"), action_id=FeedbackButton.COMMENT, value=str(view.log.id))
    ]
    if view.log.acknowledged_at is None:
        buttons.append(
            ButtonElement(
                text=t("Acknowledge"),
                action_id=FeedbackButton.ACKNOWLEDGE,
                value=str(view.log.id),
                style="primary",
            )
        )
    blocks.append(ActionsBlock(elements=buttons))
    blocks.append(
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text=t("Acknowledging says you have seen this log; it does not say you agree with it.")
                )
            ]
        )
    )
    return SlackMessage(text=truncate(head, 3000), blocks=blocks[:50])


def commented_message(t: Translator, employee: str, text: str) -> SlackMessage:
    """To the reviewing manager: the employee commented on the log."""
    head = t("{employee} commented on the log of your feedback conversation.", employee=employee)
    return SlackMessage(
        text=truncate(head, 3000),
        blocks=[_section(head + "\n" + quote_mrkdwn(show_user_text(text, escaped=False), 2000))],
    )


def acknowledged_message(t: Translator, employee: str) -> SlackMessage:
    """To the reviewing manager: the employee acknowledged the log (which is not agreeing)."""
    text = t(
        "{employee} acknowledged the log of your feedback conversation: they have seen it (which is not "
        "the same as agreeing with it).",
        employee=employee,
    )
    return SlackMessage(text=truncate(text, 3000), blocks=[_section(text)])


def action_reminder(t: Translator, action: DevelopmentAction, employee: str, days_left: int) -> SlackMessage:
    """To the action's owner: 7 days before, 1 day before and on the due date, with "Mark done"."""
    description = show_user_text(action.description, escaped=False, limit=300)
    # Arguments are plain names: Babel's extractor misreads a call with a nested call of two arguments.
    due = day_text(t, action.due_on)
    if days_left <= 0:
        text = t("The development action “{description}” is due today.", description=description)
    elif days_left == 1:
        text = t(
            "The development action “{description}” is due tomorrow ({date}).",
            description=description,
            date=due,
        )
    else:
        text = t.plural(
            "The development action “{description}” is due in {n} day ({date}).",
            "The development action “{description}” is due in {n} days ({date}).",
            days_left,
            description=description,
            date=due,
        )
    detail = t(
        "{kind}, agreed in {employee}'s feedback conversation.",
        kind=kind_name(t, action.kind),
        employee=employee,
    )
    button = ButtonElement(
        text=t("Mark done"), action_id=FeedbackButton.MARK_DONE, value=str(action.id), style="primary"
    )
    return SlackMessage(
        text=truncate(text, 3000),
        blocks=[_section(f"{text}\n{detail}"), ActionsBlock(elements=[button])],
    )


def actions_home_blocks(t: Translator, home: HomeActions | None) -> list[Block]:
    """App Home: the one-to-ones a reviewing manager still has to log, and the open development actions I
    own or agreed as reviewing manager, with "Mark done"."""
    if home is None or not (home.actions or home.to_log):
        return []
    mention, today = home.mention, home.today
    blocks: list[Block] = []
    if home.to_log:
        blocks.append(HeaderBlock(text=truncate(t("One-to-ones to log"), 150)))
    for waiting in home.to_log:
        line = t(
            "{employee}'s result in {cycle} is released: hold the one-to-one and log it.",
            employee=mention(waiting.employee_id),
            cycle=show_user_text(waiting.cycle_name, escaped=False, limit=120),
        )
        blocks.append(
            SectionBlock(
                text=MarkdownTextObject(text=truncate(line, MAX_SECTION)),
                accessory=ButtonElement(
                    text=t("Log the conversation"),
                    action_id=FeedbackButton.OPEN_LOG,
                    value=str(waiting.participant_id),
                ),
            )
        )
    if home.actions:
        blocks.append(HeaderBlock(text=truncate(t("Development actions"), 150)))
    for item in home.actions:
        whose = (
            t("yours, from {employee}'s conversation", employee=mention(item.employee_id))
            if item.mine and item.owner_id != item.employee_id
            else t("yours")
            if item.mine
            else t(
                "{owner}'s, from {employee}'s conversation",
                owner=mention(item.owner_id),
                employee=mention(item.employee_id),
            )
        )
        late = t(" (overdue)") if item.due_on < today else ""
        line = t(
            "{kind}: {description} · due {date}{late} · {whose}",
            kind=kind_name(t, item.kind),
            description=show_user_text(item.description, escaped=False, limit=300),
            date=day_text(t, item.due_on),
            late=late,
            whose=whose,
        )
        blocks.append(
            SectionBlock(
                text=MarkdownTextObject(text=truncate(line, MAX_SECTION)),
                accessory=ButtonElement(
                    text=t("Mark done"), action_id=FeedbackButton.MARK_DONE, value=str(item.id)
                ),
            )
        )
    return blocks
