"""Block Kit for `/perf`: help text and the settings modals."""

from __future__ import annotations

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    ConversationFilter,
    ConversationSelectElement,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from handlers.ids import Action, Callback
from handlers.ids import Block as BlockId
from handlers.praise_views import truncate
from models.i18n import SUPPORTED_LOCALES, Translator
from models.people import Person
from models.workspace import Workspace

LANGUAGE_NAMES = {"en": "English", "zh_CN": "简体中文"}


def perf_help(t: Translator) -> str:
    return "\n".join(
        [
            t("*perfbot commands*"),
            t("`/praise @someone what they did #value`: praise people; `/praise` alone opens a form"),
            t("`/praise help`: how to write praise"),
            t("`/goal`: set a goal; `/goal list`, `/goal team`, `/goal tree`: see goals; `/goal help`: more"),
            t("`/checkin`: report progress on a goal (value, on track / at risk / off track, blockers)"),
            t("`/perf help`: this list"),
            t("`/perf settings`: your preferences; HR admins also change the workspace settings there"),
            t("`/perf admin grant @someone`: make someone an HR admin (HR admins and Slack admins only)"),
            t("Shortcuts: *Give praise* (from the + menu) and *Praise this message* (on any message)."),
            t("The *Home* tab shows the praise you received and gave."),
            t("The *Home* tab also shows your goals and, for managers, the team's goals needing attention."),
        ]
    )


def settings_modal(t: Translator, workspace: Workspace) -> View:
    options = [Option(text=LANGUAGE_NAMES[code], value=code) for code in SUPPORTED_LOCALES]
    initial = next((o for o in options if o.value == workspace.default_locale), options[0])
    channel = ConversationSelectElement(
        action_id=Action.SETTINGS_CHANNEL,
        placeholder=t("Choose a channel"),
        filter=ConversationFilter(include=["public", "private"], exclude_bot_users=True),
        initial_conversation=workspace.recognition_channel_id,
    )
    blocks: list[Block] = [
        InputBlock(
            block_id=BlockId.VALUES,
            label=t("Company values"),
            hint=t("Separate values with commas; people tag praise with them, e.g. #ownership."),
            element=PlainTextInputElement(
                action_id=Action.SETTINGS_VALUES,
                initial_value=", ".join(workspace.company_values),
                max_length=1000,
            ),
        ),
        InputBlock(
            block_id=BlockId.CHANNEL,
            label=t("Recognition channel"),
            hint=t("Praise is posted here. Without one, it goes to the channel it was given in."),
            optional=True,
            element=channel,
        ),
        InputBlock(
            block_id=BlockId.LOCALE,
            label=t("Default language"),
            hint=t("For people whose Slack language perfbot does not speak, and for channel posts."),
            element=StaticSelectElement(
                action_id=Action.SETTINGS_LOCALE, options=options, initial_option=initial
            ),
        ),
    ]
    return View(
        type="modal",
        callback_id=Callback.SETTINGS_MODAL,
        title=truncate(t("Workspace settings"), 24),
        submit=truncate(t("Save"), 24),
        close=truncate(t("Cancel"), 24),
        blocks=blocks,
    )


def preferences_modal(t: Translator, person: Person, workspace: Workspace) -> View:
    """What a person who is not an HR admin sees under `/perf settings`."""
    language = LANGUAGE_NAMES.get(t.locale, t.locale)
    blocks: list[Block] = [
        SectionBlock(
            text=MarkdownTextObject(
                text="\n".join(
                    [
                        t("*Your preferences*"),
                        t("Language: {language} (from your Slack settings)", language=language),
                        t("Time zone: {tz} (from your Slack profile)", tz=person.tz),
                    ]
                )
            )
        ),
        ContextBlock(
            elements=[MarkdownTextObject(text=t("Only HR admins can change the workspace settings."))]
        ),
    ]
    return View(
        type="modal", title=truncate(t("Your settings"), 24), close=truncate(t("Close"), 24), blocks=blocks
    )
