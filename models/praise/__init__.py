"""Praise: entities, giving praise, its outbox rows, positive signals for nudges."""

from models.praise.entities import Praise, PraiseRecipient
from models.praise.outbox import defer_praise_dm, defer_praise_post
from models.praise.service import PraiseRequest, give_praise, praise_given, praise_received
from models.praise.signals import PositiveSignal, record_signal

__all__ = [
    "PositiveSignal",
    "Praise",
    "PraiseRecipient",
    "PraiseRequest",
    "defer_praise_dm",
    "defer_praise_post",
    "give_praise",
    "praise_given",
    "praise_received",
    "record_signal",
]
