"""Setting up and running a cycle: create and edit a draft, launch, extend deadlines, reassign managers.

Launching freezes the participants (with their manager and department) and queues every launch DM
in a fixed number of statements, whatever the headcount.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Table, delete, func, insert, literal, select
from sqlalchemy.orm import Session

from models import audit
from models.base import UTCDateTime
from models.errors import DomainError, NotFound
from models.i18n import N_
from models.messaging import enqueue_select
from models.people import Person
from models.reviews.definition import CycleDefinition
from models.reviews.entities import (
    STAGE_COLUMNS,
    CycleStatus,
    DeadlineExtension,
    ReviewCycle,
    ReviewParticipant,
    Stage,
)
from models.reviews.messages import ReviewMessage, constant_payload, key_of
from models.reviews.permissions import ReviewAction, require
from models.workspace import Workspace


def _apply(cycle: ReviewCycle, definition: CycleDefinition) -> None:
    cycle.name = definition.name
    cycle.settings = definition.model_dump(mode="json")
    cycle.period_start = definition.period_start
    cycle.period_end = definition.period_end
    for stage, column in STAGE_COLUMNS.items():
        setattr(cycle, column, definition.deadlines.of(stage.value))


def _require_hr(session: Session, workspace: Workspace, actor: Person | None, cycle: ReviewCycle) -> None:
    """`actor` None is the operator at the command line, who runs the installation."""
    if actor is not None:
        require(actor, ReviewAction.MANAGE_CYCLE, cycle)


def get_cycle(session: Session, workspace: Workspace, cycle_id: int) -> ReviewCycle:
    cycle = session.get(ReviewCycle, cycle_id)
    if cycle is None or cycle.workspace_id != workspace.id:
        raise NotFound(N_("There is no review cycle {id} in this workspace."), id=cycle_id)
    return cycle


def list_cycles(session: Session, workspace: Workspace) -> list[ReviewCycle]:
    return list(
        session.scalars(
            select(ReviewCycle)
            .where(ReviewCycle.workspace_id == workspace.id)
            .order_by(ReviewCycle.id.desc())
        )
    )


def running_cycles(session: Session, workspace_id: int) -> list[ReviewCycle]:
    return list(
        session.scalars(
            select(ReviewCycle)
            .where(ReviewCycle.workspace_id == workspace_id, ReviewCycle.status == CycleStatus.LAUNCHED)
            .order_by(ReviewCycle.id)
        )
    )


def create_cycle(
    session: Session, workspace: Workspace, actor: Person | None, definition: CycleDefinition
) -> ReviewCycle:
    cycle = ReviewCycle(workspace_id=workspace.id, status=CycleStatus.DRAFT, settings_version=1)
    _apply(cycle, definition)
    _require_hr(session, workspace, actor, cycle)
    cycle.created_by_id = actor.id if actor else None
    session.add(cycle)
    session.flush()
    audit.record(
        session,
        workspace_id=workspace.id,
        actor_id=actor.id if actor else None,
        action="review_cycle.create",
        entity_type="review_cycle",
        entity_id=cycle.id,
        after={"name": cycle.name, "settings_version": 1},
    )
    return cycle


def edit_draft(
    session: Session, workspace: Workspace, actor: Person | None, cycle_id: int, definition: CycleDefinition
) -> ReviewCycle:
    cycle = get_cycle(session, workspace, cycle_id)
    _require_hr(session, workspace, actor, cycle)
    if cycle.status is not CycleStatus.DRAFT:
        raise DomainError(N_("This cycle is launched: only its deadlines can be extended now."))
    before = {"settings": cycle.settings, "settings_version": cycle.settings_version}
    _apply(cycle, definition)
    cycle.settings_version += 1
    audit.record(
        session,
        workspace_id=workspace.id,
        actor_id=actor.id if actor else None,
        action="review_cycle.edit",
        entity_type="review_cycle",
        entity_id=cycle.id,
        before=before,
        after={"settings": cycle.settings, "settings_version": cycle.settings_version},
    )
    return cycle


def _eligible(cycle: ReviewCycle) -> Any:
    """Who takes part: active people of the workspace, in the chosen departments, minus exclusions."""
    chosen = cycle.settings.get("participants") or {}
    departments = [str(name) for name in chosen.get("departments") or []]
    excluded = [str(email).lower() for email in chosen.get("exclude") or []]
    rows = select(Person).where(Person.workspace_id == cycle.workspace_id, Person.active.is_(True))
    if departments:
        rows = rows.where(Person.department.in_(departments))
    if excluded:
        rows = rows.where(func.coalesce(func.lower(Person.email), "").not_in(excluded))
    return rows


def launch_cycle(
    session: Session, workspace: Workspace, actor: Person | None, cycle_id: int, now: datetime
) -> int:
    """Freeze the participants and queue their launch DMs; how many take part. Three statements of work."""
    cycle = get_cycle(session, workspace, cycle_id)
    _require_hr(session, workspace, actor, cycle)
    if cycle.status is not CycleStatus.DRAFT:
        raise DomainError(N_("This cycle was launched already."))
    people = _eligible(cycle).subquery()
    frozen = select(
        literal(workspace.id).label("workspace_id"),
        literal(cycle.id).label("cycle_id"),
        people.c.id.label("person_id"),
        people.c.manager_id.label("manager_id"),
        people.c.department.label("department"),
        literal(now, UTCDateTime()).label("created_at"),
    )
    table = ReviewParticipant.__table__
    assert isinstance(table, Table)
    result = session.execute(
        insert(table).from_select(
            ["workspace_id", "cycle_id", "person_id", "manager_id", "department", "created_at"], frozen
        ),
        execution_options={"preserve_rowcount": True},
    )
    count = int(result.rowcount)  # type: ignore[attr-defined]
    if count == 0:
        raise DomainError(N_("No one active matches this cycle's participants; nothing was launched."))
    dms = select(
        ReviewParticipant.workspace_id.label("workspace_id"),
        ReviewParticipant.person_id.label("person_id"),
        ReviewParticipant.person_id.label("subject_id"),
        literal(ReviewMessage.LAUNCH.value).label("kind"),
        key_of(f"cycle:{cycle.id}:launch:person:", ReviewParticipant.person_id).label("dedupe_key"),
        constant_payload(cycle_id=cycle.id).label("payload"),
        literal(now, UTCDateTime()).label("not_before"),
        literal(True).label("working_hours"),
    ).where(ReviewParticipant.cycle_id == cycle.id)
    enqueue_select(session, dms, now)
    cycle.status = CycleStatus.LAUNCHED
    cycle.launched_at = now
    cycle.launched_by_id = actor.id if actor else None
    audit.record(
        session,
        workspace_id=workspace.id,
        actor_id=actor.id if actor else None,
        action="review_cycle.launch",
        entity_type="review_cycle",
        entity_id=cycle.id,
        before={"status": CycleStatus.DRAFT.value},
        after={"status": CycleStatus.LAUNCHED.value, "participants": count},
    )
    return count


def participant_of(session: Session, cycle: ReviewCycle, person: Person) -> ReviewParticipant | None:
    return session.scalar(
        select(ReviewParticipant).where(
            ReviewParticipant.cycle_id == cycle.id, ReviewParticipant.person_id == person.id
        )
    )


def _launched(cycle: ReviewCycle) -> None:
    if cycle.status is not CycleStatus.LAUNCHED:
        raise DomainError(N_("Deadlines of a draft are changed by editing it; this one is not running."))


def extend_deadline(
    session: Session,
    workspace: Workspace,
    actor: Person | None,
    cycle_id: int,
    stage: Stage,
    due: date,
    *,
    person: Person | None = None,
    reason: str = "",
) -> ReviewCycle:
    """A later deadline for one stage, for the whole cycle or (`person`) for one participant; audited."""
    cycle = get_cycle(session, workspace, cycle_id)
    _require_hr(session, workspace, actor, cycle)
    _launched(cycle)
    current = cycle.due(stage)
    if person is None:
        if due < current:
            raise DomainError(
                N_("A deadline can only move later; it is {date} now."), date=current.isoformat()
            )
        setattr(cycle, STAGE_COLUMNS[stage], due)
        # Personal extensions the new date overtakes are moot: SQL reads "the extension, else the cycle's".
        session.execute(
            delete(DeadlineExtension).where(
                DeadlineExtension.cycle_id == cycle.id,
                DeadlineExtension.stage == stage,
                DeadlineExtension.due <= due,
            )
        )
        cycle.settings = {
            **cycle.settings,
            "deadlines": {**cycle.settings["deadlines"], stage.value: due.isoformat()},
        }
        cycle.settings_version += 1
        entity_type, entity_id = "review_cycle", cycle.id
    else:
        participant = participant_of(session, cycle, person)
        if participant is None:
            raise NotFound(N_("{name} does not take part in this cycle."), name=person.name)
        if due < current:
            raise DomainError(
                N_("A deadline can only move later; it is {date} now."), date=current.isoformat()
            )
        extension = session.scalar(
            select(DeadlineExtension).where(
                DeadlineExtension.participant_id == participant.id, DeadlineExtension.stage == stage
            )
        )
        if extension is None:
            extension = DeadlineExtension(
                workspace_id=workspace.id,
                cycle_id=cycle.id,
                participant_id=participant.id,
                stage=stage,
                due=due,
            )
            session.add(extension)
        else:
            current, extension.due = extension.due, due
        extension.granted_by_id = actor.id if actor else None
        entity_type, entity_id = "review_participant", participant.id
    audit.record(
        session,
        workspace_id=workspace.id,
        actor_id=actor.id if actor else None,
        action="review_cycle.extend_deadline",
        entity_type=entity_type,
        entity_id=entity_id,
        before={"stage": stage.value, "due": current.isoformat()},
        after={"stage": stage.value, "due": due.isoformat()},
        reason=reason or None,
    )
    session.flush()
    return cycle


def reassign_manager(
    session: Session,
    workspace: Workspace,
    actor: Person | None,
    cycle_id: int,
    person: Person,
    manager: Person,
    *,
    reason: str = "",
) -> ReviewParticipant:
    """Give a participant another reviewing manager for this cycle (the org chart is untouched); audited."""
    cycle = get_cycle(session, workspace, cycle_id)
    _require_hr(session, workspace, actor, cycle)
    participant = participant_of(session, cycle, person)
    if participant is None:
        raise NotFound(N_("{name} does not take part in this cycle."), name=person.name)
    if manager.workspace_id != workspace.id or not manager.active or manager.id == person.id:
        raise DomainError(N_("Choose an active colleague other than the participant as reviewing manager."))
    before = {"manager_id": participant.manager_id}
    participant.manager_id = manager.id
    audit.record(
        session,
        workspace_id=workspace.id,
        actor_id=actor.id if actor else None,
        action="review_participant.reassign_manager",
        entity_type="review_participant",
        entity_id=participant.id,
        before=before,
        after={"manager_id": manager.id},
        reason=reason or None,
    )
    return participant
