"""`perfbot export appeals --cycle ID --format csv`: one row per appeal of a review cycle (the part, the
state, the working days to a decision, the outcome); `--format text`: the cycle's figures. No free
text and no names; CSV is spreadsheet-safe (models/export.py)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from bot.cli_org import TEAM_HELP

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from models.workspace import Workspace

APPEALS_DESCRIPTION = (
    "One row per appeal of a review cycle: the contested part (overall or a criterion key), its state, "
    "the working days from filing to the decision and the outcome (upheld, adjusted, rejected). No "
    "reasons, no explanations, no names. --format text prints the cycle's figures instead: the count "
    "of appeals, the share adjusted and the median working days to a decision."
)


def add_commands(commands: Any) -> None:
    export = commands.add_parser(
        "export", help="CSV for HR: appeals", description="Exports for HR, safe to open in a spreadsheet."
    )
    sub = export.add_subparsers(dest="export_command", metavar="WHAT", required=True)
    appeals = sub.add_parser(
        "appeals",
        help="a cycle's appeals: part, state, working days to decision, outcome (no text, no names)",
        description=APPEALS_DESCRIPTION,
    )
    appeals.add_argument("--cycle", type=int, required=True, metavar="ID", help="the review cycle's id")
    appeals.add_argument("--format", choices=("csv", "text"), default="csv", help="csv (default) or text")
    appeals.add_argument("--team", metavar="TEAM_ID", help=TEAM_HELP)
    appeals.set_defaults(handler=run_appeals)


def run_appeals(args: argparse.Namespace) -> int:
    from bot.cli_cycle import _in_workspace

    return int(_in_workspace(args, lambda session, workspace: _appeals(args, session, workspace)))


def _appeals(args: argparse.Namespace, session: Session, workspace: Workspace) -> int:
    from models.appeals import EXPORT_HEADER, appeal_stats, export_rows
    from models.export import write_csv

    if args.format == "csv":
        write_csv(sys.stdout, EXPORT_HEADER, export_rows(session, workspace, args.cycle))
        return 0
    stats = appeal_stats(session, workspace, None, args.cycle)
    share = "–" if stats.share_adjusted is None else f"{stats.share_adjusted * 100:.0f}%"
    median = "–" if stats.median_working_days is None else str(stats.median_working_days)
    print(
        f"cycle {stats.cycle_id}: {stats.count} appeals, {stats.decided} decided, {stats.adjusted} adjusted "
        f"({share} of decided); median working days to decision: {median}"
    )
    return 0
