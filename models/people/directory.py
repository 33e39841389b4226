"""Keeping known people as Slack knows them: time zone, language, name and whether they left.

Fed by `user_change` events (one person) and the daily refresh (a page of `users.list` at a
time). Someone Slack deactivated is deactivated here and comes back when Slack reactivates
them; someone the org import deactivated stays so until HR lists them again.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import audit
from models.people.entities import Person
from models.people.service import Profile, people_by_slack_ids
from models.workspace import Workspace

SLACK_REASON = "deactivated in Slack"
_ACTIVATIONS = ("person.deactivate", "person.reactivate")


def sync_profiles(
    session: Session, workspace: Workspace, profiles: Iterable[Profile], *, locale_asked: bool
) -> int:
    """Bring the known people among `profiles` up to date; how many changed.

    `locale_asked`: the profiles come from a call made with `include_locale` (a missing locale
    then means Slack has none); an event's user object says nothing about the language.
    """
    listed = {profile.user_id: profile for profile in profiles}
    people = people_by_slack_ids(session, workspace, list(listed))
    changed = 0
    for user_id, person in people.items():
        if sync_profile(session, person, listed[user_id], locale_asked=locale_asked):
            changed += 1
    return changed


def sync_profile(session: Session, person: Person, profile: Profile, *, locale_asked: bool) -> bool:
    before = (person.name, person.tz, person.locale, person.active)
    # The org file is the record of names; Slack's fills in for everyone else.
    if profile.name and not (person.in_org_chart and person.name):
        person.name = profile.name
    if profile.tz:
        person.tz = profile.tz
    if profile.locale or locale_asked:
        person.locale = profile.locale or ""
    if profile.deleted and person.active:
        _set_active(session, person, active=False)
    elif not profile.deleted and not person.active and _deactivated_by_slack(session, person):
        _set_active(session, person, active=True)
    return before != (person.name, person.tz, person.locale, person.active)


def _deactivated_by_slack(session: Session, person: Person) -> bool:
    """Whether the latest change of `active` was Slack's deactivation (not the org import's)."""
    latest = session.scalars(
        select(audit.AuditEntry)
        .where(
            audit.AuditEntry.workspace_id == person.workspace_id,
            audit.AuditEntry.entity_type == "person",
            audit.AuditEntry.entity_id == person.id,
            audit.AuditEntry.action.in_(_ACTIVATIONS),
        )
        .order_by(audit.AuditEntry.id.desc())
        .limit(1)
    ).first()
    return latest is not None and latest.action == "person.deactivate" and latest.reason == SLACK_REASON


def _set_active(session: Session, person: Person, *, active: bool) -> None:
    person.active = active
    audit.record(
        session,
        workspace_id=person.workspace_id,
        actor_id=None,
        action="person.reactivate" if active else "person.deactivate",
        entity_type="person",
        entity_id=person.id,
        before={"active": not active},
        after={"active": active},
        reason=SLACK_REASON if not active else "reactivated in Slack",
    )
