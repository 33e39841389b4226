"""The direct messages goal operations cause, and the small modals they lead to (a change request, a
comment). Pure functions of the notice and the reader's translator, rendered in the reader's language."""

from __future__ import annotations

from datetime import date

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    InputBlock,
    MarkdownTextObject,
    PlainTextInputElement,
    SectionBlock,
)
from slack_sdk.models.views import View

from handlers.goals.format import (
    HEALTH_ICONS,
    HEALTH_LABELS,
    goal_button,
    goal_summary,
    note,
    progress_bar,
    quote,
)
from handlers.goals.ids import GoalAction, GoalBlock, GoalCallback
from handlers.kit import words
from handlers.kit.blocks import truncate
from handlers.kit.message import SlackMessage
from handlers.kit.metadata import ViewState, short
from models.goals.entities import Goal, GoalHealth
from models.goals.service import GoalNotice, NoticeKind
from models.goals.validation import MAX_TEXT
from models.i18n import N_, Translator
from models.people import Person

HEADLINES = {
    NoticeKind.PROPOSAL_TO_APPROVE: N_(":inbox_tray: {actor} proposes a goal for your approval:"),
    NoticeKind.GOAL_APPROVED: N_(":white_check_mark: {actor} approved your goal {title}."),
    NoticeKind.CHANGES_REQUESTED: N_(":pencil2: {actor} asked for changes to your goal {title}:"),
    NoticeKind.GOAL_SET_FOR_YOU: N_(":dart: {actor} set a goal for you:"),
    NoticeKind.GOAL_CHANGED: N_(":pencil2: {actor} changed your goal:"),
    NoticeKind.GOAL_CANCELLED: N_(":no_entry: {actor} cancelled your goal {title}."),
    NoticeKind.COMMENT_ADDED: N_(":speech_balloon: {actor} commented on {title}:"),
    NoticeKind.GOAL_TROUBLED: N_(":warning: {actor} checked in on {title}: {health}."),
}
# Notices that show the whole goal rather than a line about it.
WITH_SUMMARY = {NoticeKind.PROPOSAL_TO_APPROVE, NoticeKind.GOAL_SET_FOR_YOU, NoticeKind.GOAL_CHANGED}


def _headline(t: Translator, notice: GoalNotice) -> str:
    health = notice.goal.health or GoalHealth.ON_TRACK
    return t(
        HEADLINES[notice.kind],
        actor=notice.actor.mention,
        title=words.title(t, notice.goal.title),
        health=f"{HEALTH_ICONS[health]} {t(HEALTH_LABELS[health])}",
    )


def _buttons(t: Translator, notice: GoalNotice) -> ActionsBlock | None:
    goal_id = notice.goal.id
    view = goal_button(t, N_("View"), GoalAction.VIEW, goal_id)
    kind = notice.kind
    if kind is NoticeKind.PROPOSAL_TO_APPROVE:
        return ActionsBlock(
            block_id=GoalBlock.DECISION,
            elements=[
                goal_button(t, N_("Approve"), GoalAction.APPROVE, goal_id, primary=True),
                goal_button(t, N_("Request changes"), GoalAction.REQUEST_CHANGES, goal_id),
                view,
            ],
        )
    if kind is NoticeKind.CHANGES_REQUESTED:
        return ActionsBlock(
            elements=[goal_button(t, N_("Revise"), GoalAction.REVISE, goal_id, primary=True), view]
        )
    if kind in (NoticeKind.GOAL_SET_FOR_YOU, NoticeKind.GOAL_CHANGED, NoticeKind.COMMENT_ADDED):
        label = N_("Reply") if kind is NoticeKind.COMMENT_ADDED else N_("Comment")
        return ActionsBlock(elements=[goal_button(t, label, GoalAction.COMMENT, goal_id), view])
    if kind is NoticeKind.GOAL_APPROVED:
        check_in = goal_button(t, N_("Check in"), GoalAction.CHECK_IN, goal_id, primary=True)
        return ActionsBlock(elements=[check_in, view])
    if kind is NoticeKind.GOAL_TROUBLED:
        return ActionsBlock(
            elements=[goal_button(t, N_("Open goal"), GoalAction.VIEW, goal_id, primary=True)]
        )
    return None


