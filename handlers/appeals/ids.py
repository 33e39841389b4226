"""Callback, action and block ids for appeals: one name each, shared by views, DMs and listeners.

The button ids are fixed with the appeal DMs (rendered in models/appeals); their value is the
appeal id, except `appeal_open`, whose value is the participant id of the released result.
"""

from __future__ import annotations

import enum


class AppealCallback(enum.StrEnum):
    FILE = "appeal_file_modal"
    VIEW = "appeal_view_modal"
    DECIDE = "appeal_decide_modal"
    ASK_STATEMENT = "appeal_ask_statement_modal"
    ASK_EMPLOYEE = "appeal_ask_employee_modal"
    ASSIGN = "appeal_assign_modal"
    REOPEN = "appeal_reopen_modal"
    STATEMENT = "appeal_statement_modal"  # the reviewing manager answers
    ANSWER = "appeal_answer_modal"  # the appellant answers HR's question
    WITHDRAW = "appeal_withdraw_modal"
    SETTINGS = "appeal_settings_modal"


class AppealButton(enum.StrEnum):
    OPEN = "appeal_open"  # participant id: the release DM's "Appeal"
    VIEW = "appeal_view"
    DECIDE = "appeal_decide_open"
    ASK_STATEMENT = "appeal_ask_statement_open"
    ASK_EMPLOYEE = "appeal_ask_employee_open"
    ASSIGN = "appeal_assign_open"
    REOPEN = "appeal_reopen_open"
    STATEMENT = "appeal_statement_open"
    ANSWER = "appeal_answer_open"
    WITHDRAW = "appeal_withdraw"


# Every input's action id; its block id is the domain's field name ("part", "reason", …), so a
# DomainError's `field` lands on the right input.
INPUT = "appeal_input"
# External selects need action ids of their own: Slack asks for their options by action id.
COUNTRY = "appeal_holiday_country"
SUBDIVISION = "appeal_holiday_subdivision"


class Field(enum.StrEnum):
    PART = "part"
    REASON = "reason"
    EVIDENCE = "evidence"  # the links, one per line
    EVIDENCE_ITEMS = "evidence_items"  # goals and check-ins picked from a list
    OUTCOME = "outcome"
    EXPLANATION = "explanation"
    RATING = "rating"
    QUESTION = "question"
    SHARE_REASON = "share_reason"
    ANSWER = "answer"
    ASSIGNEE = "assignee"
    DUE = "due"
    DECISION_DAYS = "decision_days"
    COUNTRY = "holiday_country"
    SUBDIVISION = "holiday_subdivision"
    DAYS_OFF = "company_days_off"
    HR_LEAD = "hr_lead"
    PAUSE = "pause_while_waiting"
