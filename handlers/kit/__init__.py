"""What every domain's listeners share: Block Kit helpers, one message type, Slack errors, time
formatting. It imports no domain."""
