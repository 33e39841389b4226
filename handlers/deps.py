"""What the composition root hands the listeners when it wires them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from models.base import utcnow
from models.db import SessionFactory


@dataclass(frozen=True)
class Deps:
    session_factory: SessionFactory
    clock: Callable[[], datetime] = field(default=utcnow)
