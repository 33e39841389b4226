"""The review data App Home shows: what is due from the person, the manager reviews they can write and,
for HR, the running cycle's completion and its final ratings so far (calibration); and the person's
own released results."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from models.people import Person
from models.reviews import CycleStatus, MyCycle, ReviewAction, StageCount, can, my_cycles, stage_counts
from models.reviews.calibration import CalibrationView, calibration_view
from models.reviews.manager_due import ManagerReviewDue, manager_reviews_due
from models.reviews.result import ResultView, my_released, result_for


@dataclass(frozen=True)
class ReviewHome:
    cycles: list[MyCycle] = field(default_factory=list)
    completion: list[StageCount] = field(default_factory=list)
    to_review: list[ManagerReviewDue] = field(default_factory=list)  # manager reviews I can write now
    calibration: CalibrationView | None = None  # for HR: the running cycle's final ratings so far
    results: list[ResultView] = field(default_factory=list)  # my own released results


def load_review_home(session: Session, person: Person, now: datetime) -> ReviewHome:
    cycles = my_cycles(session, person)
    completion = (
        stage_counts(session, cycles[-1].cycle, now.date(), names=False)
        if cycles and person.is_hr_admin
        else []
    )
    running = [mine.cycle for mine in cycles if mine.cycle.status is CycleStatus.LAUNCHED]
    calibration = (
        calibration_view(session, person, running[-1])
        if running and can(person, ReviewAction.CALIBRATE, running[-1])
        else None
    )
    results = [
        found
        for cycle, participant in my_released(session, person)
        if (found := result_for(session, person, cycle, participant, person.tz)) is not None
    ]
    return ReviewHome(cycles, completion, manager_reviews_due(session, person, now), calibration, results)
