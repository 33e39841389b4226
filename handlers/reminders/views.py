"""Block Kit for what the scheduler sends (nudges, the recognition digest, the welcome DM) and for
the snooze / mute buttons on them. Pure functions of their data and the reader's translator:
the scheduler renders with them at delivery time, the button listeners when they update a DM.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from handlers.kit import words
from handlers.kit.message import MAX_MESSAGE_BLOCKS, MAX_SECTION, SlackMessage
from handlers.kit.text import show_user_text
from handlers.praise import Action
from models.i18n import Translator


class ReminderAction(enum.StrEnum):
    SNOOZE = "reminder_snooze"
    MUTE = "reminder_mute"


@dataclass(frozen=True)
class DigestEntry:
    """One recognised person: the values they were praised for and by whom (Slack user ids)."""

    user_id: str
    values: Sequence[str]
    giver_ids: Sequence[str]


def reminder_controls(t: Translator, message_id: int, *, mutable: bool) -> ActionsBlock:
    """The "Snooze 1 day" button on every nudge and reminder, "Mute these nudges" where muting is allowed."""
    elements = [ButtonElement(text=t("Snooze 1 day"), action_id=ReminderAction.SNOOZE, value=str(message_id))]
    if mutable:
        elements.append(
            ButtonElement(text=t("Mute these nudges"), action_id=ReminderAction.MUTE, value=str(message_id))
        )
    return ActionsBlock(block_id="reminder_controls", elements=elements)


def praise_nudge(
    t: Translator,
    *,
    message_id: int,
    report_name: str,
    report_user_id: str,
    days: int,
    signal: str | None = None,
) -> SlackMessage:
    """A manager's nudge to recognise a report: a recent win first when there is one, else the quiet spell."""
    quiet = t.plural(
        "{name} has not been recognised in the last {n} day.",
        "{name} has not been recognised in the last {n} days.",
        days,
        name=f"<@{report_user_id}>",
    )
    if signal:
        # Built from a goal title and a name: words people wrote, shown as text.
        shown = show_user_text(signal, escaped=False, limit=1500)
        lead = t("{signal}: a good moment to say thanks.", signal=shown)
        blocks: list[Block] = [
            SectionBlock(block_id="nudge", text=MarkdownTextObject(text=lead)),
            ContextBlock(block_id="signal", elements=[MarkdownTextObject(text=quiet)]),
        ]
    else:
        text = t("{quiet} A few words about something they did well go a long way.", quiet=quiet)
        blocks = [SectionBlock(block_id="nudge", text=MarkdownTextObject(text=text))]
    blocks.append(
        ActionsBlock(
            block_id="nudge_actions",
            elements=[
                ButtonElement(
                    text=t("Give praise"),
                    action_id=Action.OPEN_PRAISE_MODAL,
                    value=report_user_id,
                    style="primary",
                )
            ],
        )
    )
    blocks.append(reminder_controls(t, message_id, mutable=True))
    shown_name = (
        show_user_text(report_name, escaped=False, limit=200) if report_name else f"<@{report_user_id}>"
    )
    fallback = t("Time to recognise {name}?", name=shown_name)
    return SlackMessage(text=fallback, blocks=blocks)


def recognition_digest(t: Translator, *, entries: Sequence[DigestEntry], period: str) -> SlackMessage:
    """Who was recognised and for which values, by name; deliberately no counts or ranking."""
    header = t("Recognition this week")
    blocks: list[Block] = [
        HeaderBlock(block_id="digest_header", text=header),
        ContextBlock(block_id="digest_period", elements=[MarkdownTextObject(text=period)]),
    ]
    lines = [_digest_line(t, entry) for entry in entries]
    sections = _pack(lines, MAX_SECTION)
    room = MAX_MESSAGE_BLOCKS - len(blocks) - 1
    for index, section in enumerate(sections[:room]):
        blocks.append(SectionBlock(block_id=f"digest_{index}", text=MarkdownTextObject(text=section)))
    hidden = sum(section.count("\n") + 1 for section in sections[room:])
    if hidden:
        more = t.plural(
            "…and {n} more person was recognised.", "…and {n} more people were recognised.", hidden
        )
        blocks.append(ContextBlock(block_id="digest_more", elements=[MarkdownTextObject(text=more)]))
    fallback = t.plural(
        "Recognition this week: {n} person was recognised.",
        "Recognition this week: {n} people were recognised.",
        len(entries),
    )
    return SlackMessage(text=fallback, blocks=blocks)


def _digest_line(t: Translator, entry: DigestEntry) -> str:
    givers = words.mentions(t, entry.giver_ids)
    if entry.values:
        values = words.tags(t, entry.values)
        return "• " + t(
            "{person} for {values}, from {givers}", person=f"<@{entry.user_id}>", values=values, givers=givers
        )
    return "• " + t("{person}, from {givers}", person=f"<@{entry.user_id}>", givers=givers)


def _pack(lines: Sequence[str], limit: int) -> list[str]:
    """Lines joined into texts of at most `limit` characters, whole lines only (over-long ones cut)."""
    sections: list[str] = []
    current = ""
    for raw in lines:
        line = raw if len(raw) <= limit else raw[: limit - 1] + "…"
        if current and len(current) + 1 + len(line) > limit:
            sections.append(current)
            current = ""
        current = f"{current}\n{line}" if current else line
    if current:
        sections.append(current)
    return sections


def welcome(t: Translator, *, name: str) -> SlackMessage:
    greeting = (
        t("Welcome, {name}!", name=show_user_text(name, escaped=False, limit=200)) if name else t("Welcome!")
    )
    body = t(
        "I'm perfbot. Recognition, goals and check-ins happen right here in Slack.\n"
        "• Type `/praise @someone what they did #value` to recognise a colleague.\n"
        "• Open my *Home* tab to see your goals and the praise you received.\n"
        "• Type `/perf help` for everything else."
    )
    return SlackMessage(
        text=greeting,
        blocks=[SectionBlock(block_id="welcome", text=MarkdownTextObject(text=f"*{greeting}*\n{body}"))],
    )


def snoozed(t: Translator, *, until: str) -> SlackMessage:
    text = t("Snoozed. I'll bring this back {when}.", when=until)
    return SlackMessage(text=text, blocks=[_note("snoozed", text)])


def muted(t: Translator) -> SlackMessage:
    text = t(
        "Muted. You won't get these nudges any more; reminders about your own deadlines still come. "
        "Turn them back on in `/perf settings`."
    )
    return SlackMessage(text=text, blocks=[_note("muted", text)])


def _note(block_id: str, text: str) -> ContextBlock:
    return ContextBlock(block_id=block_id, elements=[MarkdownTextObject(text=text)])


def with_note(original_blocks: Sequence[dict[str, Any]], note: SlackMessage) -> list[dict[str, Any]]:
    """The DM as it was, minus its snooze / mute buttons and any earlier note, plus the new note."""
    replaced = {"reminder_controls", "snoozed", "muted"}
    kept = [block for block in original_blocks if block.get("block_id") not in replaced]
    return kept + note.blocks_json()
