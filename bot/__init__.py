"""Composition root: settings, the Bolt app factory, the CLI and the processes it starts."""
