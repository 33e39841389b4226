"""Reading an org chart CSV into rows that can be imported, and the reasons a row cannot be.

Every check here needs only the file itself; `models.org_import` adds what needs the
database and Slack (who exists already, who is in Slack, who reports to whom).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from models.people.entities import Role

REQUIRED_COLUMNS = ("email", "name", "manager_email", "role", "department", "title")
OPTIONAL_COLUMNS = ("slack_user_id",)

EMAIL_PATTERN = re.compile(r"^[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[^@\s<>,;\"]+$")
SLACK_USER_ID_PATTERN = re.compile(r"^[UW][A-Z0-9]{1,31}$")
COLUMN_LIMITS = {"email": 320, "name": 200, "department": 200, "title": 200}

ROLE_NAMES = {
    "employee": Role.EMPLOYEE,
    "manager": Role.MANAGER,
    "hr_admin": Role.HR_ADMIN,
    "hr": Role.HR_ADMIN,
}


class Reason:
    """Why a row was not imported: operator-facing English, filled in with `str.format`."""

    TOO_MANY_FIELDS = "{count} fields but the header has {expected} (quote values that contain commas)"
    MISSING_EMAIL = "missing email"
    INVALID_EMAIL = 'invalid email "{email}"'
    DUPLICATE_EMAIL = "duplicate email {email} (first on line {line})"
    BAD_ROLE = 'unknown role "{role}" (use employee, manager or hr_admin)'
    INVALID_SLACK_USER_ID = 'invalid slack_user_id "{slack_user_id}"'
    TOO_LONG = "{column} is longer than {limit} characters"
    DUPLICATE_SLACK_USER = "Slack user {slack_user_id} is also on line {line}"
    SAME_PERSON = "the same person as line {line} (matched by email or Slack user)"
    SLACK_USER_TAKEN = "Slack user {slack_user_id} is already registered as someone else ({other})"
    NOT_IN_SLACK = "{email} is not in Slack"
    UNKNOWN_SLACK_USER = "Slack user {slack_user_id} is not in this workspace"
    DEACTIVATED_IN_SLACK = "deactivated in Slack"
    IS_BOT = "is a bot"
    UNKNOWN_MANAGER = "unknown manager {manager}"
    MANAGER_CYCLE = "manager cycle: {cycle}"
    MANAGER_FAILED = "manager {manager} could not be imported"


class UnusableFile(Exception):
    """The file as a whole cannot be imported (no header, a missing column, broken CSV); nothing changed."""


@dataclass(frozen=True)
class OrgRow:
    """One person as the file describes them. `email` and `manager_email` are lower-cased keys."""

    line: int
    email: str
    email_as_written: str
    name: str
    manager_email: str
    role: Role | None  # None: the cell was empty, so an existing person keeps their role
    department: str
    title: str
    slack_user_id: str | None


@dataclass(frozen=True)
class RowFailure:
    """A row that was not imported. `email`/`slack_user_id` say whom it was about, where known."""

    line: int
    reason: str
    email: str | None = None
    slack_user_id: str | None = None


@dataclass
class OrgFile:
    rows: list[OrgRow] = field(default_factory=list)
    failures: list[RowFailure] = field(default_factory=list)


def parse_role(text: str) -> Role | None:
    """employee, manager or hr_admin in any case; `hr admin`, `hr-admin` and `hr` are HR too; '' is None."""
    key = re.sub(r"[\s_-]+", "_", text.strip().lower())
    if not key:
        return None
    if key not in ROLE_NAMES:
        raise ValueError(text)
    return ROLE_NAMES[key]


def read_org_csv(source: str | Iterable[str]) -> OrgFile:
    """Parse and check every row; open files with `newline=""` so quoted line breaks survive."""
    lines = io.StringIO(source, newline="") if isinstance(source, str) else source
    reader = csv.reader(lines)
    try:
        header = next(reader, None)
        if header is None:
            raise UnusableFile("the file is empty; line 1 must be the header: " + ",".join(REQUIRED_COLUMNS))
        rows = _RowReader(header)
        line = reader.line_num + 1  # a record's first physical line; line_num is its last
        for record in reader:
            if any(cell.strip() for cell in record):
                rows.read(line, record)
            line = reader.line_num + 1
    except csv.Error as error:
        raise UnusableFile(f"line {reader.line_num}: not valid CSV ({error})") from None
    if not rows.org_file.rows and not rows.org_file.failures:
        raise UnusableFile("the file has a header but no people; nobody was changed")
    return rows.org_file


class _RowReader:
    """Checks rows one by one, remembering the lines emails and Slack users were first seen on."""

    def __init__(self, header: list[str]) -> None:
        self.columns = _columns(header)
        self.width = len(header)
        self.org_file = OrgFile()
        self.email_line_of: dict[str, int] = {}
        self.slack_line_of: dict[str, int] = {}

    def read(self, line: int, record: list[str]) -> None:
        def cell(name: str) -> str:
            index = self.columns.get(name)
            return record[index].strip() if index is not None and index < len(record) else ""

        email = cell("email").lower()
        slack_user_id = cell("slack_user_id").upper() or None
        reason = self._problem(record, cell)
        # Whom the row is about, even when it fails: that person must not be deactivated for a typo.
        if EMAIL_PATTERN.match(email) and email not in self.email_line_of:
            self.email_line_of[email] = line
        else:
            email = ""
        if (
            slack_user_id
            and SLACK_USER_ID_PATTERN.match(slack_user_id)
            and slack_user_id not in self.slack_line_of
        ):
            self.slack_line_of[slack_user_id] = line
        else:
            slack_user_id = None
        if reason is not None:
            self.org_file.failures.append(RowFailure(line, reason, email or None, slack_user_id))
            return
        self.org_file.rows.append(
            OrgRow(
                line=line,
                email=email,
                email_as_written=cell("email"),
                name=cell("name"),
                manager_email=cell("manager_email").lower(),
                role=parse_role(cell("role")),
                department=cell("department"),
                title=cell("title"),
                slack_user_id=slack_user_id,
            )
        )

    def _problem(self, record: list[str], cell: Callable[[str], str]) -> str | None:
        if any(value.strip() for value in record[self.width :]):
            # Extra cells only matter when they hold something: a comma lost its quotes and values shifted.
            return Reason.TOO_MANY_FIELDS.format(count=len(record), expected=self.width)
        email = cell("email").lower()
        if not email:
            return Reason.MISSING_EMAIL
        if not EMAIL_PATTERN.match(email):
            return Reason.INVALID_EMAIL.format(email=cell("email"))
        if email in self.email_line_of:
            return Reason.DUPLICATE_EMAIL.format(email=email, line=self.email_line_of[email])
        for column, limit in COLUMN_LIMITS.items():
            if len(cell(column)) > limit:
                return Reason.TOO_LONG.format(column=column, limit=limit)
        try:
            parse_role(cell("role"))
        except ValueError:
            return Reason.BAD_ROLE.format(role=cell("role"))
        slack_user_id = cell("slack_user_id").upper()
        if slack_user_id and not SLACK_USER_ID_PATTERN.match(slack_user_id):
            return Reason.INVALID_SLACK_USER_ID.format(slack_user_id=cell("slack_user_id"))
        if slack_user_id in self.slack_line_of:
            line = self.slack_line_of[slack_user_id]
            return Reason.DUPLICATE_SLACK_USER.format(slack_user_id=slack_user_id, line=line)
        return None


def _columns(header: list[str]) -> dict[str, int]:
    names = [cell.strip().lstrip("\ufeff").strip().lower() for cell in header]
    duplicated = sorted({name for name in names if name and names.count(name) > 1})
    if duplicated:
        raise UnusableFile(f"line 1: column {', '.join(duplicated)} appears more than once")
    missing = [name for name in REQUIRED_COLUMNS if name not in names]
    if missing:
        raise UnusableFile(
            f"line 1: missing required column{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
            f"(the header needs {','.join(REQUIRED_COLUMNS)}, optionally slack_user_id)"
        )
    return {name: names.index(name) for name in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS) if name in names}
