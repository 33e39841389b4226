"""The fake Slack Web API and the signed-HTTP harness answer as Slack does."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode, urlsplit

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.signature import SignatureVerifier
from slack_sdk.webhook import WebhookClient

from bot.sandbox.slack import FakeSlack
from tests.e2e.harness import SignedSlackClient, serve_wsgi

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIEnvironment

SECRET = "test-signing-secret"


def _section(text: str, block_id: str | None = None) -> dict[str, Any]:
    block: dict[str, Any] = {"type": "section", "text": {"type": "mrkdwn", "text": text}}
    if block_id:
        block["block_id"] = block_id
    return block


def _modal(title: str = "Give praise") -> dict[str, Any]:
    return {
        "type": "modal",
        "callback_id": "praise_submit",
        "private_metadata": json.dumps({"channel": "C1"}),
        "title": {"type": "plain_text", "text": title},
        "submit": {"type": "plain_text", "text": "Send"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "blocks": [
            {"type": "header", "text": {"type": "plain_text", "text": "Praise a colleague"}},
            {
                "type": "input",
                "block_id": "recipient",
                "label": {"type": "plain_text", "text": "Who"},
                "element": {"type": "users_select", "action_id": "user"},
            },
            {
                "type": "input",
                "block_id": "value",
                "label": {"type": "plain_text", "text": "Company value"},
                "element": {
                    "type": "static_select",
                    "action_id": "choice",
                    "options": [
                        {"text": {"type": "plain_text", "text": name}, "value": name.lower()}
                        for name in ("Ownership", "Candour", "Craft")
                    ],
                },
            },
            {
                "type": "input",
                "block_id": "message",
                "label": {"type": "plain_text", "text": "Why"},
                "element": {
                    "type": "plain_text_input",
                    "action_id": "text",
                    "multiline": True,
                    "max_length": 3000,
                },
            },
        ],
    }


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        yield fake


@pytest.fixture
def client(fake: FakeSlack) -> WebClient:
    return WebClient(token="xoxb-test", base_url=fake.url)


def test_records_each_call_with_its_decoded_args_and_token(fake: FakeSlack, client: WebClient) -> None:
    blocks = [_section("*Well done*")]
    posted = client.chat_postMessage(channel="C1", text="Well done", blocks=blocks)
    # Form-encoded callers send blocks as a JSON string inside a form field.
    client.api_call("chat.postEphemeral", data={"channel": "C1", "user": "U1", "blocks": json.dumps(blocks)})

    [message] = fake.wait_for("chat.postMessage")
    assert message.args == {"channel": "C1", "text": "Well done", "blocks": blocks}
    assert message.token == "xoxb-test"
    assert message.response is not None and posted["ts"] == message.response["ts"]
    [ephemeral] = fake.calls("chat.postEphemeral")
    assert ephemeral.args["blocks"] == blocks
    assert "message_ts" in (ephemeral.response or {})


def test_message_ts_increase_and_posts_to_a_user_land_in_their_dm(client: WebClient) -> None:
    first = client.chat_postMessage(channel="C1", text="one")
    second = client.chat_postMessage(channel="U123", text="two")
    assert float(second["ts"]) > float(first["ts"])
    assert second["channel"] == "D123"
    assert client.conversations_open(users="U123")["channel"]["id"] == "D123"


def test_accepts_a_valid_modal_and_returns_it_with_an_id(fake: FakeSlack, client: WebClient) -> None:
    response = client.views_open(trigger_id="123.456.abc", view=_modal())
    assert response["view"]["id"].startswith("V")
    assert response["view"]["callback_id"] == "praise_submit"
    fake.assert_no_rejections()


def test_rejects_a_modal_title_of_25_characters(fake: FakeSlack, client: WebClient) -> None:
    with pytest.raises(SlackApiError) as raised:
        client.views_open(trigger_id="123.456.abc", view=_modal(title="x" * 25))
    assert raised.value.response["error"] == "invalid_arguments"
    [rejection] = fake.rejections
    assert rejection.method == "views.open"
    assert "24" in rejection.errors[0]


@pytest.mark.parametrize(
    ("blocks", "reason"),
    [
        ([_section(f"line {n}") for n in range(51)], "no more than 50"),
        ([_section("a", block_id="same"), _section("b", block_id="same")], "duplicate block_id"),
        ([_section("x" * 3001)], "3000"),
    ],
    ids=["51 blocks", "duplicate block_ids", "section of 3001 characters"],
)
def test_rejects_messages_slack_would_refuse(
    fake: FakeSlack, client: WebClient, blocks: list[dict[str, Any]], reason: str
) -> None:
    with pytest.raises(SlackApiError) as raised:
        client.chat_postMessage(channel="C1", text="fallback", blocks=blocks)
    assert raised.value.response["error"] == "invalid_blocks"
    assert any(reason in error for error in raised.value.response["errors"])
    assert [r.method for r in fake.rejections] == ["chat.postMessage"]


def test_rate_limit_answers_429_with_retry_after_then_recovers(fake: FakeSlack, client: WebClient) -> None:
    fake.rate_limit("chat.postMessage", retry_after=7)
    with pytest.raises(SlackApiError) as raised:
        client.chat_postMessage(channel="C1", text="hi")
    assert raised.value.response.status_code == 429
    assert raised.value.response.headers["Retry-After"] == "7"
    assert raised.value.response["error"] == "ratelimited"
    assert client.chat_postMessage(channel="C1", text="hi")["ok"]


def test_scripted_failure_is_consumed_after_its_times(fake: FakeSlack, client: WebClient) -> None:
    fake.fail("users.info", error="fatal_error", times=2)
    fake.add_user("U1", "Ada Lovelace")
    for _ in range(2):
        with pytest.raises(SlackApiError, match="fatal_error"):
            client.users_info(user="U1")
    assert client.users_info(user="U1")["user"]["id"] == "U1"


def test_users_info_has_slacks_shape_and_locale_only_when_asked(fake: FakeSlack, client: WebClient) -> None:
    fake.add_user("U1", "Li Wei", email="li.wei@example.com", tz="Asia/Shanghai", locale="zh-CN")

    user = client.users_info(user="U1")["user"]
    assert "locale" not in user
    assert (user["id"], user["real_name"], user["tz"], user["tz_offset"]) == (
        "U1",
        "Li Wei",
        "Asia/Shanghai",
        28800,
    )
    assert (user["is_bot"], user["deleted"], user["is_admin"], user["is_owner"]) == (
        False,
        False,
        False,
        False,
    )
    assert user["profile"]["email"] == "li.wei@example.com"
    assert user["profile"]["real_name"] == "Li Wei"
    assert "display_name" in user["profile"]
    assert client.users_info(user="U1", include_locale=True)["user"]["locale"] == "zh-CN"
    with pytest.raises(SlackApiError, match="user_not_found"):
        client.users_info(user="U404")
    with pytest.raises(SlackApiError, match="users_not_found"):
        client.users_lookupByEmail(email="nobody@example.com")


def test_response_url_posts_are_recorded(fake: FakeSlack) -> None:
    response = WebhookClient(fake.response_url("abc")).send(
        text="Only you can see this", response_type="ephemeral"
    )
    assert response.status_code == 200
    [call] = fake.wait_for("response_url")
    assert call.args == {"text": "Only you can see this", "response_type": "ephemeral"}
    assert call.path == "/response/abc"


def test_channel_rate_limit_refuses_a_second_quick_post_to_the_same_channel_only(
    fake: FakeSlack, client: WebClient
) -> None:
    fake.channel_rate_limit(per_second=1.0)
    client.chat_postMessage(channel="C1", text="first")
    with pytest.raises(SlackApiError) as raised:
        client.chat_postMessage(channel="C1", text="too soon")
    assert raised.value.response.status_code == 429
    assert int(raised.value.response.headers["Retry-After"]) >= 1
    client.chat_postMessage(channel="C2", text="another channel")
    assert fake.channel_message_counts() == {"C1": 1, "C2": 1}


def test_channels_the_bot_is_not_in_and_unknown_channels_when_strict(client: WebClient) -> None:
    with FakeSlack(strict_channels=True) as strict:
        strict.add_channel("C_PRIVATE", "leads", bot_is_member=False)
        strict_client = WebClient(token="xoxb-test", base_url=strict.url)
        with pytest.raises(SlackApiError, match="not_in_channel"):
            strict_client.chat_postMessage(channel="C_PRIVATE", text="hi")
        with pytest.raises(SlackApiError, match="channel_not_found"):
            strict_client.chat_postMessage(channel="C_NOWHERE", text="hi")
    assert client.chat_postMessage(channel="C_ANYWHERE", text="hi")["ok"]


def test_an_issued_trigger_id_opens_one_view(fake: FakeSlack, client: WebClient) -> None:
    trigger_id = fake.issue_trigger_id()
    client.views_open(trigger_id=trigger_id, view=_modal())
    with pytest.raises(SlackApiError, match="exchanged_trigger_id"):
        client.views_open(trigger_id=trigger_id, view=_modal())


def test_unknown_methods_and_missing_tokens_fail_like_slack(fake: FakeSlack, client: WebClient) -> None:
    with pytest.raises(SlackApiError, match="unknown_method"):
        client.api_call("perfbot.nonsense")
    with pytest.raises(SlackApiError, match="not_authed"):
        WebClient(base_url=fake.url).auth_test()


def test_signed_requests_verify_with_slacks_verifier() -> None:
    received: list[tuple[bytes, dict[str, str]]] = []

    def capture(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        headers = {
            key[5:].replace("_", "-").lower(): value
            for key, value in environ.items()
            if key.startswith("HTTP_")
        }
        received.append((body, headers))
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b""]

    with serve_wsgi(capture) as base_url:
        slack = SignedSlackClient(base_url, SECRET)
        assert slack.command("/praise", "<@U2|bob> thanks", "U1").status == 200
        slack.event({"type": "app_home_opened", "user": "U1"})
        slack.with_signing(secret="wrong-secret").block_action("done", "U1", value="1")

    verifier = SignatureVerifier(SECRET)
    valid = [
        verifier.is_valid(body, headers["x-slack-request-timestamp"], headers["x-slack-signature"])
        for body, headers in received
    ]
    assert valid == [True, True, False]


def test_a_held_call_whose_caller_hangs_up_never_reaches_slack() -> None:
    with FakeSlack() as fake:
        fake.wire.hold("chat.postMessage", 5.0)
        url = urlsplit(fake.url)
        body = urlencode({"token": "xoxb-test", "channel": "C1", "text": "hi"}).encode()
        request = (
            f"POST {url.path}chat.postMessage HTTP/1.1\r\nHost: {url.netloc}\r\n"
            f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n\r\n"
        ).encode() + body
        with socket.create_connection((url.hostname, url.port)) as caller:
            caller.sendall(request)
            deadline = time.monotonic() + 5
            while fake.wire.in_flight("chat.postMessage") < 1:
                assert time.monotonic() < deadline
                time.sleep(0.01)
        while fake.wire.dropped("chat.postMessage") < 1:  # hung up while in flight
            assert time.monotonic() < deadline
            time.sleep(0.01)
        assert fake.calls("chat.postMessage") == []

        fake.wire.hold("chat.postMessage", 0.2)  # a caller that waits is answered after the hold
        started = time.monotonic()
        WebClient(token="xoxb-test", base_url=fake.url).chat_postMessage(channel="C1", text="hi")
        assert time.monotonic() - started >= 0.2
        assert len(fake.calls("chat.postMessage")) == 1 and fake.wire.dropped("chat.postMessage") == 1


def test_users_list_pages_with_a_cursor_and_gives_locales_only_when_asked() -> None:
    with FakeSlack() as fake:
        for i in range(5):
            fake.add_user(f"U{i}", f"Person {i}", tz="Asia/Tokyo", locale="ja-JP", deleted=i == 4)
        client = WebClient(token="xoxb-test", base_url=fake.url, retry_handlers=[])
        first = client.users_list(limit=4, include_locale=True)
        second = client.users_list(limit=4, cursor=first["response_metadata"]["next_cursor"])
        fake.rate_limit("users.list", retry_after=7)
        with pytest.raises(SlackApiError) as limited:
            client.users_list(limit=4)

    ids = [user["id"] for user in first["members"] + second["members"]]
    assert ids == ["U0BOT", "U0", "U1", "U2", "U3", "U4"]  # the app's own bot user and everyone, deleted too
    assert first["members"][1]["locale"] == "ja-JP" and "locale" not in second["members"][0]
    assert second["response_metadata"]["next_cursor"] == ""
    assert limited.value.response.status_code == 429
    assert limited.value.response.headers["Retry-After"] == "7"
