"""The demo's last review cycle, already run and released, so that a result, the feedback
conversation and an appeal can be tried at once: created and launched by HR, each report's manager
review submitted by their manager, and the results released two days ago through the same
operations HR and managers use. The DMs all this caused belong to the past and are not sent."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from models.messaging import OutboxMessage
from models.people import Person
from models.reviews import (
    ManagerReviewInput,
    check_definition,
    create_cycle,
    launch_cycle,
    participant_of,
    release_results,
    save_manager_review,
)
from models.workspace import Workspace

# The reviewing managers' ratings per report, the same for each criterion but one.
RATINGS = {"ana": 4, "ben": 3, "chen": 4, "dev": 2, "eva": 3, "frank": 4, "gita": 3, "hugo": 2}


def released_cycle(session: Session, workspace: Workspace, people: dict[str, Person], now: datetime) -> None:
    hr = people["grace"]
    today = now.date()

    def days(n: int) -> str:
        return (today + timedelta(days=n)).isoformat()

    definition = check_definition(
        {
            "name": "Second-half review, last year",
            "period_start": days(-365),
            "period_end": days(-183),
            # The eight employees; the two managers and HR were reviewed elsewhere.
            "participants": {
                "departments": ["Engineering", "Sales"],
                "exclude": [people["omar"].email, people["sofia"].email],
            },
            "deadlines": {
                "self_assessment": days(-170),
                "peer_nomination": days(-170),
                "peer_reviews": days(-163),
                "manager_review": days(-156),
                "calibration": days(-149),
                "release": days(-2),
            },
        }
    )
    before = session.scalar(select(func.max(OutboxMessage.id))) or 0
    cycle = create_cycle(session, workspace, hr, definition)
    launch_cycle(session, workspace, hr, cycle.id, now - timedelta(days=180))
    # What the launch announced happened long ago: nothing of it waits to be sent.
    session.execute(delete(OutboxMessage).where(OutboxMessage.id > before))
    keys = [criterion.key for criterion in definition.criteria]
    for name, level in RATINGS.items():
        person = people[name]
        participant = participant_of(session, cycle, person)
        manager = session.get(Person, person.manager_id) if person.manager_id else None
        if participant is None or manager is None:
            continue
        ratings: dict[str, int | None] = {key: level for key in keys}
        ratings[keys[-1]] = min(level + 1, definition.scale.ratings[-1])
        data = ManagerReviewInput(ratings=ratings, summary="A steady half year; see the comments above.")
        save_manager_review(
            session, manager, cycle, participant, data, now - timedelta(days=160), submit=True
        )
    release_results(session, workspace, hr, cycle.id, now - timedelta(days=2))
    # The release, too, is history: its DMs went out two days ago. The results stay on each Home
    # tab and in `/review result`, and the managers' Home tabs list the one-to-ones to log.
    session.execute(delete(OutboxMessage).where(OutboxMessage.id > before))
