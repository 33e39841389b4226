"""People as Slack and the org file know them: entities, the directory, the org import, HR roles."""

from models.people.directory import sync_profile, sync_profiles
from models.people.entities import Person, Role
from models.people.org_csv import parse_role
from models.people.org_import import (
    ImportReport,
    RoleChange,
    SlackMembers,
    UnusableFile,
    apply_org_file,
    import_org,
    read_org_csv,
)
from models.people.permissions import can_change_workspace_settings, require_settings_access, same_workspace
from models.people.service import (
    Profile,
    apply_profile,
    grant_hr_admin,
    people_by_slack_ids,
    person_by_email,
    register_person,
    workspace_and_person,
)

__all__ = [
    "ImportReport",
    "Person",
    "Profile",
    "Role",
    "RoleChange",
    "SlackMembers",
    "UnusableFile",
    "apply_org_file",
    "apply_profile",
    "can_change_workspace_settings",
    "grant_hr_admin",
    "import_org",
    "parse_role",
    "people_by_slack_ids",
    "person_by_email",
    "read_org_csv",
    "register_person",
    "require_settings_access",
    "same_workspace",
    "sync_profile",
    "sync_profiles",
    "workspace_and_person",
]
