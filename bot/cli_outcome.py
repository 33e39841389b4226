"""`perfbot cycle outcome ID --email E --by HR_EMAIL [--tier T --reason R] [--promotion yes|no]
[--training yes|no] [--training-label L] [--transfer yes|no]`: HR records a participant's outcome
(audited). What is not given stays as recorded; the tier follows the final rating unless --tier names
another, which needs --reason."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from models.reviews import OutcomeInput, ReviewOutcome
    from models.workspace import Workspace

YES_NO = ("yes", "no")


def add_outcome_command(sub: Any, run_in_workspace: Any, find_person: Any) -> None:
    command = sub.add_parser(
        "outcome",
        help="record a participant's outcome: bonus tier, promotion, training, transfer (audited)",
        description=(
            "Record a participant's outcome once their manager review is submitted. The bonus tier "
            "follows the final rating through the cycle's bonus_tiers unless --tier names another, "
            "which needs --reason. Options not given keep what is recorded. Every change is audited."
        ),
    )
    command.add_argument("id", type=int, metavar="ID", help="the cycle's id")
    command.add_argument("--email", required=True, metavar="EMAIL", help="the participant")
    command.add_argument("--by", required=True, metavar="HR_EMAIL", help="the HR admin recording it")
    command.add_argument("--tier", metavar="TIER", help="a bonus tier of the cycle (default: the mapped one)")
    command.add_argument("--reason", metavar="R", help="why the tier differs (kept in the audit log)")
    command.add_argument("--promotion", choices=YES_NO, help="promotion nomination")
    command.add_argument("--training", choices=YES_NO, help="training")
    command.add_argument("--training-label", metavar="L", help="a short label for the training")
    command.add_argument("--transfer", choices=YES_NO, help="transfer")

    def run(args: argparse.Namespace) -> int:
        return int(
            run_in_workspace(args, lambda session, workspace: _record(args, session, workspace, find_person))
        )

    command.set_defaults(handler=run)


def _flag(value: str | None, current: bool) -> bool:
    return current if value is None else value == "yes"


def _merged(args: argparse.Namespace, now: ReviewOutcome | None) -> OutcomeInput:
    """The outcome to record: what the options say, and what is recorded where they say nothing."""
    from models.reviews import OutcomeInput

    tier: str | None = args.tier
    reason: str = args.reason or ""
    if tier is None and now is not None and now.tier_override is not None:
        tier, reason = now.tier_override, args.reason or now.override_reason or ""
    label: str | None = args.training_label
    if label is None:
        label = now.training_label if now is not None else ""
    return OutcomeInput(
        tier=tier,
        reason=reason,
        promotion=_flag(args.promotion, now is not None and now.promotion),
        training=_flag(args.training, now is not None and now.training),
        training_label=label,
        transfer=_flag(args.transfer, now is not None and now.transfer),
    )


def _record(args: argparse.Namespace, session: Session, workspace: Workspace, find_person: Any) -> int:
    from models.base import utcnow
    from models.errors import NotFound
    from models.i18n import N_
    from models.reviews import get_cycle, outcome_form, participant_of, record_outcome

    cycle = get_cycle(session, workspace, args.id)
    participant = participant_of(session, cycle, find_person(session, workspace, args.email))
    if participant is None:
        raise NotFound(N_("{email} does not take part in this review cycle."), email=args.email)
    hr = find_person(session, workspace, args.by)
    form = outcome_form(session, hr, cycle, participant)
    data = _merged(args, form.outcome)
    outcome = record_outcome(session, hr, cycle, participant, data, utcnow())
    tier = outcome.tier_override or form.mapped_tier
    how = "overridden" if outcome.tier_override else f"from final rating {form.final_rating}"
    training = (
        "yes" + (f" ({outcome.training_label})" if outcome.training_label else "")
        if outcome.training
        else "no"
    )
    print(
        f"outcome of {args.email}: tier {tier} ({how}), promotion {'yes' if outcome.promotion else 'no'}, "
        f"training {training}, transfer {'yes' if outcome.transfer else 'no'} (audited)"
    )
    return 0
