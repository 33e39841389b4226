"""Goal reminders: due soon, check-in prompts, proposals waiting for approval."""
