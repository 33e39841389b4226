"""Goals and check-ins in Slack: `/goal`, `/checkin`, the goal modal, approvals, lists, Home sections."""

from handlers.goals.format import local_today
from handlers.goals.home import load_home_goals
from handlers.goals.home_views import HomeGoals, goal_home_blocks
from handlers.goals.ids import GoalAction, GoalBlock, GoalCallback
from handlers.goals.listeners import register

__all__ = [
    "GoalAction",
    "GoalBlock",
    "GoalCallback",
    "HomeGoals",
    "goal_home_blocks",
    "load_home_goals",
    "local_today",
    "register",
]
