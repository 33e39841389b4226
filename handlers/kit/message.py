"""One message type: what a listener or the scheduler sends, as notification text and blocks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from slack_sdk.models.blocks import Block

MAX_SECTION = 3000


MAX_MESSAGE_BLOCKS = 50


@dataclass(frozen=True)
class SlackMessage:
    """A message's notification text (also what screen readers and old clients show) and its blocks."""

    text: str
    blocks: Sequence[Block]

    def blocks_json(self) -> list[dict[str, Any]]:
        # to_dict() validates Slack's limits (text lengths, ids), so a bad message fails here, not at Slack.
        return [block.to_dict() for block in self.blocks]
