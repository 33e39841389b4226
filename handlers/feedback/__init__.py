"""The feedback conversation in Slack: the log modal (`/review feedback @person`, the button at
release), the employee's comment and acknowledgement, development actions' "Mark done", their
messages and Home section."""

from handlers.feedback.home import HomeActions, load_home_actions
from handlers.feedback.ids import FeedbackButton, FeedbackCallback, FeedbackInput
from handlers.feedback.listeners import feedback_command, register
from handlers.feedback.message_views import (
    acknowledged_message,
    action_reminder,
    actions_home_blocks,
    commented_message,
    logged_message,
)

__all__ = [
    "FeedbackButton",
    "FeedbackCallback",
    "FeedbackInput",
    "HomeActions",
    "acknowledged_message",
    "action_reminder",
    "actions_home_blocks",
    "commented_message",
    "feedback_command",
    "load_home_actions",
    "logged_message",
    "register",
]
