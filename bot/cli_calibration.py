"""`perfbot cycle calibrate ID EMAIL RATING --reason … --by HR_EMAIL`: HR's audited change of a final rating.
`perfbot cycle calibration ID [--format text|csv]`: the distribution of final ratings per department
and per reviewing manager, each group's mean beside the organisation's; a group of fewer than four
rated people shows no mean, and says why. CSV is spreadsheet-safe (models/export.py)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from models.reviews.calibration import CalibrationView, Group
    from models.workspace import Workspace

SMALL = "fewer than {n} rated: no mean, so that no one's rating can be inferred"


def add_calibration_command(sub: Any, run_in_workspace: Any, find_person: Any) -> None:
    command = sub.add_parser(
        "calibration",
        help="final ratings per department and manager, with means (csv for a spreadsheet)",
        description=(
            "The distribution of final ratings per department and per reviewing manager, each "
            "group's mean beside the organisation's. Groups of fewer than 4 rated people show no mean."
        ),
    )
    command.add_argument("id", type=int, metavar="ID", help="the cycle's id (see `perfbot cycle list`)")
    command.add_argument("--format", choices=("text", "csv"), default="text", help="text (default) or csv")

    def run(args: argparse.Namespace) -> int:
        return int(run_in_workspace(args, lambda session, workspace: _calibration(args, session, workspace)))

    command.set_defaults(handler=run)

    calibrate = sub.add_parser(
        "calibrate",
        help="change a participant's final rating in calibration, with a reason (audited; manager told)",
        description=(
            "Change a participant's final rating during calibration. The reason is required and kept "
            "in the audit log with the rating before and after, who changed it and when; the reviewing "
            "manager is told by DM."
        ),
    )
    calibrate.add_argument("id", type=int, metavar="ID", help="the cycle's id")
    calibrate.add_argument("person", metavar="EMAIL", help="the participant")
    calibrate.add_argument(
        "rating", type=int, metavar="RATING", help="the new final rating, on the cycle's scale"
    )
    calibrate.add_argument(
        "--reason", required=True, help="why (kept in the audit log, shown to the manager)"
    )
    calibrate.add_argument("--by", required=True, metavar="HR_EMAIL", help="the HR admin making the change")

    def change(args: argparse.Namespace) -> int:
        def work(session: Session, workspace: Workspace) -> int:
            from models.base import utcnow
            from models.errors import NotFound
            from models.i18n import N_
            from models.reviews import get_cycle, participant_of
            from models.reviews.calibration import change_final_rating

            cycle = get_cycle(session, workspace, args.id)
            participant = participant_of(session, cycle, find_person(session, workspace, args.person))
            if participant is None:
                raise NotFound(N_("{email} does not take part in this review cycle."), email=args.person)
            hr = find_person(session, workspace, args.by)
            done = change_final_rating(session, hr, cycle, participant, args.rating, args.reason, utcnow())
            print(f"final rating of {args.person}: {done.before} → {done.after} (audited; manager told)")
            return 0

        return int(run_in_workspace(args, work))

    calibrate.set_defaults(handler=change)


def _rows(view: CalibrationView) -> Iterator[tuple[str, Group]]:
    yield "organisation", view.organisation
    for group in view.departments:
        yield "department", group
    for group in view.managers:
        yield "manager", group


def _calibration(args: argparse.Namespace, session: Session, workspace: Workspace) -> int:
    from models.export import write_csv
    from models.reviews import get_cycle
    from models.reviews.calibration import MIN_GROUP, calibration_view

    view = calibration_view(session, None, get_cycle(session, workspace, args.id))
    note = SMALL.format(n=MIN_GROUP)
    if args.format == "csv":
        header = [
            "group",
            "name",
            "participants",
            "rated",
            *(f"rating {r}" for r in view.ratings),
            "mean",
            "note",
        ]
        write_csv(
            sys.stdout,
            header,
            (
                [
                    kind,
                    group.name,
                    group.participants,
                    group.rated,
                    *(group.counts.get(r, 0) for r in view.ratings),
                    group.mean,
                    note if group.too_small else "",
                ]
                for kind, group in _rows(view)
            ),
        )
        return 0
    print(f"cycle {view.cycle_id}: {view.cycle_name}: final ratings")
    for kind, group in _rows(view):
        spread = ", ".join(f"{r}: {group.counts.get(r, 0)}" for r in view.ratings)
        mean = f"mean {group.mean}" if group.mean is not None else note
        name = f" {group.name}" if group.name else ""
        print(f"{kind}{name}: {group.rated} of {group.participants} rated ({spread}); {mean}")
    return 0
