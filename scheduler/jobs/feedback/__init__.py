"""Development action reminders and the feedback conversation's DMs."""
