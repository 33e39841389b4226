"""`/perf calibration [ID]` for HR: the distribution of final ratings per department and per reviewing
manager, each group's mean beside the organisation's; a group of fewer than 4 rated shows no mean
and says why."""

from __future__ import annotations

from babel.numbers import format_decimal
from slack_sdk.models.blocks import Block, ContextBlock, HeaderBlock, MarkdownTextObject, SectionBlock
from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers.context import Actor
from handlers.deps import Deps
from handlers.kit.blocks import truncate
from handlers.kit.commands import MENTION
from handlers.kit.message import SlackMessage
from handlers.kit.submission import Done
from handlers.kit.text import show_user_text
from handlers.reviews.evidence_views import packed
from models.errors import DomainError, NotFound
from models.i18n import N_, Translator
from models.people import Person
from models.reviews import get_cycle, participant_of, running_cycles
from models.reviews.calibration import (
    MIN_GROUP,
    CalibrationView,
    Group,
    calibration_view,
    change_final_rating,
)

MAX_GROUPS = 40  # per kind; the CSV (`perfbot cycle calibration ID --format csv`) has them all


def _line(t: Translator, view: CalibrationView, group: Group, name: str) -> str:
    spread = " · ".join(f"{rating}: {group.counts.get(rating, 0)}" for rating in view.ratings)
    organisation = view.organisation.mean
    if group.mean is None:
        mean = t("no mean: fewer than {n} rated, so that no one's rating can be inferred", n=MIN_GROUP)
    else:
        mean = t(
            "mean {mean} (organisation {organisation})",
            mean=format_decimal(group.mean, format="0.00", locale=t.locale),
            organisation=format_decimal(organisation, format="0.00", locale=t.locale)
            if organisation is not None
            else "–",
        )
    counted = t("{rated} of {participants} rated", rated=group.rated, participants=group.participants)
    return f"*{name}*: {counted} ({spread}); {mean}"


def calibration_message(t: Translator, view: CalibrationView) -> SlackMessage:
    head = t("Calibration: {cycle}", cycle=view.cycle_name)
    blocks: list[Block] = [HeaderBlock(text=truncate(head, 150))]
    blocks.append(
        SectionBlock(
            text=MarkdownTextObject(text=truncate(_line(t, view, view.organisation, t("Organisation")), 3000))
        )
    )
    for title, groups in ((t("By department"), view.departments), (t("By reviewing manager"), view.managers)):
        lines = [
            _line(t, view, group, show_user_text(group.name, escaped=False) or t("(none)"))
            for group in groups[:MAX_GROUPS]
        ]
        blocks += packed(f"*{title}*", lines)  # long lists continue in the next section
        hidden = len(groups) - MAX_GROUPS
        if hidden > 0:
            blocks.append(
                ContextBlock(
                    elements=[
                        MarkdownTextObject(
                            text=t.plural(
                                "{n} more group is in `perfbot cycle calibration {id} --format csv`.",
                                "{n} more groups are in `perfbot cycle calibration {id} --format csv`.",
                                hidden,
                                id=view.cycle_id,
                            )
                        )
                    ]
                )
            )
    return SlackMessage(text=truncate(head, 3000), blocks=blocks)


def calibration_command(session: Session, actor: Actor, words: list[str], deps: Deps) -> Done:
    """`/perf calibration [ID]`: the given cycle, or the newest running one.
    `/perf calibration change @person RATING reason…`: HR changes a final rating in the running cycle."""
    if words and words[0].lower() == "change":
        return _change(session, actor, words[1:], deps)
    if words and words[0].isdigit():
        cycle = get_cycle(session, actor.workspace, int(words[0]))
    else:
        running = running_cycles(session, actor.workspace.id)
        if not running:
            raise NotFound(N_("No review cycle is running."))
        cycle = running[-1]
    view = calibration_view(session, actor.person, cycle)  # HR only, and says so
    message = calibration_message(actor.t, view)
    return Done(answer={"response_type": "ephemeral", "text": message.text, "blocks": message.blocks_json()})


def calibration_home_blocks(t: Translator, view: CalibrationView | None) -> list[Block]:
    """App Home for HR: the organisation's distribution so far, and where to see it per group."""
    if view is None or not view.organisation.rated:
        return []
    line = _line(t, view, view.organisation, t("Organisation"))
    more = t("`/perf calibration {id}`: per department and reviewing manager", id=view.cycle_id)
    return [
        SectionBlock(
            text=MarkdownTextObject(
                text=truncate(
                    t("*Calibration* (HR): {cycle}", cycle=view.cycle_name) + f"\n{line}\n{more}", 3000
                )
            )
        )
    ]


def _change(session: Session, actor: Actor, words: list[str], deps: Deps) -> Done:
    user_ids = MENTION.findall(words[0]) if words else []
    if len(words) < 2 or len(user_ids) != 1 or not words[1].lstrip("-").isdigit():
        raise DomainError(
            N_("Say who, the new rating and why: `/perf calibration change @someone 4 reason`.")
        )
    running = running_cycles(session, actor.workspace.id)
    if not running:
        raise NotFound(N_("No review cycle is running."))
    cycle = running[-1]
    person = session.scalar(
        select(Person).where(Person.workspace_id == actor.workspace.id, Person.slack_user_id == user_ids[0])
    )
    participant = participant_of(session, cycle, person) if person is not None else None
    if person is None or participant is None:
        raise NotFound(N_("They do not take part in this review cycle."))
    reason = " ".join(words[2:])
    change = change_final_rating(
        session, actor.person, cycle, participant, int(words[1]), reason, deps.clock()
    )
    text = actor.t(
        "{person}'s final rating is now {after} (was {before}). The change and its reason are on the record, "
        "and their reviewing manager is told.",
        person=person.mention,
        after=change.after,
        before=change.before,
    )
    return Done(answer={"response_type": "ephemeral", "text": text}).then(deps.deliver_rows, change.messages)
