"""Operator commands for the org chart: `org import FILE.csv` and `org grant-hr EMAIL`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.settings import Settings, load_settings

if TYPE_CHECKING:
    from slack_sdk import WebClient

    from models.people import SlackMembers

IMPORT_DESCRIPTION = """\
Import or update the people of a workspace from a CSV file (UTF-8) with the columns
email,name,manager_email,role,department,title and optionally slack_user_id.

role is employee, manager or hr_admin ("hr admin" and "hr" work too); an empty role
keeps an existing person's role. An empty manager_email is the top of the org.
The workspace's members are read once with users.list (a page of 200 per call; the
app needs users:read and, to match rows without slack_user_id by email,
users:read.email), so every person starts with their Slack name, time zone and
language. A row names its Slack user by slack_user_id or, without it, by email.

The file is the org of record: re-importing updates people in place, people it no
longer lists are deactivated (not deleted) and come back when listed again. Rows
that cannot be imported are reported as "line N: reason"; every other row is
imported, in one transaction.

Exit status: 0 all rows imported, 1 some rows failed (the others were imported),
2 nothing was imported: the file or the settings are unusable, Slack could not be
asked, or every row failed (nothing was changed)."""

TEAM_HELP = "Slack team id of the workspace (default: ask Slack with auth.test, which needs SLACK_BOT_TOKEN)"


class NothingImported(Exception):
    """Every row failed: the import is rolled back as a whole."""


class SlackUnavailable(Exception):
    """Slack cannot answer for this command at all; the message names the call and Slack's error code."""


