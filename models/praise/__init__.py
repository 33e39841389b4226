"""Praise: entities, giving praise, its outbox rows, positive signals for nudges."""

from models.praise.entities import Praise, PraiseRecipient
from models.praise.outbox import queue_praise_messages
from models.praise.service import GivenPraise, PraiseRequest, give_praise, praise_given, praise_received
from models.praise.signals import PositiveSignal, record_signal

__all__ = [
    "GivenPraise",
    "PositiveSignal",
    "Praise",
    "PraiseRecipient",
    "PraiseRequest",
    "give_praise",
    "praise_given",
    "praise_received",
    "queue_praise_messages",
    "record_signal",
]
