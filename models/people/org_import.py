"""Importing the org chart: people, their managers and roles, from HR's CSV file.

The file is the org of record. A re-import updates people in place (matched by
email, case-insensitively, or by Slack user id); active people it no longer
lists are deactivated, never deleted, and come back when listed again. Rows
that cannot be imported are reported by line and everything else is imported.
Who each row is in Slack comes from one walk of the workspace's members
(`SlackMembers`, from `users.list`), matched here by email or Slack user id, so
every imported person has their name, time zone and language from the start.
The caller owns the transaction: one import, one unit of work.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import audit
from models.people.entities import Person, Role
from models.people.org_csv import OrgFile, OrgRow, Reason, RowFailure, UnusableFile, read_org_csv
from models.people.service import Profile
from models.workspace import Workspace

__all__ = [
    "ImportReport",
    "OrgFile",
    "Reason",
    "RoleChange",
    "RowFailure",
    "SlackMembers",
    "UnusableFile",
    "apply_org_file",
    "import_org",
    "read_org_csv",
]

AUDIT_REASON = "org import"


@dataclass(frozen=True)
class SlackMembers:
    """Everyone in the workspace as Slack lists them (bots and deactivated accounts included)."""

    by_id: Mapping[str, Profile]
    by_email: Mapping[str, Profile]  # lower-cased email -> profile

    @classmethod
    def of(cls, profiles: Iterable[Profile]) -> SlackMembers:
        listed = list(profiles)
        by_email: dict[str, Profile] = {}
        for profile in listed:
            # An address reused by a deactivated account belongs to whoever still uses it.
            if profile.email and (profile.email.lower() not in by_email or not profile.deleted):
                by_email[profile.email.lower()] = profile
        return cls(by_id={profile.user_id: profile for profile in listed}, by_email=by_email)


@dataclass(frozen=True)
class RoleChange:
    """An existing person's role changed by the file: roles are permissions, so the operator sees each one."""

    email: str
    before: Role
    after: Role


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deactivated: int = 0
    reactivated: int = 0
    failures: list[RowFailure] = field(default_factory=list)
    role_changes: list[RoleChange] = field(default_factory=list)
    # People this import created, to be welcomed (models.messaging.reminders.enqueue_welcomes).
    new_people: list[Person] = field(default_factory=list, repr=False)

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def imported(self) -> int:
        """Rows that took effect: 0 means every row failed (a file has at least one row)."""
        return self.created + self.updated + self.unchanged + self.reactivated


@dataclass
class _Match:
    """A row with the person it is (None: someone new) and the Slack user it will be."""

    row: OrgRow
    person: Person | None
    slack_user_id: str
    profile: Profile | None = None


def import_org(
    session: Session, workspace: Workspace, source: str | Iterable[str], members: SlackMembers
) -> ImportReport:
    """Read `source` (CSV text, or lines from a file opened with newline="") and import it."""
    return apply_org_file(session, workspace, read_org_csv(source), members)


def apply_org_file(
    session: Session, workspace: Workspace, org_file: OrgFile, members: SlackMembers
) -> ImportReport:
    """Import checked rows into `workspace`, each matched to its Slack member in `members`."""
    people = list(session.scalars(select(Person).where(Person.workspace_id == workspace.id)))
    by_email = {person.email.lower(): person for person in people if person.email}
    by_slack_id = {person.slack_user_id: person for person in people}
    failures = list(org_file.failures)
    # Everyone a row is about, imported or not: only people no row mentions are deactivated.
    mentioned: set[int] = set()
    for failure in org_file.failures:
        mentioned.update(
            _ids(by_email.get(failure.email or ""), by_slack_id.get(failure.slack_user_id or ""))
        )

    matches: dict[str, _Match] = {}
    failed_emails = {failure.email for failure in org_file.failures if failure.email}
    slack_line_of: dict[str, int] = {}
    person_line_of: dict[int, int] = {}
    for row in org_file.rows:
        outcome = _match(row, by_email, by_slack_id, members)
        if isinstance(outcome, _Match):
            outcome = _unless_taken(outcome, slack_line_of, person_line_of)
        if isinstance(outcome, str):
            failures.append(RowFailure(row.line, outcome, row.email, row.slack_user_id))
            failed_emails.add(row.email)
            mentioned.update(_ids(by_email.get(row.email), by_slack_id.get(row.slack_user_id or "")))
            continue
        slack_line_of[outcome.slack_user_id] = row.line
        if outcome.person is not None:
            person_line_of[outcome.person.id] = row.line
        matches[row.email] = outcome

    for email, reason in _manager_problems(matches, failed_emails).items():
        match = matches.pop(email)
        failures.append(RowFailure(match.row.line, reason, email, match.slack_user_id))
        mentioned.update(_ids(match.person))

    report = ImportReport(failures=sorted(failures, key=lambda failure: failure.line))
    _write(session, workspace, matches, report)
    mentioned.update(_ids(*(match.person for match in matches.values())))
    for person in people:
        if person.active and person.in_org_chart and person.id not in mentioned:
            _set_active(session, person, active=False)
            report.deactivated += 1
    session.flush()
    return report


def _ids(*people: Person | None) -> set[int]:
    return {person.id for person in people if person is not None}


