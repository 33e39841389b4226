"""The appeal window: whole days in the employee's own zone, from their own release."""

from datetime import UTC, date, datetime
from types import SimpleNamespace
from typing import Any, cast

from models.reviews import ReviewCycle, ReviewParticipant
from models.reviews.release import appeal_window_last_day, appeal_window_open, is_released


def _cycle(days: int = 14, status: str = "launched") -> ReviewCycle:
    from models.reviews import CycleStatus

    return cast(
        ReviewCycle, SimpleNamespace(settings={"appeal_window_days": days}, status=CycleStatus(status))
    )


def _participant(released_at: datetime | None) -> ReviewParticipant:
    return cast(ReviewParticipant, SimpleNamespace(released_at=released_at))


def test_nothing_before_release() -> None:
    cycle, participant = _cycle(), _participant(None)
    assert not is_released(cycle, participant)
    assert appeal_window_last_day(cycle, participant, "Asia/Shanghai") is None
    assert not appeal_window_open(cycle, participant, "Asia/Shanghai", datetime(2027, 1, 1, tzinfo=UTC))


def test_the_last_day_counts_from_the_release_day_where_the_employee_is() -> None:
    # 20:00 UTC on 1 March is already 2 March in Shanghai, still 1 March in New York.
    released = datetime(2027, 3, 1, 20, 0, tzinfo=UTC)
    cycle, participant = _cycle(days=14), _participant(released)
    assert is_released(cycle, participant)
    assert appeal_window_last_day(cycle, participant, "Asia/Shanghai") == date(2027, 3, 16)
    assert appeal_window_last_day(cycle, participant, "America/New_York") == date(2027, 3, 15)
    assert appeal_window_last_day(cycle, participant, "Not/AZone") == date(2027, 3, 15)


def test_the_window_closes_at_midnight_in_the_employee_zone() -> None:
    cycle, participant = _cycle(days=14), _participant(datetime(2027, 3, 1, 9, 0, tzinfo=UTC))
    last_evening = datetime(2027, 3, 15, 15, 59, tzinfo=UTC)  # 23:59 on 15 March in Shanghai
    after_midnight = datetime(2027, 3, 15, 16, 0, tzinfo=UTC)  # 00:00 on 16 March there
    assert appeal_window_open(cycle, participant, "Asia/Shanghai", last_evening)
    assert not appeal_window_open(cycle, participant, "Asia/Shanghai", after_midnight)
    assert appeal_window_open(cycle, participant, "America/New_York", after_midnight)


def test_a_released_cycle_releases_everyone_even_without_their_own_time() -> None:
    participant: Any = _participant(None)
    assert is_released(_cycle(status="released"), participant)
