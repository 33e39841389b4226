"""The outbox every Slack message goes through, reminder controls (snooze, mute), processed event ids."""

from models.messaging.events import ProcessedEvent, claim_event
from models.messaging.outbox import (
    MessageKind,
    NewMessage,
    OutboxMessage,
    OutboxStatus,
    cancel,
    claim_due,
    defer,
    enqueue,
    enqueue_select,
    is_nudge,
    mark_failed,
    mark_sent,
    next_due_at,
    release,
    retry,
    unsent,
)
from models.messaging.reminders import (
    MUTED_REASON,
    enqueue_welcome,
    enqueue_welcomes,
    set_mute_nudges,
    snooze,
)

__all__ = [
    "MUTED_REASON",
    "MessageKind",
    "NewMessage",
    "OutboxMessage",
    "OutboxStatus",
    "ProcessedEvent",
    "cancel",
    "claim_due",
    "claim_event",
    "defer",
    "enqueue",
    "enqueue_select",
    "enqueue_welcome",
    "enqueue_welcomes",
    "is_nudge",
    "mark_failed",
    "mark_sent",
    "next_due_at",
    "release",
    "retry",
    "set_mute_nudges",
    "snooze",
    "unsent",
]
