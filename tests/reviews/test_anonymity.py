"""Anonymity of peer reviews: withheld below the minimum (and why), free text in an order that follows neither
submission nor the writers, names only for HR where the cycle allows it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from models.errors import PermissionDenied
from models.reviews import (
    decide_nominations,
    nominate_peers,
    participant_of,
    peer_aggregate,
    submit_peer_review,
)
from tests.reviews.helpers import NOW, launched_cycle, make_review_org

RATINGS: dict[str, int | None] = {"collaboration": 4, "communication": 3, "reliability": 5}


def reviewed(session: Session, writers: int, answered: int, **changes: object):  # type: ignore[no-untyped-def]
    org = make_review_org(session, peers=writers)
    cycle = launched_cycle(session, org, peers={"min": 3, "max": writers}, **changes)
    nominate_peers(session, org.olive, cycle, org.peers, NOW)
    participant = participant_of(session, cycle, org.olive)
    assert participant is not None
    asked = decide_nominations(session, org.boss, cycle, participant.id, org.peers, NOW)
    by_writer = {n.reviewer_id: n for n in asked}
    for index, peer in enumerate(org.peers[:answered]):
        answers = {"well": f"answer {index} from the {index}th writer"}
        submit_peer_review(
            session, peer, by_writer[peer.id].id, RATINGS, answers, NOW + timedelta(minutes=index)
        )
    return org, cycle, participant


def test_below_the_minimum_nothing_is_shown_and_the_reason_is_given(session: Session) -> None:
    org, cycle, participant = reviewed(session, writers=3, answered=2)
    aggregate = peer_aggregate(session, org.boss, cycle, participant)
    assert aggregate.withheld and (aggregate.received, aggregate.needed) == (2, 3)
    assert aggregate.means == [] and aggregate.answers == []


def test_free_text_order_follows_neither_submission_nor_writers(session: Session) -> None:
    org, cycle, participant = reviewed(session, writers=8, answered=8)
    aggregate = peer_aggregate(session, org.boss, cycle, participant)
    shown = next(a for a in aggregate.answers if a.key == "well").answers
    submitted = [f"answer {i} from the {i}th writer" for i in range(8)]
    assert sorted(shown) == sorted(submitted)
    assert shown != submitted, "not in submission order"
    # writers are named Peer 0 … Peer 7, so alphabetical by writer is the submission order here
    assert [round(m.mean, 2) for m in aggregate.means] == [4.0, 3.0, 5.0]
    assert aggregate.reviewer_names is None


def test_only_hr_sees_names_and_only_where_the_cycle_allows(session: Session) -> None:
    org, cycle, participant = reviewed(session, writers=3, answered=3, hr_sees_peer_names=True)
    assert peer_aggregate(session, org.hr, cycle, participant).reviewer_names == [
        "Peer 0",
        "Peer 1",
        "Peer 2",
    ]
    assert peer_aggregate(session, org.boss, cycle, participant).reviewer_names is None
    with pytest.raises(PermissionDenied):
        peer_aggregate(session, org.olive, cycle, participant)  # before release
    with pytest.raises(PermissionDenied):
        peer_aggregate(session, org.peers[0], cycle, participant)
