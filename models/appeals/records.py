"""Between the stored appeal and the pure machine: the people around it, its value, a step written back.

Every service operation loads the row, builds the machine's `Appeal` and `Parties` from it, lets the
machine decide (permission, state, input), and writes the resulting step with `apply_step`: the new
state on the row, an `AppealEntry` in its trail and an entry in the audit log.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import audit
from models.appeals.entities import AppealEntry, AppealRow
from models.appeals.machine import Appeal, AuditRecord, Decision, Step
from models.appeals.permissions import SYSTEM_ACTOR, Parties
from models.appeals.settings import AppealSettings, appeal_settings
from models.appeals.states import Action, AppealState, Outcome
from models.errors import NotFound
from models.i18n import N_
from models.people import Person, Role
from models.reviews import ReviewParticipant
from models.workspace import Workspace


def key(person_id: int | None) -> str:
    """A person as the machine names them."""
    return SYSTEM_ACTOR if person_id is None else str(person_id)


def person_id_of(name: str | None) -> int | None:
    return None if name is None or name == SYSTEM_ACTOR else int(name)


def load_appeal(session: Session, workspace: Workspace, appeal_id: int, *, lock: bool = False) -> AppealRow:
    statement = select(AppealRow).where(AppealRow.id == appeal_id, AppealRow.workspace_id == workspace.id)
    if lock:
        statement = statement.with_for_update()
    appeal = session.scalar(statement)
    if appeal is None:
        raise NotFound(N_("This appeal no longer exists."))
    return appeal


def hr_admin_ids(session: Session, workspace: Workspace) -> list[int]:
    """Active HR admins, in the order the round robin follows (oldest first)."""
    return list(
        session.scalars(
            select(Person.id)
            .where(Person.workspace_id == workspace.id, Person.role == Role.HR_ADMIN, Person.active)
            .order_by(Person.id)
        )
    )


def reporting_lines(session: Session, workspace: Workspace) -> dict[int, int]:
    """Each person's manager today, in one statement (for any number of appeals)."""
    rows = session.execute(
        select(Person.id, Person.manager_id).where(
            Person.workspace_id == workspace.id, Person.manager_id.is_not(None)
        )
    ).all()
    return {person_id: manager_id for person_id, manager_id in rows if manager_id is not None}


def _above(managers: dict[int, int], start: int | None) -> set[int]:
    """`start` and everyone above it."""
    found: set[int] = set()
    current = start
    while current is not None and current not in found:
        found.add(current)
        current = managers.get(current)
    return found


def parties_from(
    participant: ReviewParticipant, managers: dict[int, int], admins: list[int], settings: AppealSettings
) -> Parties:
    """The appellant, their reviewing manager (frozen at launch), everyone above them, HR and its lead."""
    above = _above(managers, participant.manager_id) | (
        _above(managers, participant.person_id) - {participant.person_id}
    )
    return Parties(
        appellant=key(participant.person_id),
        reviewing_manager=key(participant.manager_id) if participant.manager_id is not None else None,
        management_chain=frozenset(key(p) for p in above),
        hr_admins=frozenset(key(p) for p in admins),
        hr_lead=key(settings.hr_lead_id) if settings.hr_lead_id in admins else None,
    )


def parties_of(
    session: Session,
    workspace: Workspace,
    participant: ReviewParticipant,
    settings: AppealSettings | None = None,
) -> Parties:
    settings = settings or appeal_settings(workspace)
    return parties_from(
        participant, reporting_lines(session, workspace), hr_admin_ids(session, workspace), settings
    )


def _machine_scale(appeal: AppealRow, rating: int | None) -> int | None:
    return None if rating is None else rating - appeal.scale_lowest + 1


def _cycle_scale(appeal: AppealRow, rating: int | None) -> int | None:
    return None if rating is None else rating + appeal.scale_lowest - 1


def value_of(appeal: AppealRow) -> Appeal:
    """The machine's value of a stored appeal (ratings on the machine's 1 … levels scale)."""
    latest = None
    if appeal.outcome is not None and appeal.decided_at is not None:
        latest = Decision(
            appeal.outcome,
            key(appeal.decided_by_id),
            appeal.decided_at,
            _machine_scale(appeal, appeal.new_rating),
            appeal.explanation or "",
        )
    in_force = appeal.state is AppealState.DECIDED
    return Appeal(
        appellant=key(appeal.appellant_id),
        part=appeal.part,
        original_rating=appeal.original_rating - appeal.scale_lowest + 1,
        levels=appeal.levels,
        state=appeal.state,
        assignee=key(appeal.assignee_id) if appeal.assignee_id is not None else None,
        decision=latest if in_force else None,
        earlier_decisions=(latest,) if latest is not None and not in_force else (),
    )


def current_rating(appeal: AppealRow) -> int:
    """The contested part's rating as it stands, on the cycle's scale."""
    return value_of(appeal).current_rating + appeal.scale_lowest - 1


def apply_step(
    session: Session,
    appeal: AppealRow,
    step: Step,
    now: datetime,
    *,
    due: date | None = None,
    details: dict[str, Any] | None = None,
) -> AppealEntry:
    """Write the machine's step: state, assignee and decision on the row, the entry, the audit record."""
    record: AuditRecord = step.audit
    appeal.state = step.appeal.state
    appeal.assignee_id = person_id_of(step.appeal.assignee)
    decision = step.appeal.decision
    if record.action is Action.DECIDE and decision is not None:
        appeal.outcome = Outcome(decision.outcome)
        appeal.new_rating = _cycle_scale(appeal, decision.new_rating)
        appeal.explanation = decision.explanation
        appeal.decided_by_id = person_id_of(decision.decided_by)
        appeal.decided_at = decision.at
    appeal.updated_at = now
    entry = AppealEntry(
        workspace_id=appeal.workspace_id,
        appeal_id=appeal.id,
        actor_id=person_id_of(record.actor),
        action=record.action,
        from_state=record.from_state,
        to_state=record.to_state,
        text=record.reason,
        details={**dict(record.details), **(details or {})},
        due=due,
        at=now,
    )
    session.add(entry)
    audit.record(
        session,
        workspace_id=appeal.workspace_id,
        actor_id=person_id_of(record.actor),
        action=f"appeal.{record.action.value}",
        entity_type="appeal",
        entity_id=appeal.id,
        before={"state": record.from_state.value if record.from_state is not None else None},
        after={"state": appeal.state.value, **dict(record.details), **(details or {})},
        reason=record.reason or None,
    )
    return entry


def trail_of(session: Session, appeal: AppealRow) -> list[AppealEntry]:
    return list(
        session.scalars(
            select(AppealEntry)
            .where(AppealEntry.appeal_id == appeal.id)
            .order_by(AppealEntry.at, AppealEntry.id)
        )
    )


def audit_records(entries: list[AppealEntry]) -> list[AuditRecord]:
    """The trail as the clock reads it (for pauses)."""
    return [AuditRecord(key(e.actor_id), e.action, e.from_state, e.to_state, e.at) for e in entries]
