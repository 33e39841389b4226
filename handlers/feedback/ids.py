"""Callback, action and block ids of the feedback conversation: one name each, for views and listeners."""

from __future__ import annotations

import enum


class FeedbackCallback(enum.StrEnum):
    LOG_MODAL = "feedback_log_modal"  # the reviewing manager logs the conversation
    COMMENT_MODAL = "feedback_comment_modal"  # the employee adds a comment
    ACKNOWLEDGE_MODAL = "feedback_ack_modal"  # the employee acknowledges (not agrees)


class FeedbackButton(enum.StrEnum):
    OPEN_LOG = "feedback_log_open"  # participant id: the manager's DM at release, and App Home
    COMMENT = "feedback_comment"  # log id
    ACKNOWLEDGE = "feedback_acknowledge"  # log id
    MARK_DONE = "feedback_action_done"  # development action id


class FeedbackInput(enum.StrEnum):
    """Action ids of inputs; their block ids are the domain's field names (`held_on`, `action:0:due` …)."""

    HELD_ON = "feedback_held_on"
    NOTES = "feedback_notes"
    STRENGTHS = "feedback_strengths"
    IMPROVE = "feedback_improve"
    DESCRIPTION = "feedback_action_description"
    OWNER = "feedback_action_owner"
    KIND = "feedback_action_kind"
    DUE = "feedback_action_due"
    COMMENT = "feedback_comment_text"
