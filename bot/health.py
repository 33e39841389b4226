"""`/healthz` and `/readyz` for load balancers and monitoring.

/healthz (liveness): the process answers and so does the database. Slack's state never
fails it: a Slack outage must not take perfbot out of rotation, or it would stay out after
Slack recovers. /readyz: the same, plus whether Slack was reachable the last time it was
asked (asked again when that answer is older than a minute).
"""

from __future__ import annotations

import json
import logging
from datetime import timedelta
from typing import Any

from sqlalchemy import Engine, text

from bot.identity import BotIdentity
from bot.slack_status import REJECTED, UNREACHABLE

log = logging.getLogger(__name__)

SLACK_CHECK_MAX_AGE = timedelta(seconds=60)


class Health:
    def __init__(self, engine: Engine, identity: BotIdentity) -> None:
        self.engine = engine
        self.identity = identity

    def database_answers(self) -> bool:
        try:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except Exception as error:  # any failure means "not live"; the reason goes to the log
            log.warning("health check: the database does not answer (%s)", type(error).__name__)
            return False
        return True

    def live(self) -> tuple[int, bytes]:
        if self.database_answers():
            return 200, b"ok"
        return 503, b"database unavailable"

    def ready(self) -> tuple[int, bytes]:
        database = self.database_answers()
        slack = self.identity.check_if_older_than(SLACK_CHECK_MAX_AGE)
        body: dict[str, Any] = {"database": "ok" if database else "unavailable", **slack.as_dict()}
        ready = database and slack.state not in (UNREACHABLE, REJECTED)
        return (200 if ready else 503), json.dumps(body).encode()
