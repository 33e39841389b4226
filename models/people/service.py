"""Registering people on first contact and changing their roles."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import and_, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models import audit
from models.errors import DomainError, NotFound
from models.i18n import N_
from models.people.entities import Person, Role
from models.people.permissions import require_grant_access
from models.workspace import Workspace


@dataclass(frozen=True)
class Profile:
    """What the chat platform tells us about a user, independent of how it was asked."""

    user_id: str
    name: str
    email: str | None = None
    tz: str | None = None
    locale: str | None = None
    is_bot: bool = False
    deleted: bool = False
    is_admin: bool = False


def people_by_slack_ids(session: Session, workspace: Workspace, user_ids: Iterable[str]) -> dict[str, Person]:
    ids = list(dict.fromkeys(user_ids))
    if not ids:
        return {}
    rows = session.scalars(
        select(Person).where(Person.workspace_id == workspace.id, Person.slack_user_id.in_(ids))
    )
    return {person.slack_user_id: person for person in rows}


def workspace_and_person(
    session: Session, team_id: str, user_id: str
) -> tuple[Workspace | None, Person | None]:
    """The workspace with this Slack team id and its person with this Slack user id, in one query."""
    row = session.execute(
        select(Workspace, Person)
        .outerjoin(Person, and_(Person.workspace_id == Workspace.id, Person.slack_user_id == user_id))
        .where(Workspace.team_id == team_id)
    ).first()
    return (row[0], row[1]) if row is not None else (None, None)


def person_by_email(session: Session, workspace: Workspace, email: str) -> Person | None:
    return session.scalar(
        select(Person).where(Person.workspace_id == workspace.id, func.lower(Person.email) == email.lower())
    )


def register_person(session: Session, workspace: Workspace, profile: Profile) -> Person:
    """Create someone met for the first time (or refresh their profile); idempotent per Slack user."""
    existing = people_by_slack_ids(session, workspace, [profile.user_id]).get(profile.user_id)
    if existing is not None:
        apply_profile(existing, profile)
        return existing
    person = Person(workspace_id=workspace.id, slack_user_id=profile.user_id, role=Role.EMPLOYEE)
    apply_profile(person, profile)
    if profile.email and person_by_email(session, workspace, profile.email) is not None:
        person.email = None  # the address belongs to an imported row with another Slack id
    try:
        with session.begin_nested():
            session.add(person)
    except IntegrityError:  # registered concurrently by another request
        return people_by_slack_ids(session, workspace, [profile.user_id])[profile.user_id]
    return person


def apply_profile(person: Person, profile: Profile) -> None:
    if profile.name:
        person.name = profile.name
    if profile.email and not person.email:
        person.email = profile.email
    if profile.tz:
        person.tz = profile.tz
    if profile.locale:
        person.locale = profile.locale
    if profile.deleted:
        person.active = False


def grant_hr_admin(
    session: Session,
    workspace: Workspace,
    actor: Person | None,
    target: Person,
    *,
    is_slack_admin: bool = False,
) -> Person:
    """Make `target` an HR admin. `actor` None means the operator at the command line."""
    if actor is not None:
        require_grant_access(actor, workspace, is_slack_admin=is_slack_admin)
    if target.workspace_id != workspace.id:
        raise NotFound(N_("That person is not in this workspace."))
    if not target.active:
        raise DomainError(N_("{name} is deactivated."), name=target.name or target.slack_user_id)
    if target.role is Role.HR_ADMIN:
        return target
    before = {"role": target.role.value}
    target.role = Role.HR_ADMIN
    audit.record(
        session,
        workspace_id=workspace.id,
        actor_id=actor.id if actor else None,
        action="person.grant_hr_admin",
        entity_type="person",
        entity_id=target.id,
        before=before,
        after={"role": target.role.value},
    )
    return target
