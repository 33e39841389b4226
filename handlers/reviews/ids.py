"""Callback, action and block ids for review cycles: one name each, shared by views and listeners."""

from __future__ import annotations

import enum


class ReviewCallback(enum.StrEnum):
    SELF_MODAL = "review_self_modal"
    PEERS_MODAL = "review_peers_modal"  # the employee nominates
    DECIDE_MODAL = "review_decide_modal"  # the manager approves, removes, adds
    PEER_MODAL = "review_peer_modal"  # the peer answers
    DECLINE_MODAL = "review_decline_modal"
    NEW_CYCLE_MODAL = "review_new_cycle_modal"  # HR: /perf cycle new
    MANAGER_MODAL = "review_manager_modal"  # the reviewing manager writes the manager review
    EVIDENCE_MODAL = "review_evidence_modal"  # the evidence that did not fit the manager review modal
    OUTCOME_MODAL = "review_outcome_modal"  # HR records a participant's outcome
    RESULT_MODAL = "review_result_modal"  # "Your result": a released result and how it was reached
    RELEASE_MODAL = "review_release_modal"  # HR: confirm /perf cycle release


class ReviewButton(enum.StrEnum):
    """Buttons; the value is the cycle id, the participant id or the nomination id, as named."""

    OPEN_SELF = "review_open_self"  # cycle id
    OPEN_PEERS = "review_open_peers"  # cycle id
    SAVE_DRAFT = "review_save_draft"  # in the self-assessment modal
    APPROVE_NOMINATIONS = "review_approve_nominations"  # participant id
    CHANGE_NOMINATIONS = "review_change_nominations"  # participant id
    WRITE_PEER = "review_write_peer"  # nomination id
    DECLINE_PEER = "review_decline_peer"  # nomination id
    VIEW_REPORT = "review_view_report"  # participant id: the manager's view of a report's review
    WRITE_MANAGER_REVIEW = "review_write_manager"  # participant id
    SAVE_MANAGER_DRAFT = "review_save_manager_draft"  # in the manager review modal
    MORE_EVIDENCE = "review_more_evidence"  # "participant id:page": the evidence, page by page
    VIEW_RESULT = "review_view_result"  # participant id: the released result, for its reader


class ReviewInput(enum.StrEnum):
    """Action ids of inputs; their block ids are the domain's field names (`rating:<key>`, `peers` …)."""

    RATING = "review_rating"
    COMMENT = "review_comment"
    ACCOMPLISHMENTS = "review_accomplishments"
    PEERS = "review_peers"
    ANSWER = "review_answer"
    REASON = "review_reason"
    SUMMARY = "review_summary"
    OUTCOME = "review_outcome"
    TIER = "review_tier"
    DECISIONS = "review_decisions"  # promotion, training, transfer (checkboxes)
    TRAINING_LABEL = "review_training_label"
