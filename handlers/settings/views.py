"""The `/perf settings` modal: everyone's own preferences, and for HR admins the workspace's settings."""

from __future__ import annotations

from slack_sdk.models.blocks import (
    Block,
    CheckboxesElement,
    ContextBlock,
    ConversationFilter,
    ConversationSelectElement,
    DividerBlock,
    HeaderBlock,
    InputBlock,
    MarkdownTextObject,
    NumberInputElement,
    Option,
    PlainTextInputElement,
    SectionBlock,
    StaticSelectElement,
    TimePickerElement,
)
from slack_sdk.models.views import View

from handlers.kit import words
from handlers.kit.blocks import truncate
from handlers.settings.ids import INPUT, SETTINGS_MODAL, SettingsField
from models.goals import GoalSettings
from models.i18n import N_, SUPPORTED_LOCALES, Translator
from models.people import Person
from models.workspace import Workspace

LANGUAGE_NAMES = {"en": "English", "zh_CN": "简体中文"}
WEEKDAYS = [
    N_("Monday"),
    N_("Tuesday"),
    N_("Wednesday"),
    N_("Thursday"),
    N_("Friday"),
    N_("Saturday"),
    N_("Sunday"),
]
MUTE = "mute"


def preference_blocks(t: Translator, person: Person) -> list[Block]:
    language = LANGUAGE_NAMES.get(t.locale, t.locale)
    mute = Option(text=t("Mute positive-feedback nudges about my reports"), value=MUTE)
    return [
        HeaderBlock(text=truncate(t("Your preferences"), 150)),
        SectionBlock(
            text=MarkdownTextObject(
                text="\n".join(
                    [
                        t("Language: {language} (from your Slack settings)", language=language),
                        t("Time zone: {tz} (from your Slack profile)", tz=person.tz),
                    ]
                )
            )
        ),
        InputBlock(
            block_id=SettingsField.MUTE_NUDGES,
            label=t("Nudges"),
            optional=True,
            hint=t("Reminders about your own deadlines cannot be muted, only snoozed."),
            element=CheckboxesElement(
                action_id=INPUT, options=[mute], initial_options=[mute] if person.mute_nudges else None
            ),
        ),
    ]


def _number(
    t: Translator,
    field: SettingsField,
    label: str,
    value: float | int,
    *,
    decimal: bool = False,
    low: int,
    high: int,
    hint: str | None = None,
) -> InputBlock:
    return InputBlock(
        block_id=field,
        label=label,
        hint=hint,
        element=NumberInputElement(
            action_id=INPUT,
            is_decimal_allowed=decimal,
            initial_value=str(value),
            min_value=str(low),
            max_value=str(high),
        ),
    )