def _match(
    row: OrgRow, by_email: dict[str, Person], by_slack_id: dict[str, Person], members: SlackMembers
) -> _Match | str:
    """Who the row is: a known person by email or Slack id, and the Slack member it names."""
    known = by_email.get(row.email)
    if row.slack_user_id is not None:
        same_slack_user = by_slack_id.get(row.slack_user_id)
        if known is not None and same_slack_user is not None and known is not same_slack_user:
            other = same_slack_user.email or same_slack_user.name or same_slack_user.slack_user_id
            return Reason.SLACK_USER_TAKEN.format(slack_user_id=row.slack_user_id, other=other)
        member = members.by_id.get(row.slack_user_id)
        if member is None:
            return Reason.UNKNOWN_SLACK_USER.format(slack_user_id=row.slack_user_id)
        person = known or same_slack_user
    elif known is not None:
        member = members.by_id.get(known.slack_user_id) or members.by_email.get(row.email)
        if member is None:
            return Reason.NOT_IN_SLACK.format(email=row.email)
        person = known
    else:
        member = members.by_email.get(row.email)
        if member is None:
            return Reason.NOT_IN_SLACK.format(email=row.email)
        person = by_slack_id.get(member.user_id)
    if member.deleted:
        return Reason.DEACTIVATED_IN_SLACK
    if member.is_bot:
        return Reason.IS_BOT
    return _Match(row, person, member.user_id, member)


def _unless_taken(
    match: _Match, slack_line_of: dict[str, int], person_line_of: dict[int, int]
) -> _Match | str:
    """Two rows must not become one Slack user or one known person (say, by email and by Slack id)."""
    if match.slack_user_id in slack_line_of:
        return Reason.DUPLICATE_SLACK_USER.format(
            slack_user_id=match.slack_user_id, line=slack_line_of[match.slack_user_id]
        )
    if match.person is not None and match.person.id in person_line_of:
        return Reason.SAME_PERSON.format(line=person_line_of[match.person.id])
    return match


def _manager_problems(matches: dict[str, _Match], failed_emails: set[str]) -> dict[str, str]:
    """Why rows cannot take their place in the chart: unknown or failed manager, or a loop."""
    problems: dict[str, str | None] = {}  # email -> None when the chain reaches the top
    for start in matches:
        path: list[str] = []
        position: dict[str, int] = {}
        email = start
        while email not in problems:
            if email in position:
                loop = path[position[email] :]
                for i, member in enumerate(loop):
                    cycle = [*loop[i:], *loop[:i], member]
                    problems[member] = Reason.MANAGER_CYCLE.format(cycle=" → ".join(cycle))
                del path[position[email] :]
                break
            position[email] = len(path)
            path.append(email)
            manager = matches[email].row.manager_email
            if manager in matches:
                email = manager
                continue
            path.pop()
            if not manager:
                problems[email] = None
            elif manager in failed_emails:
                problems[email] = Reason.MANAGER_FAILED.format(manager=manager)
            else:
                problems[email] = Reason.UNKNOWN_MANAGER.format(manager=manager)
        for member in reversed(path):
            manager = matches[member].row.manager_email
            problems[member] = (
                None if problems[manager] is None else Reason.MANAGER_FAILED.format(manager=manager)
            )
    return {email: problem for email, problem in problems.items() if problem is not None}


def _snapshot(person: Person) -> tuple[object, ...]:
    return (
        person.slack_user_id,
        person.email,
        person.name,
        person.role,
        person.department,
        person.title,
        person.tz,
        person.locale,
        person.manager_id,
    )


def _write(session: Session, workspace: Workspace, matches: dict[str, _Match], report: ImportReport) -> None:
    before: dict[str, tuple[object, ...]] = {}
    old_roles: dict[str, Role | None] = {}
    was_active: dict[str, bool] = {}
    for email, match in matches.items():
        person = match.person
        if person is None:
            person = match.person = Person(
                workspace_id=workspace.id, name="", role=Role.EMPLOYEE, tz="UTC", active=True
            )
            session.add(person)
            old_roles[email] = None
        else:
            before[email] = _snapshot(person)
            old_roles[email] = person.role
            was_active[email] = person.active
        _apply_row(person, match)
    session.flush()  # new people get their ids, so managers can be linked

    for email, match in matches.items():
        person = match.person
        assert person is not None
        manager_email = match.row.manager_email
        manager = matches[manager_email].person if manager_email else None
        person.manager_id = manager.id if manager is not None else None
        old_role = old_roles[email]
        if old_role is not person.role and not (old_role is None and person.role is Role.EMPLOYEE):
            _record(
                session,
                person,
                "person.role",
                "role",
                old_role.value if old_role else None,
                person.role.value,
            )
            if old_role is not None:
                report.role_changes.append(RoleChange(match.row.email, old_role, person.role))
        if email not in before:
            report.created += 1
            report.new_people.append(person)
        elif not was_active[email]:
            _set_active(session, person, active=True)
            report.reactivated += 1
        elif before[email] != _snapshot(person):
            report.updated += 1
        else:
            report.unchanged += 1


def _apply_row(person: Person, match: _Match) -> None:
    row, profile = match.row, match.profile
    person.slack_user_id = match.slack_user_id
    person.email = row.email_as_written
    person.in_org_chart = True
    # The file's name wins; Slack's real name fills in where HR left the cell empty.
    if row.name:
        person.name = row.name
    elif profile is not None and profile.name:
        person.name = profile.name
    person.department = row.department
    person.title = row.title
    if row.role is not None:
        person.role = row.role
    if profile is not None:
        person.tz = profile.tz or person.tz
        # Slack's language, or "" for none: either way the person is known and never asked again.
        person.locale = profile.locale or ""


def _set_active(session: Session, person: Person, *, active: bool) -> None:
    person.active = active
    _record(
        session, person, "person.reactivate" if active else "person.deactivate", "active", not active, active
    )


def _record(session: Session, person: Person, action: str, key: str, before: object, after: object) -> None:
    audit.record(
        session,
        workspace_id=person.workspace_id,
        actor_id=None,
        action=action,
        entity_type="person",
        entity_id=person.id,
        before={key: before},
        after={key: after},
        reason=AUDIT_REASON,
    )
