"""Block Kit for praise: the modal, the channel post, the recipient's DM and the giver's confirmation."""

from __future__ import annotations

from collections.abc import Sequence

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    ConversationFilter,
    ConversationSelectElement,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    SectionBlock,
    StaticMultiSelectElement,
    UserMultiSelectElement,
)
from slack_sdk.models.views import View

from handlers.kit import words
from handlers.kit.blocks import MAX_OPTIONS, truncate
from handlers.kit.message import SlackMessage
from handlers.kit.metadata import ViewState, short
from handlers.kit.text import quote_user_text, show_user_text
from handlers.praise.ids import Action, Callback
from handlers.praise.ids import Block as BlockId
from models.i18n import Translator
from models.people import Person
from models.praise.entities import Praise
from models.praise.service import MAX_MESSAGE, MAX_RECIPIENTS


class PraiseModalState(ViewState):
    """What the modal carries between opening and submission (in private_metadata)."""

    channel_id: str | None = short(None, "c")
    quote: str | None = short(None, "q")


def praise_modal(
    t: Translator,
    *,
    values: Sequence[str],
    initial_users: Sequence[str] = (),
    state: PraiseModalState | None = None,
    ask_channel: bool = False,
) -> View:
    blocks: list[Block] = []
    state = state or PraiseModalState()
    if state.quote:
        blocks.append(
            ContextBlock(
                elements=[MarkdownTextObject(text=quote_user_text(state.quote, escaped=True, limit=1500))]
            )
        )
    blocks.append(
        InputBlock(
            block_id=BlockId.RECIPIENTS,
            label=t("Who do you want to praise?"),
            element=UserMultiSelectElement(
                action_id=Action.RECIPIENTS,
                placeholder=t("Pick up to {limit} people", limit=MAX_RECIPIENTS),
                initial_users=list(initial_users)[:MAX_RECIPIENTS] or None,
                max_selected_items=MAX_RECIPIENTS,
            ),
        )
    )
    blocks.append(
        InputBlock(
            block_id=BlockId.MESSAGE,
            label=t("What did they do?"),
            element=PlainTextInputElement(
                action_id=Action.MESSAGE,
                multiline=True,
                max_length=MAX_MESSAGE,
                placeholder=t("Be specific: what happened and why it mattered"),
            ),
        )
    )
    if values:
        blocks.append(
            InputBlock(
                block_id=BlockId.VALUES,
                label=t("Company values"),
                optional=True,
                element=StaticMultiSelectElement(
                    action_id=Action.VALUES,
                    placeholder=t("Which of our values did this show?"),
                    options=[
                        Option(text=truncate(f"#{value}", 75), value=value[:150])
                        for value in values[:MAX_OPTIONS]
                    ],
                ),
            )
        )
    if ask_channel:
        blocks.append(
            InputBlock(
                block_id=BlockId.CHANNEL,
                label=t("Post in channel"),
                hint=t("HR has not set a recognition channel yet, so choose where to post."),
                element=ConversationSelectElement(
                    action_id=Action.CHANNEL,
                    placeholder=t("Choose a channel"),
                    filter=ConversationFilter(include=["public", "private"], exclude_bot_users=True),
                ),
            )
        )
    return View(
        type="modal",
        callback_id=Callback.PRAISE_MODAL,
        title=truncate(t("Give praise"), 24),
        submit=truncate(t("Post praise"), 24),
        close=truncate(t("Cancel"), 24),
        private_metadata=state.dump(),
        blocks=blocks,
    )


def show_praise(message: str, limit: int) -> str:
    """A praise's words as mrkdwn: stored as Slack writes text (escaped, mentions as markup)."""
    return show_user_text(message, escaped=True, limit=limit)


def _names(t: Translator, people: Sequence[Person]) -> str:
    return words.listed(t, (person.mention for person in people))


def _values_line(t: Translator, praise: Praise) -> str:
    return t("Values: {values}", values=words.tags(t, praise.values, code=True))


def praise_post(t: Translator, praise: Praise) -> SlackMessage:
    """The public post in the recognition channel; written in the workspace's language."""
    headline = t(
        ":tada: {giver} praised {recipients}",
        giver=praise.giver.mention,
        recipients=_names(t, praise.recipients),
    )
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(text=headline)),
        SectionBlock(text=MarkdownTextObject(text=show_praise(praise.message, 3000))),
    ]
    if praise.quote:
        quoted = quote_user_text(praise.quote, escaped=True, limit=500)
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=quoted)]))
    if praise.values:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=_values_line(t, praise))]))
    return SlackMessage(text=f"{headline}\n{show_praise(praise.message, 2000)}", blocks=blocks)


def praise_dm(t: Translator, praise: Praise, permalink: str | None) -> SlackMessage:
    """The recipient's DM, in their own language."""
    headline = t(":tada: {giver} praised you", giver=praise.giver.mention)
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(text=headline)),
        SectionBlock(text=MarkdownTextObject(text=quote_user_text(praise.message, escaped=True, limit=2900))),
    ]
    if praise.values:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=_values_line(t, praise))]))
    if permalink:
        blocks.append(
            ActionsBlock(
                elements=[ButtonElement(text=t("See the post"), url=permalink, action_id=Action.VIEW_POST)]
            )
        )
    return SlackMessage(text=f"{headline}\n{show_praise(praise.message, 2000)}", blocks=blocks)


def confirmation_text(
    t: Translator, praise: Praise, *, channel_id: str | None, permalink: str | None, failures: Sequence[str]
) -> str:
    recipients = _names(t, praise.recipients)
    if permalink:
        lines = [
            t(
                "Your praise for {recipients} is posted: <{link}|see it>.",
                recipients=recipients,
                link=permalink,
            )
        ]
    else:
        lines = [t("Your praise for {recipients} is saved.", recipients=recipients)]
    if failures:
        lines.append(t("Some of it did not get through:"))
        lines.extend(f"• {failure}" for failure in failures)
    return "\n".join(lines)


def praise_usage(t: Translator) -> str:
    return t(
        "*Give praise*\n"
        "`/praise @alice @bob thanks for carrying the migration #ownership`\n"
        "• name up to {limit} people with @mentions, then say what they did (up to {length} characters)\n"
        "• add company values as #tags; a tag ends at a space or punctuation\n"
        "• `/praise` on its own opens a form; `/praise help` shows this",
        limit=MAX_RECIPIENTS,
        length=MAX_MESSAGE,
    )


def unknown_tags_note(t: Translator, unknown: Sequence[str], values: Sequence[str]) -> str:
    """For the giver: which #tags were none of the company values (the praise went out without them)."""
    if not unknown:
        return ""
    tags, listed = words.tags(t, unknown), words.tags(t, values)  # plain names: see goals.reminder_views
    return t.plural(
        "{tags} is not one of the company values, so it stays plain text. The values are: {values}.",
        "{tags} are not company values, so they stay plain text. The values are: {values}.",
        len(unknown),
        tags=tags,
        values=listed,
    )
