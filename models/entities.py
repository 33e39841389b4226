"""Import every entity so `Base.metadata` knows all tables (for Alembic and tests)."""

# These register the feedback, goal, review and appeal tables.
import models.appeals.entities
import models.feedback.entities
import models.goals.entities
import models.reviews.entities
import models.reviews.outcome_entities  # noqa: F401
from models.audit import AuditEntry
from models.base import Base
from models.messaging import OutboxMessage, ProcessedEvent
from models.people import Person, Role
from models.praise import PositiveSignal, Praise, PraiseRecipient
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
