"""Review cycle messages: launch DMs, nominations to approve, peer requests and declines, stage reminders."""
