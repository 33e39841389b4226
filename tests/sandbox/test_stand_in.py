"""The Slack stand-in remembers what Slack would show: messages, edits, ephemerals, replies, modals."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.webhook import WebhookClient

from bot.sandbox.slack import FakeSlack
from bot.sandbox.slack.state import ResponseContext

MODAL = {
    "type": "modal",
    "title": {"type": "plain_text", "text": "Step"},
    "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "hi"}}],
}


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        fake.add_user("U1", "Ann Lee")
        fake.add_user("U2", "Bo Chen")
        fake.add_channel("C1", "kudos")
        yield fake


@pytest.fixture
def client(slack: FakeSlack) -> WebClient:
    return WebClient(token="xoxb-test", base_url=slack.url)


def test_posts_updates_and_deletes_are_kept_per_conversation(slack: FakeSlack, client: WebClient) -> None:
    first = client.chat_postMessage(channel="C1", text="hello")
    reply = client.chat_postMessage(channel="C1", text="in thread", thread_ts=first["ts"])
    client.chat_update(channel="C1", ts=first["ts"], text="hello, edited")
    [shown] = slack.messages("C1", "U1")
    assert (shown.text, shown.edited, shown.replies) == ("hello, edited", True, [reply["ts"]])
    client.chat_delete(channel="C1", ts=first["ts"])
    assert slack.messages("C1", "U1") == []
    with pytest.raises(SlackApiError, match="message_not_found"):
        client.chat_delete(channel="C1", ts=first["ts"])


def test_a_dm_to_a_user_id_lands_in_their_dm_channel(slack: FakeSlack, client: WebClient) -> None:
    client.chat_postMessage(channel="U2", text="your reminder")
    assert [m.text for m in slack.messages(slack.dm_channel_id("U2"), "U2")] == ["your reminder"]


def test_ephemeral_messages_are_seen_by_their_one_reader(slack: FakeSlack, client: WebClient) -> None:
    client.chat_postEphemeral(channel="C1", user="U1", text="only Ann")
    assert [m.text for m in slack.messages("C1", "U1")] == ["only Ann"]
    assert slack.messages("C1", "U2") == []


def test_response_urls_add_replace_and_delete(slack: FakeSlack, client: WebClient) -> None:
    original = client.chat_postMessage(channel="C1", text="Approve?")
    url = slack.response_url(where=ResponseContext("U1", "C1", original["ts"]))
    WebhookClient(url).send(text="just for you", response_type="ephemeral")
    WebhookClient(url).send(text="for all", response_type="in_channel")
    assert [m.text for m in slack.messages("C1", "U2")] == ["Approve?", "for all"]
    assert [m.text for m in slack.messages("C1", "U1")] == ["Approve?", "just for you", "for all"]
    WebhookClient(url).send(text="Approved", replace_original=True)
    assert slack.messages("C1", "U2")[0].text == "Approved"
    WebhookClient(url).send(delete_original=True)
    assert [m.text for m in slack.messages("C1", "U2")] == ["for all"]


def test_modals_stack_per_person_up_to_three(slack: FakeSlack, client: WebClient) -> None:
    root = client.views_open(trigger_id=slack.issue_trigger_id("U1"), view=MODAL)["view"]
    client.views_push(trigger_id=slack.issue_trigger_id("U1"), view=MODAL)
    third = client.views_push(trigger_id=slack.issue_trigger_id("U1"), view=MODAL)["view"]
    with pytest.raises(SlackApiError, match="push_limit_reached"):
        client.views_push(trigger_id=slack.issue_trigger_id("U1"), view=MODAL)
    assert [v["id"] for v in slack.modal_stack("U1")][::2] == [root["id"], third["id"]]
    assert slack.modal_stack("U2") == []
    updated = {**MODAL, "title": {"type": "plain_text", "text": "Changed"}}
    client.views_update(view_id=third["id"], view=updated)
    assert slack.modal_stack("U1")[-1]["title"]["text"] == "Changed"
    slack.set_view_errors(third["id"], {"b": "wrong"})
    assert slack.view_errors(third["id"]) == {"b": "wrong"}
    slack.close_modal("U1")
    assert len(slack.modal_stack("U1")) == 2
    slack.close_modal("U1", all_views=True)
    assert slack.modal_stack("U1") == []


def test_changes_grow_with_what_a_page_would_show(slack: FakeSlack, client: WebClient) -> None:
    before = slack.changes
    slack.post_as("U1", "C1", "a person's own words")
    assert slack.changes > before
    assert slack.messages("C1", "U2")[0].user == "U1"
