"""What a delivery run did, counted per row."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class DeliveryStats:
    """Outcomes counted per row: a row deferred and then sent in the same drain counts as sent."""

    claimed: int = 0
    sent: int = 0
    failed: int = 0
    cancelled: int = 0
    waiting: set[int] = field(default_factory=set)  # deferred, and not settled since
    settled: set[int] = field(default_factory=set)

    @property
    def deferred(self) -> int:
        return len(self.waiting)

    def count(self, row_id: int, outcome: str) -> None:
        if outcome == "deferred":
            self.waiting.add(row_id)
            return
        self.waiting.discard(row_id)
        self.settled.add(row_id)
        setattr(self, outcome, getattr(self, outcome) + 1)

    def __iadd__(self, other: DeliveryStats) -> DeliveryStats:
        for name in ("claimed", "sent", "failed", "cancelled"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.waiting = (self.waiting - other.settled) | other.waiting
        self.settled |= other.settled
        return self
