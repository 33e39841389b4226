"""Review cycles in Slack: `/review`, the self-assessment and peer modals, their DMs and the Home section."""

from handlers.reviews.calibration_views import calibration_command, calibration_home_blocks
from handlers.reviews.cycle_admin import cycle_command
from handlers.reviews.home import ReviewHome, load_review_home
from handlers.reviews.ids import ReviewButton, ReviewCallback, ReviewInput
from handlers.reviews.listeners import register
from handlers.reviews.manager_messages import manager_due_blocks
from handlers.reviews.outcome_listeners import outcome_command
from handlers.reviews.result_views import result_home_blocks
from handlers.reviews.status_views import review_home_blocks

__all__ = [
    "ReviewButton",
    "ReviewCallback",
    "ReviewHome",
    "ReviewInput",
    "calibration_command",
    "calibration_home_blocks",
    "cycle_command",
    "load_review_home",
    "manager_due_blocks",
    "outcome_command",
    "register",
    "result_home_blocks",
    "review_home_blocks",
]
