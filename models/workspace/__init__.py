"""The workspace (a Slack team) every row belongs to, and its working hours."""

from models.workspace.entities import Workspace
from models.workspace.service import find_workspace, get_or_create_workspace
from models.workspace.working_hours import WorkingHours, is_working_time, next_working_time

__all__ = [
    "WorkingHours",
    "Workspace",
    "find_workspace",
    "get_or_create_workspace",
    "is_working_time",
    "next_working_time",
    "zone",
]
