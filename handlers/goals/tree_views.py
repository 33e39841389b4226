"""`/goal tree`: the cascade from company goals down, with rolled-up progress, a page per message.

A page holds at most TREE_PAGE goals (one section each) plus a header and footer, well within
Slack's 50 blocks per message; "More" carries the next page's number in its value.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from slack_sdk.models.blocks import Block, HeaderBlock, MarkdownTextObject, SectionBlock

from handlers.goals.format import note, page_footer, page_of, summary_row
from handlers.goals.list_views import row_with_view
from handlers.kit.blocks import truncate
from handlers.kit.message import SlackMessage
from models.goals.queries import GoalSummary
from models.i18n import Translator

TREE_PAGE = 40


def tree_page(
    t: Translator, items: Sequence[tuple[int, GoalSummary]], today: date, page: int = 0
) -> SlackMessage:
    """`items` are (depth, goal) in depth-first order, as `GoalTree.walk()` gives them."""
    shown = page_of(items, page, TREE_PAGE)
    header = t("Goal tree") if shown.number == 0 else t("Goal tree (page {page})", page=shown.number + 1)
    blocks: list[Block] = [HeaderBlock(text=truncate(header, 150))]
    if not items:
        blocks.append(
            SectionBlock(
                text=MarkdownTextObject(
                    text=t(
                        "There are no approved company or team goals yet. HR sets company goals with `/goal`."
                    )
                )
            )
        )
        return SlackMessage(text=header, blocks=blocks)
    if shown.number == 0:
        blocks.append(
            note(
                t(
                    "Company goals, then the team and individual goals aligned to them. A goal with "
                    "aligned goals shows their weighted progress."
                )
            )
        )
    blocks += [
        row_with_view(t, summary_row(t, s, today, owner=s.owner, indent=depth), s.goal.id)
        for depth, s in shown.items
    ]
    blocks += page_footer(t, shown, "tree")
    return SlackMessage(text=header, blocks=blocks)
