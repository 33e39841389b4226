"""Callback, action and block ids for goals and check-ins: one name each, shared by views and listeners."""

from __future__ import annotations

import enum


class GoalCallback(enum.StrEnum):
    GOAL_MODAL = "goal_modal"
    CHANGES_MODAL = "goal_changes_modal"
    COMMENT_MODAL = "goal_comment_modal"
    CHECKIN_MODAL = "checkin_modal"
    DETAILS_MODAL = "goal_details_modal"
    CANCEL_MODAL = "goal_cancel_modal"


class GoalAction(enum.StrEnum):
    # Buttons; a goal button's value is the goal id.
    NEW_GOAL = "goal_new"
    CHECK_IN = "goal_check_in"
    VIEW = "goal_view"
    APPROVE = "goal_approve"
    REQUEST_CHANGES = "goal_request_changes"
    COMMENT = "goal_comment"
    REVISE = "goal_revise"  # the owner's draft
    EDIT = "goal_edit"  # an agreed goal, by whoever may change it
    CANCEL = "goal_cancel"  # opens the cancel modal, which asks for a reason
    MORE = "goal_more"  # value "<listing>:<page>", e.g. "tree:2"
    # Inputs of the goal modal
    TITLE = "goal_title_input"
    DESCRIPTION = "goal_description_input"
    LEVEL = "goal_level_select"
    OWNER = "goal_owner_select"
    DEPARTMENT = "goal_department_input"
    PARENT = "goal_parent_select"
    KIND = "goal_kind_select"
    UNIT = "goal_unit_input"
    BASELINE = "goal_baseline_input"
    TARGET = "goal_target_input"
    DIRECTION = "goal_direction_select"
    WEIGHT = "goal_weight_input"
    START_DATE = "goal_start_date_picker"
    DUE_DATE = "goal_due_date_picker"
    VISIBILITY = "goal_visibility_select"
    # Inputs of the check-in, comment and change-request modals
    GOAL = "checkin_goal_select"
    VALUE = "checkin_value_input"
    DONE = "checkin_done_checkbox"
    STATUS = "checkin_status_radio"
    NOTE = "checkin_note_input"
    BLOCKERS = "checkin_blockers_input"
    COMMENT_TEXT = "goal_comment_input"  # also the cancel modal's reason


class GoalBlock(enum.StrEnum):
    """Input block ids equal the domain's field names (models.goals.validation), so errors land there."""

    TITLE = "title"
    DESCRIPTION = "description"
    LEVEL = "level"
    OWNER = "owner"
    DEPARTMENT = "department"
    PARENT = "parent"
    KIND = "kind"
    UNIT = "unit"
    BASELINE = "baseline"
    TARGET = "target"
    DIRECTION = "direction"
    WEIGHT = "weight"
    START_DATE = "start_date"
    DUE_DATE = "due_date"
    VISIBILITY = "visibility"
    GOAL = "goal"
    VALUE = "value"
    DONE = "done"
    STATUS = "status"
    NOTE = "note"
    BLOCKERS = "blockers"
    COMMENT = "comment"
    DECISION = "goal_decision"  # the Approve / Request changes buttons on a proposal DM
