"""The HTTP entry: signatures, health check, unknown paths."""

from __future__ import annotations

import time
from urllib.request import urlopen

from tests.e2e.conftest import Stack


def test_forged_stale_and_malformed_signatures_are_401_and_do_nothing(stack: Stack) -> None:
    stack.seed(("U1", "Gia"), ("U2", "Alice"))
    forged = stack.slack.with_signing(secret="not-the-secret")
    stale = stack.slack.with_signing(timestamp=str(int(time.time()) - 600))
    malformed = stack.slack.with_signing(timestamp="yesterday")
    for client in (forged, stale, malformed):
        assert client.command("/praise", "<@U2> thanks", "U1").status == 401
    body = b"command=%2Fpraise&text=hi"
    assert stack.slack.raw(body, {"Content-Type": "application/x-www-form-urlencoded"}).status == 401
    assert (
        stack.slack.raw(body, {"X-Slack-Request-Timestamp": "1e9", "X-Slack-Signature": "v0=00"}).status
        == 401
    )
    # Only the app's start-up token check ever reached Slack.
    assert {call.method for call in stack.fake.calls()} <= {"auth.test"}


def test_healthz_answers_for_load_balancers(stack: Stack) -> None:
    with urlopen(f"{stack.base_url}/healthz") as response:
        assert response.status == 200 and response.read() == b"ok"


def test_url_verification_answers_the_challenge(stack: Stack) -> None:
    assert stack.slack.url_verification("abc").json() == {"challenge": "abc"}
