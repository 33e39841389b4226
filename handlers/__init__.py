"""Slack listeners (commands, shortcuts, actions, view submissions, events) and their Block Kit views.

`register` is the only entry point: the composition root calls it with the App and
the dependencies; nothing here reads the environment or imports `bot`.
"""

from __future__ import annotations

from slack_bolt import App

from handlers.deps import Deps


def register(app: App, deps: Deps) -> None:
    from handlers import errors, events, goals, home, perf, praise, reminders, settings

    errors.register(app, deps)
    events.register(app, deps)
    praise.register(app, deps)
    perf.register(app, deps)
    home.register(app, deps)
    goals.register(app, deps)
    reminders.register(app, deps)
    settings.register(app, deps)
