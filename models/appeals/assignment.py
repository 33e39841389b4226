"""Round-robin assignment: the next HR admin in turn who may handle this appeal."""

from __future__ import annotations

from collections.abc import Sequence

from models.appeals.permissions import Parties, assignable


def next_assignee(
    hr_admins_in_order: Sequence[str], last_assignee: str | None, parties: Parties
) -> str | None:
    """The first admin after `last_assignee` (wrapping round) who had no part in the rating, or None.

    If the last assignee is no longer in the list, the turn starts from the top.
    """
    if not hr_admins_in_order:
        return None
    start = hr_admins_in_order.index(last_assignee) + 1 if last_assignee in hr_admins_in_order else 0
    count = len(hr_admins_in_order)
    for offset in range(count):
        candidate = hr_admins_in_order[(start + offset) % count]
        if assignable(candidate, parties):
            return candidate
    return None
