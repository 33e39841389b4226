"""Operator commands for review cycles: `cycle create FILE [--start DATE]`, list, show, launch, status,
extend (a deadline), reassign (a reviewing manager), calibration (bot/cli_calibration.py), outcome
(bot/cli_outcome.py) and release (bot/cli_release.py)."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.cli_calibration import add_calibration_command
from bot.cli_org import TEAM_HELP, SlackDirectory, SlackUnavailable, _team
from bot.cli_outcome import add_outcome_command
from bot.cli_release import add_release_command
from bot.settings import load_settings

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from models.workspace import Workspace

CREATE_DESCRIPTION = """\
Create a draft review cycle from a YAML or JSON file (see docs/cycle-example.yaml, which is
accepted as it is) and print its id. The file is checked whole: if anything is wrong,
nothing is created and every problem is printed by its path in the file, e.g.

    criteria[2].standards: 5 levels needed, 4 given

--start DATE (YYYY-MM-DD, or "today") moves every date in the file by the same number of days,
so that the period starts on DATE: last year's file serves again.

Exit status: 0 created, 2 the file or the settings are unusable (nothing was created)."""


def add_commands(commands: Any) -> None:
    cycle = commands.add_parser(
        "cycle",
        help="review cycles: create, list, show, launch, status, extend, reassign, calibrate, outcome, "
        "release",
        description="Set up and run review cycles (self-assessments and peer reviews in Slack).",
    )
    sub = cycle.add_subparsers(dest="cycle_command", metavar="COMMAND", required=True)
    create = sub.add_parser(
        "create",
        help="create a draft cycle from a YAML or JSON file; prints its id",
        description=CREATE_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    create.add_argument("file", metavar="FILE", help="the cycle file (YAML or JSON)")
    create.add_argument(
        "--start", metavar="DATE", help='move every date so the period starts on DATE ("today" works)'
    )
    create.set_defaults(handler=run_create)
    sub.add_parser("list", help="the workspace's cycles, newest first").set_defaults(handler=run_list)
    for name, help_text, handler in (
        ("show", "a cycle's settings: period, deadlines, criteria, peers", run_show),
        ("launch", "launch a draft: freeze the participants and DM each of them", run_launch),
        ("status", "per stage: done, owed and overdue counts, and who owes", run_status),
    ):
        command = sub.add_parser(name, help=help_text, description=help_text[0].upper() + help_text[1:] + ".")
        command.add_argument("id", type=int, metavar="ID", help="the cycle's id (see `perfbot cycle list`)")
        command.set_defaults(handler=handler)
    extend = sub.add_parser(
        "extend",
        help="move a running cycle's stage deadline later, for everyone or one person (audited)",
        description="Move a stage deadline later for the whole cycle, or with --person for one person.",
    )
    extend.add_argument("id", type=int, metavar="ID")
    extend.add_argument(
        "stage",
        choices=[stage.value for stage in _stages()],
        metavar="STAGE",
        help="self_assessment, peer_nomination, peer_reviews, manager_review, calibration or release",
    )
    extend.add_argument("date", metavar="DATE", help="the new last day, YYYY-MM-DD")
    extend.add_argument("--person", metavar="EMAIL", help="only this participant")
    extend.add_argument("--reason", default="", help="why (kept in the audit log)")
    extend.set_defaults(handler=run_extend)
    reassign = sub.add_parser(
        "reassign",
        help="give a participant another reviewing manager for this cycle (audited)",
        description="Give a participant another reviewing manager; the org chart is untouched.",
    )
    reassign.add_argument("id", type=int, metavar="ID")
    reassign.add_argument("person", metavar="EMAIL", help="the participant")
    reassign.add_argument("manager", metavar="MANAGER_EMAIL", help="the new reviewing manager")
    reassign.add_argument("--reason", default="", help="why (kept in the audit log)")
    reassign.set_defaults(handler=run_reassign)
    add_calibration_command(sub, _in_workspace, _person)
    add_outcome_command(sub, _in_workspace, _person)
    add_release_command(sub, _in_workspace)
    for command in sub.choices.values():
        command.add_argument("--team", metavar="TEAM_ID", help=TEAM_HELP)


def _fail(message: str, *, status: int) -> int:
    print(f"perfbot: {message}", file=sys.stderr)
    return status


def _start(value: str | None) -> date | None:
    if value is None:
        return None
    return date.today() if value.strip().lower() == "today" else date.fromisoformat(value)


def run_create(args: argparse.Namespace) -> int:
    from models.errors import DomainError
    from models.i18n import translator
    from models.reviews import check_definition, create_cycle, parse_cycle_file, shift_dates

    try:
        start = _start(args.start)
    except ValueError:
        return _fail(f"--start {args.start}: give a date as YYYY-MM-DD, or today", status=2)
    try:
        text = Path(args.file).read_text(encoding="utf-8-sig")
    except OSError as error:
        return _fail(f"cannot read {args.file}: {error.strerror or error}", status=2)
    except UnicodeDecodeError:
        return _fail(f"{args.file} is not UTF-8 text", status=2)
    t = translator("en")
    try:
        data = parse_cycle_file(text)
        if start is not None and isinstance(data, dict):
            data = shift_dates(data, start)
        definition = check_definition(data)
    except DomainError as error:
        print(f"perfbot: {args.file} was not used; nothing was created:", file=sys.stderr)
        for problem in error.problems:
            print(f"{problem.field}: {problem.render(t)}", file=sys.stderr)
        return 2

    def create(session: Session, workspace: Workspace) -> int:
        cycle = create_cycle(session, workspace, None, definition)
        print(cycle.id)
        return 0

    return _in_workspace(args, create, create_workspace=True)


def _in_workspace(args: argparse.Namespace, work: Any, *, create_workspace: bool = False) -> int:
    from bot.runtime import build_runtime
    from models.db import unit_of_work
    from models.errors import DomainError
    from models.i18n import translator
    from models.workspace import find_workspace, get_or_create_workspace

    settings = load_settings()
    try:
        team_id, enterprise_id = _team(args, SlackDirectory(settings))
    except SlackUnavailable as error:
        return _fail(str(error), status=2)
    runtime = build_runtime(settings, migrate_sqlite=True)
    try:
        with unit_of_work(runtime.session_factory) as session:
            if create_workspace:
                workspace = get_or_create_workspace(session, team_id, enterprise_id)
            else:
                found = find_workspace(session, team_id)
                if found is None:
                    return _fail(f"perfbot knows no workspace {team_id}; import the org first", status=1)
                workspace = found
            status: int = work(session, workspace)
            return status
    except DomainError as error:
        return _fail(error.render(translator("en")), status=1)


def run_list(args: argparse.Namespace) -> int:
    from models.reviews import list_cycles

    def show(session: Session, workspace: Workspace) -> int:
        for cycle in list_cycles(session, workspace):
            print(
                f"{cycle.id}\t{cycle.status.value}\t{cycle.period_start} – {cycle.period_end}\t{cycle.name}"
            )
        return 0

    return _in_workspace(args, show)


def run_show(args: argparse.Namespace) -> int:
    from models.reviews import definition_of, get_cycle

    def show(session: Session, workspace: Workspace) -> int:
        cycle = get_cycle(session, workspace, args.id)
        definition = definition_of(cycle)
        version = cycle.settings_version
        print(f"cycle {cycle.id}: {cycle.name} ({cycle.status.value}, settings version {version})")
        print(f"period: {cycle.period_start} – {cycle.period_end}")
        print("deadlines:")
        for stage, day in definition.deadlines.model_dump().items():
            print(f"  {stage}: {day}")
        print("scale:")
        for rating, level in zip(definition.scale.ratings, definition.scale.levels, strict=True):
            print(f"  {rating} {level.label}: {level.standard}")
        print("criteria: " + ", ".join(f"{c.name} ({c.key})" for c in definition.criteria))
        print("peer questions: " + ", ".join(q.key for q in definition.peer_questions))
        print(f"weights: goals {definition.weights.goals}%, criteria {definition.weights.criteria}%")
        print(f"peers: {definition.peers.min} to {definition.peers.max}")
        print(f"appeal window: {definition.appeal_window_days} days after release")
        print(f"HR sees peer reviewers' names: {'yes' if definition.hr_sees_peer_names else 'no'}")
        print("bonus tiers: " + ", ".join(f"{r} {tier}" for r, tier in definition.tier_mapping().items()))
        return 0

    return _in_workspace(args, show)


def run_launch(args: argparse.Namespace) -> int:
    from models.base import utcnow
    from models.reviews import launch_cycle

    def launch(session: Session, workspace: Workspace) -> int:
        count = launch_cycle(session, workspace, None, args.id, utcnow())
        print(f"launched cycle {args.id}: {count} participants; their launch messages are queued")
        return 0

    return _in_workspace(args, launch)


def run_status(args: argparse.Namespace) -> int:
    from models.base import utcnow
    from models.reviews import get_cycle, stage_counts

    def status(session: Session, workspace: Workspace) -> int:
        cycle = get_cycle(session, workspace, args.id)
        print(f"cycle {cycle.id}: {cycle.name} ({cycle.status.value})")
        for count in stage_counts(session, cycle, utcnow().date(), names=True):
            print(
                f"{count.stage.value} (due {count.due}): {count.done} done, {count.owed} owed, "
                f"{count.overdue} overdue"
            )
            if count.owing:
                more = count.owed - len(count.owing)
                print("  owed by: " + ", ".join(count.owing) + (f" and {more} more" if more > 0 else ""))
        return 0

    return _in_workspace(args, status)


def _stages() -> list[Any]:
    from models.reviews import Stage

    return list(Stage)


def _person(session: Session, workspace: Workspace, email: str) -> Any:
    from models.errors import NotFound
    from models.i18n import N_
    from models.people import person_by_email

    person = person_by_email(session, workspace, email)
    if person is None:
        raise NotFound(N_("No one with email {email} in this workspace."), email=email)
    return person


def run_extend(args: argparse.Namespace) -> int:
    from models.reviews import Stage, extend_deadline

    try:
        day = date.fromisoformat(args.date)
    except ValueError:
        return _fail(f"{args.date}: give a date as YYYY-MM-DD", status=2)

    def extend(session: Session, workspace: Workspace) -> int:
        person = _person(session, workspace, args.person) if args.person else None
        stage = Stage(args.stage)
        extend_deadline(session, workspace, None, args.id, stage, day, person=person, reason=args.reason)
        who = f" for {args.person}" if args.person else ""
        print(f"cycle {args.id}: {stage.value} now due {day.isoformat()}{who}")
        return 0

    return _in_workspace(args, extend)


def run_reassign(args: argparse.Namespace) -> int:
    from models.reviews import reassign_manager

    def reassign(session: Session, workspace: Workspace) -> int:
        person, manager = _person(session, workspace, args.person), _person(session, workspace, args.manager)
        reassign_manager(session, workspace, None, args.id, person, manager, reason=args.reason)
        print(f"cycle {args.id}: {args.person} is now reviewed by {args.manager}")
        return 0

    return _in_workspace(args, reassign)
