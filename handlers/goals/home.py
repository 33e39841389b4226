"""The goal data the App Home shows: the person's goals and, for managers, what needs their attention.

Three statements whatever the number of goals (see tests/e2e/test_goal_statement_counts.py).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from handlers.goals.home_views import HomeGoals
from models.goals.queries import goals_needing_attention, my_goals
from models.people import Person, Role


def load_home_goals(session: Session, person: Person, *, today: date) -> HomeGoals:
    return HomeGoals(
        mine=my_goals(session, person),
        attention=goals_needing_attention(session, person, today=today),
        is_manager=person.role is Role.MANAGER,
        today=today,
    )
