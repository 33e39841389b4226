"""One error handler: unexpected failures become a short apology and a log line with context."""

from __future__ import annotations

import logging

import pytest

from tests.e2e.conftest import Stack


def test_an_unexpected_error_is_logged_and_the_user_gets_an_apology(
    stack: Stack, caplog: pytest.LogCaptureFixture
) -> None:
    stack.seed(("U2", "Alice"))
    stack.fake.add_user("UNEW", "Nova")
    stack.fake.http_error("users.info", status=500)  # registering the unknown giver fails
    with caplog.at_level(logging.ERROR, logger="handlers.errors"):
        answer = stack.slack.command("/praise", "<@U2|alice> thanks", "UNEW")
    assert answer.status == 200
    body = answer.json()
    assert body["response_type"] == "ephemeral"
    assert body["text"].startswith("Sorry, something went wrong on our side")
    assert "Traceback" not in body["text"] and "500" not in body["text"]
    [record] = [r for r in caplog.records if r.name == "handlers.errors"]
    assert "command=/praise" in record.getMessage() and "user=UNEW" in record.getMessage()
    assert record.exc_info is not None
    assert stack.fake.calls("chat.postMessage") == []


def test_a_failure_in_a_modal_submission_keeps_the_modal_open_with_the_apology(stack: Stack) -> None:
    stack.seed(("U1", "Gia"), ("U2", "Alice"), recognition_channel_id="C_KUDOS")
    stack.slack.shortcut("give_praise", "U1")
    [opened] = stack.fake.wait_for("views.open")
    stack.fake.add_user("UNEW", "Nova")
    stack.fake.http_error("users.info", status=503)
    answer = stack.slack.view_submission(
        opened.args["view"],
        {"recipients": {"recipients_select": ["UNEW"]}, "message": {"message_input": "thanks"}},
        "U1",
    ).json()
    assert answer["response_action"] == "errors"
    assert "Sorry, something went wrong" in next(iter(answer["errors"].values()))