def notice_message(
    t: Translator, notice: GoalNotice, *, owner: Person | None, today: date, blockers: str = ""
) -> SlackMessage:
    """The DM for one notice, with the buttons that let the reader answer it."""
    headline = _headline(t, notice)
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=headline))]
    if notice.kind in WITH_SUMMARY:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=goal_summary(t, notice.goal, owner, today))))
    if notice.kind is NoticeKind.GOAL_TROUBLED:
        blocks.append(note(f"`{progress_bar(notice.goal.progress)}`"))
    if notice.comment:
        label = {NoticeKind.GOAL_TROUBLED: t("Note:"), NoticeKind.GOAL_CANCELLED: t("Reason:")}.get(
            notice.kind, t("Comment:")
        )
        blocks.append(SectionBlock(text=MarkdownTextObject(text=f"{label}\n{quote(notice.comment, 2800)}")))
    if blockers:
        blocks.append(
            SectionBlock(text=MarkdownTextObject(text=f"{t('Blockers:')}\n{quote(blockers, 2800)}"))
        )
    buttons = _buttons(t, notice)
    if buttons is not None:
        blocks.append(buttons)
    return SlackMessage(text=truncate(headline, 2000), blocks=blocks)


def settled_proposal(
    t: Translator, goal: Goal, owner: Person | None, today: date, outcome: str
) -> SlackMessage:
    """The approver's DM once decided: the goal as proposed, the buttons replaced by the outcome."""
    summary = goal_summary(t, goal, owner, today)
    return SlackMessage(
        text=truncate(outcome, 2000),
        blocks=[SectionBlock(text=MarkdownTextObject(text=summary)), note(outcome)],
    )


class ReplyState(ViewState):
    """private_metadata of the change-request and comment modals."""

    goal_id: int = short(0, "g")
    channel_id: str | None = short(None, "c")  # the DM whose buttons to settle, if opened from one
    message_ts: str | None = short(None, "ts")


def _comment_modal(
    t: Translator, callback: GoalCallback, title: str, submit: str, lead: str, label: str, state: ReplyState
) -> View:
    return View(
        type="modal",
        callback_id=callback,
        title=truncate(title, 24),
        submit=truncate(submit, 24),
        close=truncate(t("Cancel"), 24),
        private_metadata=state.dump(),
        blocks=[
            SectionBlock(text=MarkdownTextObject(text=truncate(lead, 3000))),
            InputBlock(
                block_id=GoalBlock.COMMENT,
                label=label,
                element=PlainTextInputElement(
                    action_id=GoalAction.COMMENT_TEXT, multiline=True, max_length=MAX_TEXT
                ),
            ),
        ],
    )


def changes_modal(t: Translator, goal: Goal, owner: Person | None, today: date, state: ReplyState) -> View:
    return _comment_modal(
        t,
        GoalCallback.CHANGES_MODAL,
        t("Request changes"),
        t("Request changes"),
        goal_summary(t, goal, owner, today),
        t("What should change?"),
        state,
    )


def comment_modal(t: Translator, goal: Goal, owner: Person | None, today: date, state: ReplyState) -> View:
    return _comment_modal(
        t,
        GoalCallback.COMMENT_MODAL,
        t("Comment on goal"),
        t("Send"),
        goal_summary(t, goal, owner, today),
        t("Your comment"),
        state,
    )


def read_comment(values: dict[str, object]) -> str:
    block = values.get(GoalBlock.COMMENT)
    field = block.get(GoalAction.COMMENT_TEXT) if isinstance(block, dict) else None
    value = field.get("value") if isinstance(field, dict) else None
    return value if isinstance(value, str) else ""