def workspace_blocks(t: Translator, workspace: Workspace, goals: GoalSettings) -> list[Block]:
    languages = [Option(text=LANGUAGE_NAMES[code], value=code) for code in SUPPORTED_LOCALES]
    days = [Option(text=t(name), value=str(index)) for index, name in enumerate(WEEKDAYS)]
    return [
        DividerBlock(),
        HeaderBlock(text=truncate(t("Workspace settings (HR)"), 150)),
        InputBlock(
            block_id=SettingsField.VALUES,
            label=t("Company values"),
            hint=t("Separate values with commas; people tag praise with them, e.g. #ownership."),
            element=PlainTextInputElement(
                action_id=INPUT, initial_value=words.listed(t, workspace.company_values), max_length=1000
            ),
        ),
        InputBlock(
            block_id=SettingsField.CHANNEL,
            label=t("Recognition channel"),
            hint=t("Praise is posted here. Without one, it goes to the channel it was given in."),
            optional=True,
            element=ConversationSelectElement(
                action_id=INPUT,
                placeholder=t("Choose a channel"),
                filter=ConversationFilter(include=["public", "private"], exclude_bot_users=True),
                initial_conversation=workspace.recognition_channel_id,
            ),
        ),
        InputBlock(
            block_id=SettingsField.LOCALE,
            label=t("Default language"),
            hint=t("For people whose Slack language perfbot does not speak, and for channel posts."),
            element=StaticSelectElement(
                action_id=INPUT,
                options=languages,
                initial_option=next(
                    (o for o in languages if o.value == workspace.default_locale), languages[0]
                ),
            ),
        ),
        SectionBlock(
            text=MarkdownTextObject(
                text=t(
                    "*Working hours.* Reminders and nudges reach each person only inside these hours, "
                    "on their own clock in their own Slack time zone."
                )
            )
        ),
        InputBlock(
            block_id=SettingsField.WORK_DAY_START,
            label=t("Working day starts"),
            element=TimePickerElement(
                action_id=INPUT, initial_time=workspace.work_day_start.strftime("%H:%M")
            ),
        ),
        InputBlock(
            block_id=SettingsField.WORK_DAY_END,
            label=t("Working day ends"),
            element=TimePickerElement(action_id=INPUT, initial_time=workspace.work_day_end.strftime("%H:%M")),
        ),
        InputBlock(
            block_id=SettingsField.WORK_DAYS,
            label=t("Working days"),
            element=CheckboxesElement(
                action_id=INPUT,
                options=days,
                initial_options=[days[d] for d in workspace.work_days if 0 <= d <= 6] or None,
            ),
        ),
        InputBlock(
            block_id=SettingsField.TIMEZONE,
            label=t("Workspace time zone"),
            hint=t("For channel messages such as the weekly digest, e.g. Europe/Berlin."),
            element=PlainTextInputElement(action_id=INPUT, initial_value=workspace.timezone, max_length=64),
        ),
        _number(
            t,
            SettingsField.NUDGE_AFTER_DAYS,
            t("Nudge managers after this many days without praise"),
            workspace.nudge_after_days,
            low=1,
            high=365,
        ),
        _number(
            t,
            SettingsField.SEND_BUDGET,
            t("Messages per minute, at most"),
            workspace.send_budget_per_minute,
            low=1,
            high=600,
            hint=t("Keep it to a few hundred at most; above that, Slack holds messages back."),
        ),
        InputBlock(
            block_id=SettingsField.DIGEST_WEEKDAY,
            label=t("Weekly digest: day of the week"),
            element=StaticSelectElement(
                action_id=INPUT, options=days, initial_option=days[workspace.digest_weekday % 7]
            ),
        ),
        _number(
            t,
            SettingsField.DIGEST_HOUR,
            t("Weekly digest: hour of the day (0–23)"),
            workspace.digest_hour,
            low=0,
            high=23,
        ),
        SectionBlock(text=MarkdownTextObject(text=t("*Goals*"))),
        _number(
            t,
            SettingsField.PROGRESS_THRESHOLD,
            t("Real progress, in percentage points"),
            goals.progress_threshold,
            decimal=True,
            low=0,
            high=100,
            hint=t("A check-in that moves a goal this far is a small win managers hear about."),
        ),
        _number(
            t,
            SettingsField.CHECKIN_CADENCE,
            t("Check-in reminder after this many days without one"),
            goals.checkin_cadence_days,
            low=1,
            high=90,
        ),
    ]


def settings_modal(t: Translator, person: Person, workspace: Workspace, goals: GoalSettings | None) -> View:
    """Everyone's preferences; the workspace's settings too when `goals` is given (HR admins only)."""
    blocks = preference_blocks(t, person)
    if goals is not None:
        blocks += workspace_blocks(t, workspace, goals)
    else:
        blocks.append(
            ContextBlock(
                elements=[MarkdownTextObject(text=t("Only HR admins can change the workspace settings."))]
            )
        )
    return View(
        type="modal",
        callback_id=SETTINGS_MODAL,
        title=truncate(t("Settings"), 24),
        submit=truncate(t("Save"), 24),
        close=truncate(t("Cancel"), 24),
        blocks=blocks,
    )
