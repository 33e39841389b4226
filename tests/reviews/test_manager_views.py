"""The manager review modal stays within Slack's 100 blocks: evidence that does not fit beside the form
becomes a summary with "More evidence", whose pages hold every answer; nothing is cut silently."""

from __future__ import annotations

from datetime import timedelta

from slack_sdk.models.views import View

from handlers.reviews.evidence_views import evidence_blocks, evidence_page
from handlers.reviews.ids import ReviewButton
from handlers.reviews.manager_views import ManagerModal, manager_modal
from models.i18n import translator
from models.people import Person
from models.reviews import GoalEvidence, PeerAggregate
from models.reviews.aggregate import QuestionAnswers, QuestionMean
from models.reviews.manager_evidence import ManagerEvidence
from models.reviews.recognition import RecognitionEvidence
from tests.reviews.helpers import TODAY, definition


def evidence(answers: int, length: int) -> ManagerEvidence:
    texts = [f"answer {n:03d} " + "x" * length for n in range(answers)]
    peers = PeerAggregate(
        received=answers,
        needed=3,
        means=[QuestionMean("collaboration", "Collaboration?", 4.0, answers)],
        answers=[QuestionAnswers("well", "What do they do well?", texts)],
    )
    return ManagerEvidence(
        person=Person(name="Olive", slack_user_id="UOLIVE"),
        self_assessment=None,
        peers=peers,
        goals=GoalEvidence([], None, 0),
        recognition=RecognitionEvidence(0, [], []),
        saved=None,
    )


def modal(found: ManagerEvidence) -> dict[str, object]:
    view = manager_modal(
        translator("en"), ManagerModal(7, "H2", definition(), TODAY + timedelta(days=9), found)
    )
    return view.to_dict()  # validates Slack's limits


def test_evidence_that_fits_is_shown_in_the_modal() -> None:
    shown = modal(evidence(answers=5, length=100))
    assert "answer 004" in str(shown["blocks"]) and ReviewButton.MORE_EVIDENCE not in str(shown)


def test_evidence_beyond_100_blocks_opens_in_pages_holding_every_answer() -> None:
    big = evidence(answers=180, length=1900)  # one answer per section: far beyond 100 blocks
    shown = modal(big)
    blocks = shown["blocks"]
    assert isinstance(blocks, list) and len(blocks) <= 100
    assert ReviewButton.MORE_EVIDENCE in str(blocks) and "answer 000" not in str(blocks)
    assert "too much to show" in str(blocks)
    t = translator("en")
    every = evidence_blocks(t, definition(), big)
    assert len(every) > 100
    seen = ""
    page, pages = 0, []
    while True:
        view: View = evidence_page(t, 7, every, page)
        data = view.to_dict()
        assert len(data["blocks"]) <= 100
        pages.append(data)
        seen += str(data["blocks"])
        if ReviewButton.MORE_EVIDENCE not in str(data["blocks"]):
            break
        page += 1
    assert f"Part {len(pages)} of {len(pages)}" in str(pages[-1]["blocks"])
    assert all(f"answer {n:03d}" in seen for n in range(180))
