"""Slack listeners (commands, shortcuts, actions, view submissions, events) and their Block Kit views.

`register` is the only entry point: the composition root calls it with the App and
the dependencies; nothing here reads the environment or imports `bot`.
"""

from __future__ import annotations

from dataclasses import replace

from slack_bolt import App

from handlers.deps import Deps


def register(app: App, deps: Deps) -> None:
    from handlers import errors, events
    from handlers.appeals import listeners as appeals
    from handlers.feedback import listeners as feedback
    from handlers.goals import listeners as goals
    from handlers.home import listeners as home
    from handlers.perf import listeners as perf
    from handlers.praise import listeners as praise
    from handlers.reminders import listeners as reminders
    from handlers.reviews import listeners as reviews
    from handlers.settings import listeners as settings

    # Domains refresh a person's Home after a change; Home is built from every domain's section.
    deps = replace(deps, publish_home=home.publish_home)
    for domain in (
        errors,
        events,
        praise,
        perf,
        home,
        goals,
        reminders,
        settings,
        reviews,
        feedback,
        appeals,
    ):
        domain.register(app, deps)
