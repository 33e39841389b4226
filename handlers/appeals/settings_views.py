"""`/perf appeals settings`: how many working days HR has to decide, whose public holidays count (a
country and a region, searched as you type), company days off, the HR lead, and whether waiting for a
statement or an answer pauses the clock."""

from __future__ import annotations

from datetime import date

from babel import Locale, UnknownLocaleError
from slack_sdk.models.blocks import (
    Block,
    CheckboxesElement,
    ExternalDataSelectElement,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    SectionBlock,
    UserSelectElement,
)
from slack_sdk.models.views import View

from handlers.appeals.form import State, chosen, chosen_many, chosen_user, text
from handlers.appeals.ids import COUNTRY, INPUT, SUBDIVISION, AppealCallback, Field
from handlers.kit.blocks import MAX_OPTIONS, truncate
from models.appeals import AppealSettings
from models.calendar import supported_regions
from models.errors import DomainError, Problem
from models.i18n import N_, Translator

PAUSE = "pause"


def _territories(t: Translator) -> dict[str, str]:
    try:
        return dict(Locale.parse(t.locale).territories)
    except (UnknownLocaleError, ValueError):
        return dict(Locale.parse("en").territories)


def country_text(t: Translator, code: str) -> str:
    name = _territories(t).get(code)
    return truncate(f"{name} ({code})" if name else code, 75)


def country_options(t: Translator, typed: str) -> list[Option]:
    """Countries with public holidays whose name or code contains what was typed, at most 100."""
    wanted = typed.strip().casefold()
    found = [
        Option(text=country_text(t, code), value=code)
        for code in sorted(supported_regions(), key=lambda code: country_text(t, code))
        if wanted in country_text(t, code).casefold()
    ]
    return found[:MAX_OPTIONS]


def subdivision_options(country: str | None, typed: str) -> list[Option]:
    """The chosen country's regions (code, and the library's name for it when it has one)."""
    if not country or country not in supported_regions():
        return []
    from holidays import country_holidays  # imported on demand: only this picker needs the classes

    names: dict[str, str] = {}
    aliases = getattr(country_holidays(country), "subdivisions_aliases", {}) or {}
    for alias, code in aliases.items():
        names.setdefault(str(code), str(alias))
    wanted = typed.strip().casefold()
    found = []
    for code in supported_regions()[country]:
        label = truncate(f"{names[code]} ({code})" if code in names else code, 75)
        if wanted in label.casefold():
            found.append(Option(text=label, value=code))
    return found[:MAX_OPTIONS]


def settings_modal(t: Translator, settings: AppealSettings, lead_user_id: str | None) -> View:
    country = settings.holiday_country
    subdivision = settings.holiday_subdivision
    pause = Option(
        text=truncate(t("Pause the clock while HR waits for a statement or an answer"), 75), value=PAUSE
    )
    blocks: list[Block] = [
        SectionBlock(
            text=MarkdownTextObject(
                text=t(
                    "Appeals are answered within a number of working days: the workspace's working week, "
                    "without public holidays and company days off."
                )
            )
        ),
        InputBlock(
            block_id=Field.DECISION_DAYS,
            label=t("Working days HR has to decide"),
            element=PlainTextInputElement(
                action_id=INPUT, initial_value=str(settings.decision_days), max_length=3
            ),
        ),
        InputBlock(
            block_id=Field.COUNTRY,
            label=t("Public holidays of"),
            optional=True,
            element=ExternalDataSelectElement(
                action_id=COUNTRY,
                placeholder=t("Type a country"),
                min_query_length=0,
                initial_option=Option(text=country_text(t, country), value=country) if country else None,
            ),
        ),
        InputBlock(
            block_id=Field.SUBDIVISION,
            label=t("Region (optional)"),
            hint=t("Regional holidays too, for a country that has them. Choose the country first."),
            optional=True,
            element=ExternalDataSelectElement(
                action_id=SUBDIVISION,
                placeholder=t("Type a region"),
                min_query_length=0,
                initial_option=Option(text=subdivision, value=subdivision) if subdivision else None,
            ),
        ),
        InputBlock(
            block_id=Field.DAYS_OFF,
            label=t("Company days off"),
            hint=t("Dates as YYYY-MM-DD, one per line or separated by commas."),
            optional=True,
            element=PlainTextInputElement(
                action_id=INPUT,
                multiline=True,
                max_length=3000,
                initial_value="\n".join(day.isoformat() for day in settings.company_days_off) or None,
            ),
        ),
        InputBlock(
            block_id=Field.HR_LEAD,
            label=t("HR lead"),
            hint=t("Assigns appeals by hand and is told when one is overdue (every HR admin, if unset)."),
            optional=True,
            element=UserSelectElement(action_id=INPUT, initial_user=lead_user_id),
        ),
        InputBlock(
            block_id=Field.PAUSE,
            label=t("While waiting"),
            optional=True,
            element=CheckboxesElement(
                action_id=INPUT,
                options=[pause],
                initial_options=[pause] if settings.pause_while_waiting else None,
            ),
        ),
    ]
    return View(
        type="modal",
        callback_id=AppealCallback.SETTINGS,
        title=truncate(t("Appeal settings"), 24),
        submit=truncate(t("Save"), 24),
        close=truncate(t("Cancel"), 24),
        blocks=blocks,
    )


def chosen_country(state: State) -> str | None:
    return chosen(state, Field.COUNTRY, COUNTRY)


def read_days_off(raw: str) -> list[date]:
    days, bad = [], []
    for word in raw.replace(",", "\n").split():
        try:
            days.append(date.fromisoformat(word))
        except ValueError:
            bad.append(word)
    if bad:
        raise DomainError(
            N_("Not a date (YYYY-MM-DD): {words}."), field=Field.DAYS_OFF, words=", ".join(bad[:5])
        )
    return days


def read_settings(state: State, lead_id: int | None) -> AppealSettings:
    """The submitted settings; `lead_id` is the chosen HR lead's person id (the caller resolves it)."""
    problems: list[Problem] = []
    days = text(state, Field.DECISION_DAYS)
    try:
        days_off = read_days_off(text(state, Field.DAYS_OFF))
    except DomainError as error:
        problems += error.problems
        days_off = []
    if not days.isdigit():
        problems.append(Problem(N_("Type a whole number of working days."), Field.DECISION_DAYS))
    if problems:
        raise DomainError.of(problems)
    return AppealSettings(
        decision_days=int(days),
        holiday_country=chosen_country(state),
        holiday_subdivision=chosen(state, Field.SUBDIVISION, SUBDIVISION),
        company_days_off=days_off,
        hr_lead_id=lead_id,
        pause_while_waiting=PAUSE in chosen_many(state, Field.PAUSE),
    )


def lead_user(state: State) -> str | None:
    return chosen_user(state, Field.HR_LEAD)
