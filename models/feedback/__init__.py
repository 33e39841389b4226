"""The feedback conversation after release: the manager's log of the one-to-one, the employee's
comments and acknowledgement, and the development actions agreed, with their reminders (who may do
what: permissions.py)."""

from models.feedback.conversation import (
    Change,
    LogContext,
    acknowledge_log,
    comment_on_log,
    find_log,
    mark_done,
)
from models.feedback.entities import ActionKind, DevelopmentAction, FeedbackComment, FeedbackLog
from models.feedback.log import (
    MAX_ACTIONS,
    ActionInput,
    FeedbackInput,
    LogChange,
    actions_of,
    log_feedback,
    log_of,
)
from models.feedback.messages import REMINDER_DAYS, FeedbackMessage, action_prefix
from models.feedback.permissions import FeedbackAction, can, require
from models.feedback.queries import (
    LogView,
    OpenAction,
    ToLog,
    conversations_to_log,
    log_view,
    open_actions,
    released_participant,
)

__all__ = [
    "MAX_ACTIONS",
    "REMINDER_DAYS",
    "ActionInput",
    "ActionKind",
    "Change",
    "DevelopmentAction",
    "FeedbackAction",
    "FeedbackComment",
    "FeedbackInput",
    "FeedbackLog",
    "FeedbackMessage",
    "LogChange",
    "LogContext",
    "LogView",
    "OpenAction",
    "ToLog",
    "acknowledge_log",
    "action_prefix",
    "actions_of",
    "can",
    "comment_on_log",
    "conversations_to_log",
    "find_log",
    "log_feedback",
    "log_of",
    "log_view",
    "mark_done",
    "open_actions",
    "released_participant",
    "require",
]
