"""Praise in Slack: `/praise`, the shortcuts, the modal, the post and the DMs."""

from handlers.praise.ids import Action, Block, Callback
from handlers.praise.listeners import register
from handlers.praise.parse import parse_praise_text
from handlers.praise.views import PraiseModalState, praise_modal

__all__ = [
    "Action",
    "Block",
    "Callback",
    "PraiseModalState",
    "parse_praise_text",
    "praise_modal",
    "register",
]
