"""What App Home shows of the feedback conversation: the open development actions the reader owns or
agreed as reviewing manager, and the released reports whose one-to-one is still to log (three
statements, whatever their number)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.feedback import OpenAction, ToLog, conversations_to_log, open_actions
from models.people import Person


@dataclass(frozen=True)
class HomeActions:
    today: date
    actions: list[OpenAction] = field(default_factory=list)
    mentions: dict[int, str] = field(default_factory=dict)  # person id -> mention
    to_log: list[ToLog] = field(default_factory=list)  # released reports whose one-to-one is not logged

    def mention(self, person_id: int | None) -> str:
        return self.mentions.get(person_id, "?") if person_id is not None else "?"


def load_home_actions(session: Session, person: Person, today: date) -> HomeActions:
    actions = open_actions(session, person)
    to_log = conversations_to_log(session, person)
    ids = {a.owner_id for a in actions if a.owner_id is not None} | {a.employee_id for a in actions}
    ids |= {item.employee_id for item in to_log}
    mentions = (
        {p.id: p.mention for p in session.scalars(select(Person).where(Person.id.in_(ids)))} if ids else {}
    )
    return HomeActions(today, actions, mentions, to_log)
