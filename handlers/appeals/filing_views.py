"""The filing modal: which part of a released result is contested (with its rating and the window's last
day), why (at least 30 characters), evidence (goals and check-ins picked from a list, links typed one per
line) and the outcome sought. Parts that cannot be appealed now are listed with the reason."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from babel.dates import format_date
from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    SectionBlock,
    StaticMultiSelectElement,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from handlers.appeals.form import State, chosen, chosen_many, text
from handlers.appeals.ids import INPUT, AppealCallback, Field
from handlers.kit.blocks import MAX_OPTIONS, truncate
from handlers.kit.metadata import ViewState, short
from handlers.kit.text import show_user_text
from models.appeals import MIN_REASON_LENGTH, AppealablePart, AppealInput
from models.i18n import Translator

MAX_REASON = 3000
MAX_OUTCOME = 1000
MAX_LINKS = 2000


class FilingState(ViewState):
    participant_id: int = short(0, "p")  # the result the modal was opened on, if any


@dataclass(frozen=True)
class FilingModal:
    parts: Sequence[AppealablePart]
    evidence: Sequence[tuple[str, str]]  # (value, label): the appellant's goals and check-ins
    participant_id: int = 0  # preselect this result's overall part (the release DM's button)


def part_value(part: AppealablePart) -> str:
    return f"{part.participant_id}:{part.part}"


def _day(t: Translator, part: AppealablePart) -> str:
    return str(format_date(part.last_day, format="medium", locale=t.locale))


def _part_text(t: Translator, part: AppealablePart, several_cycles: bool) -> str:
    line = t(
        "{part}: {rating} · until {day}",
        part=t(part.label),
        rating=f"{part.current_rating} {part.rating_label}",
        day=_day(t, part),
    )
    return f"{part.cycle_name} · {line}" if several_cycles else line


def refusals_text(t: Translator, parts: Sequence[AppealablePart]) -> str:
    """Each part that cannot be appealed now, and why (mrkdwn)."""
    several = len({part.cycle_id for part in parts}) > 1
    lines = [
        f"• {show_user_text(_part_text(t, part, several), escaped=False)}: {t(part.refusal or '')}"
        for part in parts
        if part.refusal is not None
    ]
    return truncate("\n".join(lines), 3000)


def filing_modal(t: Translator, modal: FilingModal) -> View:
    several = len({part.cycle_id for part in modal.parts}) > 1
    open_parts = [part for part in modal.parts if part.refusal is None][:MAX_OPTIONS]
    options = [
        Option(text=truncate(_part_text(t, part, several), 75), value=part_value(part)) for part in open_parts
    ]
    preselected = next(
        (
            option
            for option, part in zip(options, open_parts, strict=True)
            if part.participant_id == modal.participant_id
        ),
        None,
    )
    intro = t(
        "Contest a released result. HR re-examines it (never the manager who wrote the review) and "
        "answers with its reasons by a deadline you can follow with `/appeal status`."
    )
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=intro))]
    closed = [part for part in modal.parts if part.refusal is not None]
    if closed:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=refusals_text(t, closed))]))
    blocks.append(
        InputBlock(
            block_id=Field.PART,
            label=t("What do you contest?"),
            element=StaticSelectElement(
                action_id=INPUT,
                placeholder=t("The overall rating or one criterion"),
                options=options,
                initial_option=preselected or (options[0] if len(options) == 1 else None),
            ),
        )
    )
    blocks.append(
        InputBlock(
            block_id=Field.REASON,
            label=t("Why is it unfair?"),
            hint=t(
                "At least {n} characters: what the rating misses, with facts and examples.",
                n=MIN_REASON_LENGTH,
            ),
            element=PlainTextInputElement(action_id=INPUT, multiline=True, max_length=MAX_REASON),
        )
    )
    evidence_options = [
        Option(text=truncate(label, 75), value=value) for value, label in modal.evidence[:MAX_OPTIONS]
    ]
    if evidence_options:
        blocks.append(
            InputBlock(
                block_id=Field.EVIDENCE_ITEMS,
                label=t("Evidence: your goals and check-ins"),
                element=StaticMultiSelectElement(
                    action_id=INPUT,
                    placeholder=t("Pick any that support your appeal"),
                    options=evidence_options,
                ),
                optional=True,
            )
        )
    blocks += [
        InputBlock(
            block_id=Field.EVIDENCE,
            label=t("Evidence: links"),
            hint=t("One link per line (documents, tickets, messages)."),
            element=PlainTextInputElement(action_id=INPUT, multiline=True, max_length=MAX_LINKS),
            optional=True,
        ),
        InputBlock(
            block_id=Field.OUTCOME,
            label=t("What outcome do you ask for?"),
            hint=t("For example: the rating you think is fair, and why."),
            element=PlainTextInputElement(action_id=INPUT, multiline=True, max_length=MAX_OUTCOME),
        ),
    ]
    return View(
        type="modal",
        callback_id=AppealCallback.FILE,
        title=truncate(t("Appeal a result"), 24),
        submit=truncate(t("File appeal"), 24),
        close=truncate(t("Cancel"), 24),
        private_metadata=FilingState(participant_id=modal.participant_id).dump(),
        blocks=blocks,
    )


def read_filing(state: State) -> AppealInput:
    """The submitted form; a part that is not chosen becomes participant 0, which the domain refuses."""
    participant, _, part = (chosen(state, Field.PART) or "").partition(":")
    links = [line.strip() for line in text(state, Field.EVIDENCE).splitlines() if line.strip()]
    return AppealInput(
        participant_id=int(participant) if participant.isdigit() else 0,
        part=part,
        reason=text(state, Field.REASON),
        evidence=[*chosen_many(state, Field.EVIDENCE_ITEMS), *(f"link:{link}" for link in links)],
        outcome_sought=text(state, Field.OUTCOME),
    )


def appeal_help(t: Translator) -> str:
    return "\n".join(
        [
            t("*Appeals*: contest a released rating; HR re-examines it and answers by a deadline."),
            t("`/appeal`: file an appeal on your released result (the overall rating or one criterion)"),
            t("`/appeal status`: where each of your appeals stands and by when to expect an answer"),
            t("`/appeal help`: this list"),
            t("HR: `/perf appeals [CYCLE_ID]` shows the queue and the figures; `/perf appeals settings`"),
        ]
    )
