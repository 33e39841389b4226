"""`/review` (status), `/review help`, and the App Home's "Due from me" section, from their data."""

from __future__ import annotations

from collections.abc import Sequence

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from handlers.kit.blocks import truncate
from handlers.reviews.format import STAGE_NAMES, day_text, shown
from handlers.reviews.ids import ReviewButton
from models.i18n import Translator
from models.reviews import MyCycle, Stage, StageCount


def review_help(t: Translator) -> str:
    return "\n".join(
        [
            t("*Review cycles*"),
            t(
                "`/review` or `/review status`: the running cycle's stages and deadlines, what you still owe "
                "and what others owe you"
            ),
            t("`/review self`: write your self-assessment (save a draft, submit when ready)"),
            t("`/review peers`: nominate the peers who review you; your manager approves them"),
            t("`/review team`: for reviewing managers, each report's self-assessment and peer aggregate"),
            t(
                "`/review result`: your result once HR has released it, with how it was reached and the "
                "last day to appeal"
            ),
            t(
                "`/review feedback @person`: for reviewing managers, once the result is released, log the "
                "feedback conversation and the development actions agreed"
            ),
            t("`/review help`: this text"),
            t("Peer reviews you are asked for come as a direct message with *Write review* and *Decline*."),
            t(
                "Reviewing managers get a direct message per report with *Write review* once the evidence is "
                "in; the manager reviews to write are on the Home tab too."
            ),
        ]
    )


def _owed_lines(t: Translator, mine: MyCycle) -> list[str]:
    lines = []
    definition_peers = mine.cycle.settings.get("peers") or {}
    if mine.participant is not None:
        if not mine.self_done:
            state = t("draft saved") if mine.self_status is not None else t("not started")
            lines.append(
                t(
                    "• your self-assessment ({state}), due {date}",
                    state=state,
                    date=day_text(t, mine.due(Stage.SELF_ASSESSMENT)),
                )
            )
        if not mine.nominations_done:
            lines.append(
                t(
                    "• nominate {min} to {max} peers, due {date}",
                    min=definition_peers.get("min", 3),
                    max=definition_peers.get("max", 5),
                    date=day_text(t, mine.due(Stage.PEER_NOMINATION)),
                )
            )
    for request in mine.peer_requests:
        lines.append(
            t(
                "• a peer review of {reviewee}, due {date}",
                reviewee=request.reviewee,
                date=day_text(t, request.due),
            )
        )
    for waiting in mine.approvals:
        lines.append(
            t(
                "• approve the peers {employee} nominated ({n})",
                employee=waiting.employee,
                n=waiting.nominated,
            )
        )
    return lines


def _owed_to_me(t: Translator, mine: MyCycle) -> str:
    if mine.participant is None:
        return ""
    if not mine.peers_asked:
        return t("No peer has been asked to review you yet.")
    return t(
        "Peer reviews of you: {received} of {asked} received.",
        received=mine.peers_received,
        asked=mine.peers_asked,
    )


def status_text(t: Translator, cycles: Sequence[MyCycle]) -> str:
    if not cycles:
        return t("No review cycle is running. `/review help` explains what happens when one starts.")
    parts = []
    for mine in cycles:
        stages = "\n".join(f"• {t(STAGE_NAMES[stage])}: {day_text(t, mine.due(stage))}" for stage in Stage)
        owed = _owed_lines(t, mine)
        section = [
            t(
                "*{cycle}*: stages and deadlines (each day ends at midnight your time)",
                cycle=shown(mine.cycle.name),
            ),
            stages,
            t("*You still owe:*") if owed else t("You owe nothing in this cycle right now."),
            *owed,
        ]
        if mine.participant is None:
            section.append(t("You are not reviewed in this cycle."))
        else:
            section.append(_owed_to_me(t, mine))
        parts.append("\n".join(line for line in section if line))
    return truncate("\n\n".join(parts), 3000)


def review_home_blocks(
    t: Translator, cycles: Sequence[MyCycle], completion: Sequence[StageCount]
) -> list[Block]:
    """ "Due from me" for everyone; for HR, the running cycle's completion per stage."""
    if not cycles:
        return []
    blocks: list[Block] = [HeaderBlock(text=truncate(t("Due from me"), 150))]
    for mine in cycles:
        owed = _owed_lines(t, mine)
        text = "\n".join(
            [f"*{shown(mine.cycle.name)}*", *(owed or [t("Nothing is due from you in this cycle.")])]
        )
        blocks.append(SectionBlock(text=MarkdownTextObject(text=truncate(text, 3000))))
        buttons = []
        if mine.participant is not None and not mine.self_done:
            buttons.append(
                ButtonElement(
                    text=t("Write self-assessment"),
                    action_id=ReviewButton.OPEN_SELF,
                    value=str(mine.cycle.id),
                )
            )
        if mine.participant is not None and not mine.nominations_done:
            buttons.append(
                ButtonElement(
                    text=t("Nominate peers"), action_id=ReviewButton.OPEN_PEERS, value=str(mine.cycle.id)
                )
            )
        for request in mine.peer_requests[:3]:
            buttons.append(
                ButtonElement(
                    text=t("Write review"),
                    action_id=ReviewButton.WRITE_PEER,
                    value=str(request.nomination_id),
                )
            )
        if buttons:
            blocks.append(ActionsBlock(block_id=f"review_due_{mine.cycle.id}", elements=buttons[:5]))
    if completion:
        lines = [
            t(
                "• {stage}: {done} done, {owed} owed, {overdue} overdue",
                stage=t(STAGE_NAMES[c.stage]),
                done=c.done,
                owed=c.owed,
                overdue=c.overdue,
            )
            for c in completion
        ]
        text = t("*Cycle completion* (HR)") + "\n" + "\n".join(lines)
        blocks.append(SectionBlock(text=MarkdownTextObject(text=truncate(text, 3000))))
    return blocks
