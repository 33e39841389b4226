"""The evidence beside a manager review, as blocks: the self-assessment, the anonymous peer aggregate
(every answer whole, packed into as many sections as it takes), the goals and the recognition; a
summary with a "More evidence" button for when it does not fit the modal, and its pages."""

from __future__ import annotations

from babel.dates import format_date
from babel.numbers import format_decimal
from slack_sdk.models.blocks import (
    ActionsBlock,
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
from handlers.kit.text import show_user_text
from handlers.kit.words import listed
from handlers.reviews.format import shown
from handlers.reviews.ids import ReviewButton, ReviewCallback
from handlers.reviews.self_views import _goal_blocks as goal_blocks
from handlers.reviews.team_views import _self_blocks as self_blocks
from models.goals import percent_text
from models.i18n import Translator
from models.reviews import CycleDefinition, PeerAggregate, SubmissionStatus
from models.reviews.manager_evidence import ManagerEvidence
from models.reviews.recognition import RecognitionEvidence

PAGE = 97  # evidence blocks per page of the "More evidence" view, leaving room for its own controls
SECTION = 3000


def _section(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=truncate(text, SECTION)))


def packed(head: str, items: list[str]) -> list[Block]:
    """`head` and every item, in as many sections as they need: none is dropped."""
    blocks: list[Block] = []
    current = head
    for item in items:
        if current and len(current) + 1 + len(item) > SECTION:
            blocks.append(_section(current))
            current = item
        else:
            current = f"{current}\n{item}" if current else item
    if current:
        blocks.append(_section(current))
    return blocks


def peer_evidence(t: Translator, aggregate: PeerAggregate) -> list[Block]:
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
    lines = [
        t.plural(
            "• {question}: {mean} ({n} review)",
            "• {question}: {mean} ({n} reviews)",
            m.count,
            question=shown(m.text),
            mean=format_decimal(round(m.mean, 1), format="0.0", locale=t.locale),
        )
        for m in aggregate.means
    ]
    blocks = packed(t("*Peer ratings* (averages)"), lines)
    for question in aggregate.answers:
        quotes = [quote_mrkdwn(show_user_text(answer, escaped=False), 2900) for answer in question.answers]
        if quotes:
            blocks += packed(f"*{shown(question.text)}*", quotes)
    note = t("Answers are shown without names, in an order that does not follow who wrote them or when.")
    return [*blocks, ContextBlock(elements=[MarkdownTextObject(text=note)])]


def _recognition_blocks(t: Translator, recognition: RecognitionEvidence) -> list[Block]:
    if not recognition.count:
        return [_section(t("No recognition received in this cycle's period."))]
    head = t.plural(
        "*Recognition received in the period*: {n} time",
        "*Recognition received in the period*: {n} times",
        recognition.count,
    )
    if recognition.values:
        named = listed(
            t, [f"{show_user_text(value, escaped=False)} ({n})" for value, n in recognition.values]
        )
        head += "\n" + t("Company values: {values}", values=named)
    lines = [
        f"{praise.giver}, {format_date(praise.given_at.date(), format='medium', locale=t.locale)}\n"
        + quote_mrkdwn(show_user_text(praise.message, escaped=False), 600)
        for praise in recognition.recent
    ]
    return [_section(head), *([_section("\n".join(lines))] if lines else [])]


def evidence_blocks(t: Translator, definition: CycleDefinition, evidence: ManagerEvidence) -> list[Block]:
    return [
        HeaderBlock(text=truncate(t("Self-assessment"), 150)),
        *self_blocks(t, definition, evidence.self_assessment),
        DividerBlock(),
        HeaderBlock(text=truncate(t("Peer reviews"), 150)),
        *peer_evidence(t, evidence.peers),
        DividerBlock(),
        HeaderBlock(text=truncate(t("Goal achievement"), 150)),
        *goal_blocks(t, evidence.goals),
        DividerBlock(),
        HeaderBlock(text=truncate(t("Recognition"), 150)),
        *_recognition_blocks(t, evidence.recognition),
    ]


def evidence_summary(t: Translator, participant_id: int, evidence: ManagerEvidence) -> list[Block]:
    submitted = (
        evidence.self_assessment is not None and evidence.self_assessment.status is SubmissionStatus.SUBMITTED
    )
    achievement = evidence.goals.achievement
    lines = [
        t("• Self-assessment: submitted") if submitted else t("• Self-assessment: not submitted"),
        t(
            "• Peer reviews: {received} received, {needed} needed for the averages",
            received=evidence.peers.received,
            needed=evidence.peers.needed,
        ),
        t(
            "• Goal achievement: {percent}",
            percent=percent_text(achievement) if achievement is not None else "–",
        ),
        t.plural("• Recognition: {n} time", "• Recognition: {n} times", evidence.recognition.count),
    ]
    text = t("*Evidence*: too much to show beside the form here, so it opens on its own.")
    return [
        _section(text + "\n" + "\n".join(lines)),
        ActionsBlock(
            block_id="evidence_actions",
            elements=[
                ButtonElement(
                    text=t("More evidence"), action_id=ReviewButton.MORE_EVIDENCE, value=f"{participant_id}:0"
                )
            ],
        ),
    ]


def evidence_page(t: Translator, participant_id: int, evidence: list[Block], page: int) -> View:
    """One page of the evidence; a "More" button opens the next, and each page says which it is."""
    pages = max((len(evidence) + PAGE - 1) // PAGE, 1)
    page = min(max(page, 0), pages - 1)
    blocks = evidence[page * PAGE : (page + 1) * PAGE]
    blocks.append(
        ContextBlock(elements=[MarkdownTextObject(text=t("Part {n} of {total}", n=page + 1, total=pages))])
    )
    if page + 1 < pages:
        blocks.append(
            ActionsBlock(
                elements=[
                    ButtonElement(
                        text=t("More"),
                        action_id=ReviewButton.MORE_EVIDENCE,
                        value=f"{participant_id}:{page + 1}",
                    )
                ]
            )
        )
    return View(
        type="modal",
        callback_id=ReviewCallback.EVIDENCE_MODAL,
        title=truncate(t("Evidence"), 24),
        close=truncate(t("Back"), 24),
        blocks=blocks,
    )
