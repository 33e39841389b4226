"""Appeals: the DMs appeal operations queue (messages.py), reminders and escalation (reminders.py)."""
