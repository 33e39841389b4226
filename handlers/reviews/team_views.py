"""`/review team`: a reviewing manager's reports; one report's self-assessment and peer aggregate."""

from __future__ import annotations

from collections.abc import Sequence

from babel.numbers import format_decimal
from slack_sdk.models.blocks import (
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from handlers.kit.blocks import quote_mrkdwn, truncate
from handlers.kit.message import SlackMessage
from handlers.kit.text import show_user_text
from handlers.reviews.format import shown
from handlers.reviews.ids import ReviewButton
from models.i18n import Translator
from models.reviews import CycleDefinition, PeerAggregate, SelfAssessment, SubmissionStatus
from models.reviews.team import ReportStatus


def _section(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=truncate(text, 3000)))


def team_message(t: Translator, cycle_name: str, reports: Sequence[ReportStatus]) -> SlackMessage:
    if not reports:
        text = t("Nobody in {cycle} has you as their reviewing manager.", cycle=shown(cycle_name))
        return SlackMessage(text=text, blocks=[_section(text)])
    head = t("*{cycle}*: your reports", cycle=shown(cycle_name))
    blocks: list[Block] = [_section(head)]
    for report in reports[:24]:
        if report.self_status is SubmissionStatus.SUBMITTED:
            state = t("self-assessment submitted")
        elif report.self_status is SubmissionStatus.DRAFT:
            state = t("self-assessment in draft")
        else:
            state = t("self-assessment not started")
        line = t(
            "{person}: {state}; peer reviews {received} of {asked}",
            person=report.mention,
            state=state,
            received=report.peers_received,
            asked=report.peers_asked,
        )
        blocks.append(
            SectionBlock(
                text=MarkdownTextObject(text=truncate(line, 3000)),
                accessory=ButtonElement(
                    text=t("View"), action_id=ReviewButton.VIEW_REPORT, value=str(report.participant_id)
                ),
            )
        )
    return SlackMessage(text=head, blocks=blocks)


def _self_blocks(t: Translator, definition: CycleDefinition, saved: SelfAssessment | None) -> list[Block]:
    if saved is None or saved.status is not SubmissionStatus.SUBMITTED:
        return [_section(t("The self-assessment is not submitted yet."))]
    blocks: list[Block] = []
    for criterion in definition.criteria:
        rating = saved.ratings.get(criterion.key)
        label = f"{rating} · {shown(definition.scale.label(rating))}" if rating is not None else "–"
        text = f"*{shown(criterion.name)}*: {label}"
        comment = saved.comments.get(criterion.key)
        if comment:
            text += "\n" + quote_mrkdwn(show_user_text(comment, escaped=False), 1500)
        blocks.append(_section(text))
    if saved.accomplishments:
        text = (
            t("*Accomplishments*")
            + "\n"
            + quote_mrkdwn(show_user_text(saved.accomplishments, escaped=False), 2500)
        )
        blocks.append(_section(text))
    return blocks


def _peer_blocks(t: Translator, aggregate: PeerAggregate) -> list[Block]:
    if aggregate.withheld:
        return [
            _section(
                t(
                    "Peer ratings are withheld until at least {needed} peer reviews are in, so that no "
                    "one's answers can be told apart; {received} so far.",
                    needed=aggregate.needed,
                    received=aggregate.received,
                )
            )
        ]
    lines = []
    for m in aggregate.means:
        mean = format_decimal(round(m.mean, 1), format="0.0", locale=t.locale)
        lines.append(
            t.plural(
                "• {question}: {mean} ({n} review)",
                "• {question}: {mean} ({n} reviews)",
                m.count,
                question=shown(m.text),
                mean=mean,
            )
        )
    blocks: list[Block] = [_section(t("*Peer ratings* (averages)") + "\n" + "\n".join(lines))]
    for question in aggregate.answers:
        if not question.answers:
            continue
        quotes = "\n".join(
            quote_mrkdwn(show_user_text(answer, escaped=False), 600) for answer in question.answers
        )
        blocks.append(_section(f"*{shown(question.text)}*\n{quotes}"))
    blocks.append(
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text=t(
                        "Answers are shown without names, in an order that does not "
                        "follow who wrote them or when."
                    )
                )
            ]
        )
    )
    return blocks


def report_view(
    t: Translator,
    mention: str,
    definition: CycleDefinition,
    saved: SelfAssessment | None,
    aggregate: PeerAggregate,
) -> View:
    blocks: list[Block] = [
        _section(mention),
        HeaderBlock(text=truncate(t("Self-assessment"), 150)),
        *_self_blocks(t, definition, saved),
        DividerBlock(),
        HeaderBlock(text=truncate(t("Peer reviews"), 150)),
        *_peer_blocks(t, aggregate),
    ]
    return View(
        type="modal", title=truncate(t("Review"), 24), close=truncate(t("Close"), 24), blocks=blocks[:100]
    )
