"""Appeals in Slack: `/appeal`, the filing and handling modals, their buttons, `/perf appeals` and the
App Home section."""

from handlers.appeals.commands import appeals_command, appeals_home
from handlers.appeals.ids import AppealButton, AppealCallback
from handlers.appeals.listeners import register

__all__ = ["AppealButton", "AppealCallback", "appeals_command", "appeals_home", "register"]
