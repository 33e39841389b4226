"""The states of an appeal, what can be done to it, and where each action leads."""

from __future__ import annotations

from enum import StrEnum

from models.i18n import N_


class AppealState(StrEnum):
    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"
    WAITING_FOR_STATEMENT = "waiting_for_statement"
    WAITING_FOR_EMPLOYEE = "waiting_for_employee"
    DECIDED = "decided"
    WITHDRAWN = "withdrawn"
    REOPENED = "reopened"


class Action(StrEnum):
    FILE = "file"
    ASSIGN = "assign"
    ASK_STATEMENT = "ask_statement"
    ANSWER_STATEMENT = "answer_statement"
    ASK_EMPLOYEE = "ask_employee"
    ANSWER_EMPLOYEE = "answer_employee"
    DECIDE = "decide"
    WITHDRAW = "withdraw"
    REOPEN = "reopen"


class Outcome(StrEnum):
    UPHELD = "upheld"  # the rating stands
    ADJUSTED = "adjusted"  # a new rating for the contested part
    REJECTED = "rejected"  # out of scope


# Still to be answered: one of these per result part at a time.
OPEN_STATES = frozenset(
    {
        AppealState.SUBMITTED,
        AppealState.UNDER_REVIEW,
        AppealState.WAITING_FOR_STATEMENT,
        AppealState.WAITING_FOR_EMPLOYEE,
        AppealState.REOPENED,
    }
)
_HANDLED = (AppealState.UNDER_REVIEW, AppealState.WAITING_FOR_STATEMENT, AppealState.WAITING_FOR_EMPLOYEE)

# action → {from state: to state}; filing has no "from".
TRANSITIONS: dict[Action, dict[AppealState | None, AppealState]] = {
    Action.FILE: {None: AppealState.SUBMITTED},
    Action.ASSIGN: {
        AppealState.SUBMITTED: AppealState.UNDER_REVIEW,
        AppealState.REOPENED: AppealState.UNDER_REVIEW,
        # a reassignment leaves any pending request in place
        **{state: state for state in _HANDLED},
    },
    Action.ASK_STATEMENT: {AppealState.UNDER_REVIEW: AppealState.WAITING_FOR_STATEMENT},
    Action.ANSWER_STATEMENT: {AppealState.WAITING_FOR_STATEMENT: AppealState.UNDER_REVIEW},
    Action.ASK_EMPLOYEE: {AppealState.UNDER_REVIEW: AppealState.WAITING_FOR_EMPLOYEE},
    Action.ANSWER_EMPLOYEE: {AppealState.WAITING_FOR_EMPLOYEE: AppealState.UNDER_REVIEW},
    # HR need not wait forever for an answer: the deadline runs, so a decision may close a request.
    Action.DECIDE: {state: AppealState.DECIDED for state in _HANDLED},
    Action.WITHDRAW: {state: AppealState.WITHDRAWN for state in OPEN_STATES},
    Action.REOPEN: {AppealState.DECIDED: AppealState.REOPENED},
}

STATE_LABELS: dict[AppealState, str] = {
    AppealState.SUBMITTED: N_("Submitted"),
    AppealState.UNDER_REVIEW: N_("Under review"),
    AppealState.WAITING_FOR_STATEMENT: N_("Waiting for the manager's statement"),
    AppealState.WAITING_FOR_EMPLOYEE: N_("Waiting for the employee's answer"),
    AppealState.DECIDED: N_("Decided"),
    AppealState.WITHDRAWN: N_("Withdrawn"),
    AppealState.REOPENED: N_("Reopened"),
}

OUTCOME_LABELS: dict[Outcome, str] = {
    Outcome.UPHELD: N_("Upheld: the rating stands"),
    Outcome.ADJUSTED: N_("Adjusted: a new rating"),
    Outcome.REJECTED: N_("Rejected: out of scope"),
}
