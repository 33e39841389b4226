"""Import every entity so `Base.metadata` knows all tables (for Alembic and tests)."""

import models.goals  # noqa: F401  (registers the goal tables)
from models.audit import AuditEntry
from models.base import Base
from models.outbox import OutboxMessage
from models.people import Person, Role
from models.recognition import Praise, PraiseRecipient
from models.signals import PositiveSignal
from models.slack_events import ProcessedEvent
from models.workspace import Workspace

__all__ = [
    "AuditEntry",
    "Base",
    "OutboxMessage",
    "Person",
    "PositiveSignal",
    "Praise",
    "PraiseRecipient",
    "ProcessedEvent",
    "Role",
    "Workspace",
]
