"""Filing an appeal: which parts of one's released results can be contested now, the evidence one can
point to, and the filing itself, assigned at once to the next HR admin in turn."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.appeals import machine
from models.appeals.assignment import next_assignee
from models.appeals.entities import AppealEntry, AppealRow
from models.appeals.messages import AppealMessage, queue
from models.appeals.permissions import SYSTEM_ACTOR, Parties, may, relations_of
from models.appeals.records import apply_step, key, parties_of, person_id_of, value_of
from models.appeals.settings import appeal_settings
from models.appeals.states import Action
from models.errors import DomainError, NotFound, PermissionDenied, Problem
from models.goals import Goal, GoalCheckin, GoalStatus
from models.i18n import N_
from models.people import Person
from models.reviews import (
    OVERALL,
    ManagerReview,
    ReviewCycle,
    ReviewParticipant,
    SubmissionStatus,
    appeal_window_last_day,
    appeal_window_open,
    definition_of,
    is_released,
)
from models.workspace import Workspace

MAX_REASON = 3000
MAX_OUTCOME = 1000
MAX_EVIDENCE = 20
MAX_LINK = 500
MAX_OPTIONS = 100  # Slack's limit on a select's options
MAX_LABEL = 75  # and on an option's text
OVERALL_LABEL = N_("Final rating")
_LINK = re.compile(r"^https?://\S+$")


@dataclass(frozen=True)
class AppealablePart:
    participant_id: int
    cycle_id: int
    cycle_name: str
    part: str  # "overall" or a criterion key
    label: str  # pass through t(): a message id for the final rating, the criterion's name otherwise
    current_rating: int  # on the cycle's scale
    rating_label: str  # the scale's label of that rating (HR's words)
    last_day: date  # the appeal window's last day in the actor's zone
    refusal: str | None = None  # a message id: why this part cannot be appealed now


@dataclass(frozen=True)
class AppealInput:
    participant_id: int
    part: str
    reason: str
    evidence: list[str] = field(default_factory=list)
    outcome_sought: str = ""


def _results(
    session: Session, workspace: Workspace, person_id: int
) -> list[tuple[ReviewParticipant, ReviewCycle, ManagerReview | None]]:
    rows = session.execute(
        select(ReviewParticipant, ReviewCycle, ManagerReview)
        .join(ReviewCycle, ReviewCycle.id == ReviewParticipant.cycle_id)
        .outerjoin(
            ManagerReview,
            (ManagerReview.participant_id == ReviewParticipant.id)
            & (ManagerReview.status == SubmissionStatus.SUBMITTED),
        )
        .where(ReviewParticipant.workspace_id == workspace.id, ReviewParticipant.person_id == person_id)
        .order_by(ReviewParticipant.id)
    ).all()
    return list(rows)


def part_ratings(cycle: ReviewCycle, review: ManagerReview) -> dict[str, int]:
    """Each appealable part of a result and its rating as it stands now, on the cycle's scale."""
    result = review.result or {}
    lowest = int(result.get("scale_lowest", definition_of(cycle).scale.lowest))
    found: dict[str, int] = {}
    if review.final_rating is not None:
        found[OVERALL] = review.final_rating
    for criterion, rating in (result.get("inputs") or {}).get("criteria", []):
        if rating is not None:
            found[criterion] = int(rating) + lowest - 1
    return found


def part_label(cycle: ReviewCycle, part: str) -> str:
    if part == OVERALL:
        return OVERALL_LABEL
    names = {criterion.key: criterion.name for criterion in definition_of(cycle).criteria}
    return names.get(part, part)


def rating_label(cycle: ReviewCycle, rating: int) -> str:
    scale = definition_of(cycle).scale
    return scale.label(rating) if rating in scale.ratings else str(rating)


def _same_part(session: Session, participant_ids: list[int]) -> dict[tuple[int, str], list[machine.Appeal]]:
    found: dict[tuple[int, str], list[machine.Appeal]] = {}
    if not participant_ids:
        return found
    for appeal in session.scalars(select(AppealRow).where(AppealRow.participant_id.in_(participant_ids))):
        found.setdefault((appeal.participant_id, appeal.part), []).append(value_of(appeal))
    return found