def add_commands(commands: Any) -> None:
    org = commands.add_parser(
        "org",
        help="the org chart: import people from CSV, grant the HR admin role",
        description="Manage the org chart of the workspace the bot token belongs to.",
    )
    org_commands = org.add_subparsers(dest="org_command", metavar="COMMAND", required=True)

    org_import = org_commands.add_parser(
        "import",
        help="import or update people, managers and roles from a CSV file",
        description=IMPORT_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    org_import.add_argument("file", metavar="FILE.csv", help="the CSV file; line 1 is the header")
    org_import.add_argument("--team", metavar="TEAM_ID", help=TEAM_HELP)
    org_import.set_defaults(handler=run_org_import)

    grant_hr = org_commands.add_parser(
        "grant-hr",
        help="make an imported or registered person an HR admin",
        description="Make the person with this email an HR admin of the workspace. The change is "
        "written to the audit log with no actor (the operator at the command line). "
        "Exit status 1 when no one in the workspace has that email.",
    )
    grant_hr.add_argument("email", metavar="EMAIL", help="the person's email, as imported")
    grant_hr.add_argument("--team", metavar="TEAM_ID", help=TEAM_HELP)
    grant_hr.set_defaults(handler=run_grant_hr)


def run_org_import(args: argparse.Namespace) -> int:
    from bot.runtime import build_runtime
    from models.base import utcnow
    from models.db import unit_of_work
    from models.messaging import enqueue_welcomes
    from models.people import UnusableFile, apply_org_file, read_org_csv
    from models.workspace import get_or_create_workspace

    try:
        # newline="" keeps line breaks inside quoted cells for the CSV reader; -sig drops Excel's BOM.
        with Path(args.file).open(encoding="utf-8-sig", newline="") as csv_file:
            org_file = read_org_csv(csv_file)
    except OSError as error:
        return _fail(f"cannot read {args.file}: {error.strerror or error}", status=2)
    except UnicodeDecodeError:
        return _fail(f"{args.file} is not UTF-8 text; save it as CSV UTF-8", status=2)
    except UnusableFile as error:
        return _fail(f"{args.file}: {error}; nothing was imported", status=2)

    settings = load_settings()
    slack = SlackDirectory(settings)
    try:
        team_id, enterprise_id = _team(args, slack)
        members = slack.members()
        runtime = build_runtime(settings, migrate_sqlite=True)
        with unit_of_work(runtime.session_factory) as session:
            workspace = get_or_create_workspace(session, team_id, enterprise_id)
            report = apply_org_file(session, workspace, org_file, members)
            if report.imported == 0:
                raise NothingImported  # rolls back: not even the workspace row stays
            # Newcomers get the welcome DM from the scheduler, in their own working hours.
            welcomed = enqueue_welcomes(session, report.new_people, utcnow())
    except SlackUnavailable as error:
        return _fail(f"{error}; nothing was imported", status=2)
    except NothingImported:
        for failure in report.failures:
            print(f"line {failure.line}: {failure.reason}")
        return _fail(f"every row of {args.file} failed ({report.failed}); nothing was imported", status=2)

    print(
        f"imported {args.file} into workspace {team_id}: {report.created} created, {report.updated} updated, "
        f"{report.unchanged} unchanged, {report.deactivated} deactivated, {report.reactivated} reactivated, "
        f"{report.failed} failed; {welcomed} welcome messages queued"
    )
    for change in report.role_changes:
        print(f"role of {change.email}: {change.before.value} → {change.after.value}")
    for failure in report.failures:
        print(f"line {failure.line}: {failure.reason}")
    return 1 if report.failures else 0


def run_grant_hr(args: argparse.Namespace) -> int:
    from bot.runtime import build_runtime
    from models.db import unit_of_work
    from models.errors import DomainError
    from models.i18n import Translator
    from models.people import Role, grant_hr_admin, person_by_email
    from models.workspace import find_workspace

    settings = load_settings()
    try:
        team_id, _enterprise_id = _team(args, SlackDirectory(settings))
    except SlackUnavailable as error:
        return _fail(str(error), status=2)
    runtime = build_runtime(settings, migrate_sqlite=True)
    with unit_of_work(runtime.session_factory) as session:
        workspace = find_workspace(session, team_id)
        person = person_by_email(session, workspace, args.email) if workspace is not None else None
        if workspace is None or person is None:
            return _fail(
                f"no one with email {args.email} in workspace {team_id}; import them first", status=1
            )
        was_hr_admin = person.role is Role.HR_ADMIN
        try:
            grant_hr_admin(session, workspace, None, person)
        except DomainError as error:
            return _fail(error.render(Translator("en")), status=1)
        name = person.name or person.email or person.slack_user_id
    print(f"{name} is {'already' if was_hr_admin else 'now'} an HR admin of workspace {team_id}")
    return 0


def _fail(message: str, *, status: int) -> int:
    print(f"perfbot: {message}", file=sys.stderr)
    return status


def _team(args: argparse.Namespace, slack: SlackDirectory) -> tuple[str, str | None]:
    if args.team:
        return str(args.team), None
    return slack.team()


class SlackDirectory:
    """The Slack Web API as the import needs it; the client (and the token) only when first asked."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._client: WebClient | None = None

    def client(self) -> WebClient:
        if self._client is None:
            from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

            from bot.runtime import web_client

            self._client = web_client(self.settings)
            # An operator can wait out users.list's rate limit (Tier 2); a request handler could not.
            self._client.retry_handlers.append(RateLimitErrorRetryHandler(max_retry_count=5))
        return self._client

    def team(self) -> tuple[str, str | None]:
        response = self._call("auth.test", lambda client: client.auth_test())
        return str(response["team_id"]), response.get("enterprise_id") or None

    def members(self) -> SlackMembers:
        """Everyone in the workspace, from one users.list walk (a call per 200 members)."""
        from handlers.directory import list_members

        return self._call("users.list", list_members)  # type: ignore[no-any-return]

    def _call(self, method: str, call: Callable[[WebClient], Any]) -> Any:
        from slack_sdk.errors import SlackApiError, SlackClientError

        client = self.client()
        try:
            return call(client)
        except SlackApiError as error:
            code = str(error.response.get("error"))
            hint = " (the app needs the users:read scope)" if code == "missing_scope" else ""
            raise SlackUnavailable(f"Slack refused {method}: {code}{hint}") from None
        except (SlackClientError, OSError) as error:
            # Only the kind of failure: some client errors repeat the request, headers included.
            raise SlackUnavailable(f"could not reach Slack for {method} ({type(error).__name__})") from None
