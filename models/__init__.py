"""The shared domain model: entities, validated inputs, operations and permissions.

Nothing here imports Slack or another project package, so every operation can
be driven from a test, the CLI, a Slack listener or a scheduled job alike.
"""