def appealable_parts(
    session: Session, workspace: Workspace, actor: Person, now: datetime
) -> list[AppealablePart]:
    """The parts of the actor's released results whose appeal window is open, each with any refusal."""
    results = [
        (participant, cycle, review)
        for participant, cycle, review in _results(session, workspace, actor.id)
        if review is not None
        and review.result is not None
        and appeal_window_open(cycle, participant, actor.tz, now)
    ]
    earlier = _same_part(session, [participant.id for participant, _, _ in results])
    parts: list[AppealablePart] = []
    for participant, cycle, review in results:
        last_day = appeal_window_last_day(cycle, participant, actor.tz)
        assert last_day is not None
        for part, rating in part_ratings(cycle, review).items():
            parts.append(
                AppealablePart(
                    participant_id=participant.id,
                    cycle_id=cycle.id,
                    cycle_name=cycle.name,
                    part=part,
                    label=part_label(cycle, part),
                    current_rating=rating,
                    rating_label=rating_label(cycle, rating),
                    last_day=last_day,
                    refusal=machine.filing_refusal(earlier.get((participant.id, part), [])),
                )
            )
    return parts


def no_appeal_reason(session: Session, workspace: Workspace, actor: Person, now: datetime) -> str:
    """Why the actor has nothing to appeal (a message id), for when `appealable_parts` is empty."""
    results = [(p, c, r) for p, c, r in _results(session, workspace, actor.id) if r is not None and r.result]
    if not any(is_released(cycle, participant) for participant, cycle, _ in results):
        if results:
            return N_("Your result has not been released yet; you can appeal it once it is.")
        return N_("You have no released result to appeal.")
    return N_("The time to appeal your result has passed.")


def _own_participant(
    session: Session, workspace: Workspace, actor: Person, participant_id: int
) -> tuple[ReviewParticipant, ReviewCycle]:
    participant = session.get(ReviewParticipant, participant_id)
    cycle = session.get(ReviewCycle, participant.cycle_id) if participant is not None else None
    if participant is None or cycle is None or participant.workspace_id != workspace.id:
        raise NotFound(N_("This result no longer exists."), field="part")
    if participant.person_id != actor.id:
        raise PermissionDenied(N_("Only the person whose result it is can appeal it."))
    return participant, cycle


def evidence_options(
    session: Session, workspace: Workspace, actor: Person, participant_id: int
) -> list[tuple[str, str]]:
    """The appellant's goals due in the cycle's period and their check-ins, as (value, label)."""
    participant, cycle = _own_participant(session, workspace, actor, participant_id)
    goals = list(
        session.scalars(
            select(Goal)
            .where(
                Goal.workspace_id == workspace.id,
                Goal.owner_id == participant.person_id,
                Goal.status.in_([GoalStatus.ACTIVE, GoalStatus.COMPLETED]),
                Goal.due_date >= cycle.period_start,
                Goal.due_date <= cycle.period_end,
            )
            .order_by(Goal.due_date, Goal.id)
        )
    )
    titles = {goal.id: goal.title for goal in goals}
    options = [(f"goal:{goal.id}", goal.title[:MAX_LABEL]) for goal in goals]
    if titles:
        checkins = session.execute(
            select(GoalCheckin.id, GoalCheckin.goal_id, GoalCheckin.created_at)
            .where(GoalCheckin.goal_id.in_(list(titles)), GoalCheckin.workspace_id == workspace.id)
            .order_by(GoalCheckin.created_at.desc(), GoalCheckin.id.desc())
            .limit(MAX_OPTIONS)
        ).all()
        for checkin_id, goal_id, at in checkins:
            day = at.date().isoformat()
            options.append(
                (f"checkin:{checkin_id}", f"{titles[goal_id][: MAX_LABEL - len(day) - 3]} ({day})")
            )
    return options[:MAX_OPTIONS]


def _evidence_problems(items: list[str], allowed: set[str]) -> list[Problem]:
    if len(items) > MAX_EVIDENCE:
        return [Problem(N_("At most {limit} pieces of evidence."), "evidence", {"limit": MAX_EVIDENCE})]
    for item in items:
        kind, _, rest = item.partition(":")
        if kind == "link":
            if not _LINK.match(rest) or len(rest) > MAX_LINK:
                return [
                    Problem(
                        N_("A link starts with https:// and has no spaces: {link}"),
                        "evidence",
                        {"link": rest[:80]},
                    )
                ]
        elif item not in allowed:
            return [Problem(N_("Choose evidence from your own goals and check-ins."), "evidence")]
    return []


