"""The Block Kit the scheduler sends: within Slack's limits, in the reader's language, buttons as promised."""

from __future__ import annotations

from handlers.reminders import (
    DigestEntry,
    muted,
    praise_nudge,
    recognition_digest,
    reminder_controls,
    snoozed,
    welcome,
    with_note,
)
from models.i18n import translator

EN = translator("en")


def action_ids(blocks: list[dict[str, object]]) -> list[str]:
    return [e["action_id"] for b in blocks if b["type"] == "actions" for e in b["elements"]]  # type: ignore[index,attr-defined]


def test_a_nudge_offers_praise_snooze_and_mute() -> None:
    message = praise_nudge(EN, message_id=7, report_name="Ana", report_user_id="U1", days=21)
    blocks = message.blocks_json()
    assert action_ids(blocks) == ["open_praise_modal", "reminder_snooze", "reminder_mute"]
    assert "<@U1> has not been recognised in the last 21 days" in blocks[0]["text"]["text"]
    assert message.text == "Time to recognise Ana?"


def test_a_reminder_for_ones_own_deadline_can_be_snoozed_but_not_muted() -> None:
    assert [e.action_id for e in reminder_controls(EN, 3, mutable=False).elements] == ["reminder_snooze"]


def test_the_digest_stays_within_slacks_limits_however_many_were_recognised() -> None:
    entries = [DigestEntry(f"U{i:05d}", ["craft", "teamwork"], ["UGIVER1", "UGIVER2"]) for i in range(5000)]
    blocks = recognition_digest(EN, entries=entries, period="Nov 20 – Nov 27").blocks_json()
    assert len(blocks) <= 50
    assert all(len(b["text"]["text"]) <= 3000 for b in blocks if b["type"] == "section")
    shown = sum(b["text"]["text"].count("• ") for b in blocks if b["type"] == "section")
    [more] = [b for b in blocks if b.get("block_id") == "digest_more"]
    assert more["elements"][0]["text"] == f"…and {5000 - shown} more people were recognised."


def test_a_note_replaces_the_buttons_and_keeps_the_message() -> None:
    original = praise_nudge(EN, message_id=7, report_name="Ana", report_user_id="U1", days=21).blocks_json()
    after_snooze = with_note(original, snoozed(EN, until="Nov 24, 2026, 9:00 AM"))
    assert [b.get("block_id") for b in after_snooze] == ["nudge", "nudge_actions", "snoozed"]
    after_mute = with_note(after_snooze, muted(EN))
    assert [b.get("block_id") for b in after_mute] == ["nudge", "nudge_actions", "muted"]


def test_welcome_greets_by_name() -> None:
    assert welcome(EN, name="Ana").text == "Welcome, Ana!"
    assert welcome(EN, name="").text == "Welcome!"
