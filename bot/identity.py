"""Who the bot is in its workspace, learned from Slack after start, never needed to start.

Bolt's default checks the token with `auth.test` while the app is built, so a Slack outage
during a deploy kept every worker from booting. perfbot authorizes each request with the
configured token and the bot's ids as far as they are known; `auth.test` runs in the
background (and again for `/readyz` when its answer is old), and its outcome is what
`/readyz` reports about Slack.
"""

from __future__ import annotations

import http.client
import logging
import threading
from datetime import timedelta
from typing import Any

from slack_bolt.authorization import AuthorizeResult
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.slack_status import REACHABLE, REJECTED, REJECTED_TOKEN_ERRORS, UNREACHABLE, SlackCheck, SlackStatus
from models.base import utcnow

log = logging.getLogger(__name__)


class BotIdentity:
    def __init__(self, client: WebClient, token: str, status: SlackStatus | None = None) -> None:
        self.client = client  # for auth.test only; a short timeout, no retries
        self.token = token
        self.status = status or SlackStatus()
        self._ids: dict[str, Any] = {}
        self._checking = threading.Lock()

    @property
    def bot_user_id(self) -> str | None:
        return self._ids.get("user_id")

    def authorize(
        self, enterprise_id: str | None, team_id: str | None, user_id: str | None
    ) -> AuthorizeResult:
        """Bolt's `authorize`: the token at once, without a call to Slack before the ack."""
        ids = self._ids
        if not ids:
            self.learn_in_background()
        return AuthorizeResult(
            enterprise_id=enterprise_id or ids.get("enterprise_id"),
            team_id=team_id or ids.get("team_id"),
            bot_token=self.token,
            bot_id=ids.get("bot_id"),
            bot_user_id=ids.get("user_id"),
            user_id=user_id,
        )

    def learn_in_background(self) -> None:
        if self._checking.locked():
            return
        threading.Thread(target=self.check, name="auth-test", daemon=True).start()

    def check(self, unless_newer_than: timedelta | None = None) -> SlackCheck:
        """Ask Slack who we are (auth.test); the answer is remembered and is what /readyz reports.
        One question at a time: a caller who waited for another's answer takes it if it is fresh."""
        with self._checking:
            last = self.status.last
            if (
                unless_newer_than is not None
                and last.at is not None
                and utcnow() - last.at < unless_newer_than
            ):
                return last
            try:
                response = self.client.auth_test()
            except SlackApiError as error:
                code = str(error.response.get("error") or f"HTTP {error.response.status_code}")
                if code in REJECTED_TOKEN_ERRORS:
                    state = REJECTED
                elif code == "ratelimited" or error.response.status_code == 429:
                    state = REACHABLE  # it answered; the ids wait for the next question
                else:
                    state = UNREACHABLE
                log.warning("Slack answered auth.test with %s", code)
                self.status.record(state, code)
            except (SlackClientError, OSError, http.client.HTTPException) as error:
                log.warning("Slack could not be reached for auth.test (%s); serving on", type(error).__name__)
                self.status.record(UNREACHABLE, f"no answer from Slack: {type(error).__name__}")
            else:
                self._ids = {
                    key: response.get(key) for key in ("user_id", "bot_id", "team_id", "enterprise_id")
                }
                self.status.record(REACHABLE)
        return self.status.last

    def check_if_older_than(self, age: timedelta) -> SlackCheck:
        return self.check(unless_newer_than=age)
