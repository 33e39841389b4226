"""The stage reminders of the manager review, calibration and release (rendered by the scheduler):
to the reviewing manager who still owes a manager review, to HR about overdue manager reviews, and to
HR before the calibration and release deadlines, with the numbers as they are at delivery."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from slack_sdk.models.blocks import ActionsBlock, ButtonElement, MarkdownTextObject, SectionBlock

from handlers.kit.blocks import truncate
from handlers.kit.message import SlackMessage
from handlers.kit.words import listed
from handlers.reminders import reminder_controls
from handlers.reviews.format import day_text, shown
from handlers.reviews.ids import ReviewButton
from handlers.reviews.message_views import when_text
from models.i18n import Translator


def _section(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=truncate(text, 3000)))


def manager_reminder(
    t: Translator, participant_id: int, employee: str, cycle: str, offset: int, due: date, *, message_id: int
) -> SlackMessage:
    """To the reviewing manager: the manager review of `employee` is due (or overdue)."""
    text = t(
        "Your manager review of {employee} for {cycle} is due {when}.",
        employee=employee,
        cycle=shown(cycle),
        when=when_text(t, offset, due),
    )
    button = ButtonElement(
        text=t("Write review"), action_id=ReviewButton.WRITE_MANAGER_REVIEW, value=str(participant_id)
    )
    blocks = [
        _section(text),
        ActionsBlock(elements=[button]),
        reminder_controls(t, message_id, mutable=False),
    ]
    return SlackMessage(text=truncate(text, 3000), blocks=blocks)


def manager_overdue(
    t: Translator, cycle_id: int, cycle: str, due: date, managers: Sequence[str], owed: int
) -> SlackMessage:
    """To HR admins: manager reviews still owed days after their deadline, and by whom."""
    named, day = listed(t, managers) or "–", day_text(t, due)
    text = t.plural(
        "{n} manager review for {cycle}, due {date}, is still not submitted after three reminders. "
        "Reviewing managers: {managers}.",
        "{n} manager reviews for {cycle}, due {date}, are still not submitted after three reminders. "
        "Reviewing managers: {managers}.",
        owed,
        cycle=shown(cycle),
        date=day,
        managers=named,
    )
    hint = t(
        "`/perf cycle status {id}` shows who owes what; HR can extend a deadline or write a review.",
        id=cycle_id,
    )
    return SlackMessage(text=truncate(text, 3000), blocks=[_section(text), _section(hint)])


def calibration_reminder(
    t: Translator, cycle_id: int, cycle: str, offset: int, due: date, submitted: int, missing: int
) -> SlackMessage:
    """To HR admins before the calibration deadline: results to calibrate, and those still to come in."""
    text = t(
        "Calibration of {cycle} is due {when}: {submitted} results are in to calibrate, {missing} manager "
        "reviews are still to come in.",
        cycle=shown(cycle),
        when=when_text(t, offset, due),
        submitted=submitted,
        missing=missing,
    )
    hint = t("`/perf calibration {id}` shows the final ratings per department and manager.", id=cycle_id)
    return SlackMessage(text=truncate(text, 3000), blocks=[_section(text), _section(hint)])


def release_reminder(
    t: Translator, cycle_id: int, cycle: str, offset: int, due: date, ready: int, waiting: int
) -> SlackMessage:
    """To HR admins before and on the release deadline while the cycle is not released."""
    text = t(
        "The results of {cycle} are to be released {when}: {ready} are ready to release, {waiting} still "
        "wait for a manager review.",
        cycle=shown(cycle),
        when=when_text(t, offset, due),
        ready=ready,
        waiting=waiting,
    )
    hint = t("Release them with `/perf cycle release {id}` (or one department at a time).", id=cycle_id)
    return SlackMessage(text=truncate(text, 3000), blocks=[_section(text), _section(hint)])
