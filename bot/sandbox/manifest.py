"""The slash commands and shortcuts the page offers: the ones manifest.yml gives Slack."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SlashCommand:
    command: str
    usage_hint: str
    description: str


COMMANDS = (
    SlashCommand(
        "/praise", "@alice @bob thanks for carrying the migration #ownership", "Praise people for their work"
    ),
    SlashCommand(
        "/goal", "[list | team | tree | help]", "Set goals and see yours, your team's and the company's"
    ),
    SlashCommand("/checkin", "[help]", "Report progress on one of your goals"),
    SlashCommand(
        "/review",
        "[status | self | peers | team | result | feedback @someone | help]",
        "Review cycles: status, self-assessment, peers, your result, feedback",
    ),
    SlashCommand(
        "/appeal",
        "[status | help]",
        "Appeal a released rating: file, see where your appeals stand",
    ),
    SlashCommand(
        "/perf",
        "help | settings | admin grant @someone | cycle new | calibration | outcome | appeals",
        "perfbot: help, settings and HR administration",
    ),
)
GLOBAL_SHORTCUTS = (("give_praise", "Give praise"),)
MESSAGE_SHORTCUTS = (("praise_message", "Praise this message"),)