def file_appeal(
    session: Session, workspace: Workspace, actor: Person, data: AppealInput, now: datetime
) -> AppealRow:
    """A new appeal, refused with nothing stored if anything is wrong; assigned at once if anyone can."""
    participant, cycle = _own_participant(session, workspace, actor, data.participant_id)
    settings = appeal_settings(workspace)
    parties = parties_of(session, workspace, participant, settings)
    if not may(Action.FILE, relations_of(key(actor.id), parties, None)):
        raise PermissionDenied(N_("Only the person whose result it is can appeal it."))
    review = session.scalar(
        select(ManagerReview).where(
            ManagerReview.participant_id == participant.id, ManagerReview.status == SubmissionStatus.SUBMITTED
        )
    )
    if review is None or review.result is None or not is_released(cycle, participant):
        raise DomainError(
            N_("Your result has not been released yet; you can appeal it once it is."), field="part"
        )
    if not appeal_window_open(cycle, participant, actor.tz, now):
        raise DomainError(N_("The time to appeal your result has passed."), field="part")
    ratings = part_ratings(cycle, review)
    if data.part not in ratings:
        raise DomainError(N_("Choose the part of your result you contest."), field="part")
    problems: list[Problem] = []
    refusal = machine.filing_refusal(
        _same_part(session, [participant.id]).get((participant.id, data.part), [])
    )
    if refusal is not None:
        problems.append(Problem(refusal, "part"))
    reason = data.reason.strip()
    if len(reason) < machine.MIN_REASON_LENGTH:
        problems.append(
            Problem(
                N_("Say why in at least {minimum} characters."),
                "reason",
                {"minimum": machine.MIN_REASON_LENGTH},
            )
        )
    elif len(reason) > MAX_REASON:
        problems.append(Problem(N_("Keep it under {limit} characters."), "reason", {"limit": MAX_REASON}))
    evidence = list(dict.fromkeys(item.strip() for item in data.evidence if item.strip()))
    allowed = {value for value, _ in evidence_options(session, workspace, actor, participant.id)}
    problems.extend(_evidence_problems(evidence, allowed))
    outcome = data.outcome_sought.strip()
    if not outcome:
        problems.append(Problem(N_("Say what outcome you ask for."), "outcome"))
    elif len(outcome) > MAX_OUTCOME:
        problems.append(Problem(N_("Keep it under {limit} characters."), "outcome", {"limit": MAX_OUTCOME}))
    if problems:
        raise DomainError.of(problems)
    definition = definition_of(cycle)
    levels, lowest = len(definition.scale.levels), definition.scale.lowest
    step = machine.file_appeal(
        actor=key(actor.id),
        parties=parties,
        part=data.part,
        original_rating=ratings[data.part] - lowest + 1,
        levels=levels,
        reason=reason,
        at=now,
    )
    appeal = AppealRow(
        workspace_id=workspace.id,
        cycle_id=cycle.id,
        participant_id=participant.id,
        appellant_id=actor.id,
        part=data.part,
        original_rating=ratings[data.part],
        levels=levels,
        scale_lowest=lowest,
        state=step.appeal.state,
        reason=reason,
        evidence=evidence,
        outcome_sought=outcome,
        share_reason=False,
        filed_at=now,
        updated_at=now,
    )
    session.add(appeal)
    session.flush()
    apply_step(session, appeal, step, now, details={"part": data.part, "original_rating": ratings[data.part]})
    messages = queue(session, appeal, AppealMessage.FILED, [actor.id], "filed", now, working_hours=False)
    messages += assign_in_turn(session, workspace, appeal, parties, now)
    session.flush()
    appeal.messages = tuple(messages)
    return appeal


def _last_in_turn(session: Session, workspace: Workspace) -> str | None:
    """Whom perfbot chose last (the rotation is its own assignments, kept in the trails)."""
    recent = session.scalars(
        select(AppealEntry.details)
        .where(
            AppealEntry.workspace_id == workspace.id,
            AppealEntry.action == Action.ASSIGN,
            AppealEntry.actor_id.is_(None),
        )
        .order_by(AppealEntry.id.desc())
        .limit(20)
    )
    for details in recent:
        if details and not details.get("kept") and details.get("assignee") is not None:
            return str(details["assignee"])
    return None


def assign_in_turn(
    session: Session, workspace: Workspace, appeal: AppealRow, parties: Parties, now: datetime
) -> list[int]:
    """Round robin: the next HR admin after the last one perfbot chose, skipping anyone conflicted."""
    order = sorted(parties.hr_admins, key=int)
    chosen = next_assignee(order, _last_in_turn(session, workspace), parties)
    if chosen is None:
        return queue(session, appeal, AppealMessage.UNASSIGNED, hr_to_tell(parties), "unassigned", now)
    step = machine.assign(value_of(appeal), actor=SYSTEM_ACTOR, parties=parties, assignee=chosen, at=now)
    apply_step(session, appeal, step, now)
    return queue(
        session, appeal, AppealMessage.ASSIGNED, [person_id_of(chosen)], f"assigned:{now.isoformat()}", now
    )


def hr_to_tell(parties: Parties) -> list[int | None]:
    """The HR lead, or every HR admin without one; never anyone with a part in the rating."""
    free = [admin for admin in sorted(parties.hr_admins, key=int) if admin not in parties.conflicted]
    lead = parties.hr_lead
    if lead is not None and lead not in parties.conflicted:
        return [person_id_of(lead)]
    return [person_id_of(admin) for admin in free]
