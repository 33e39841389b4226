"""Every Block Kit block and element perfbot uses, as the sandbox page renders it."""

from __future__ import annotations

import re
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    CheckboxesElement,
    ContextBlock,
    ConversationSelectElement,
    DatePickerElement,
    DividerBlock,
    ExternalDataSelectElement,
    HeaderBlock,
    InputBlock,
    MarkdownTextObject,
    NumberInputElement,
    Option,
    OverflowMenuElement,
    PlainTextInputElement,
    PlainTextObject,
    RadioButtonsElement,
    SectionBlock,
    StaticMultiSelectElement,
    StaticSelectElement,
    TimePickerElement,
    UserMultiSelectElement,
    UserSelectElement,
)

from bot.sandbox.blocks import Surface, render_blocks
from bot.sandbox.mrkdwn import Directory

PEOPLE = (("U1", "Ann Lee"), ("U2", "Bo Chen"))
SURFACE = Surface(
    kind="modal",
    directory=Directory(users=dict(PEOPLE)),
    people=PEOPLE,
    conversations=(("C1", "#kudos"),),
    words={"select": "Select an option", "optional": "optional"},
)


def render(*blocks: Any, surface: Surface = SURFACE) -> str:
    return str(render_blocks([b.to_dict() if hasattr(b, "to_dict") else b for b in blocks], surface))


def options(*values: str) -> list[Option]:
    return [Option(value=v, text=f"Option {v}") for v in values]


def test_section_header_divider_context() -> None:
    page = render(
        HeaderBlock(text="Goals :dart:"),
        SectionBlock(
            text=MarkdownTextObject(text="*Ship it* for <@U2>"), fields=[MarkdownTextObject(text="_a_")]
        ),
        DividerBlock(),
        ContextBlock(elements=[MarkdownTextObject(text="due <!date^1700000000^{date_num}|soon>")]),
    )
    assert '<h3 class="sk-block sk-header"' in page and "Goals 🎯" in page
    assert '<strong>Ship it</strong> for <span class="mention user">@Bo Chen</span>' in page
    assert '<div class="sk-field"><em>a</em></div>' in page
    assert '<hr class="sk-block sk-divider">' in page
    assert "due 2023-11-14" in page


def test_buttons_and_overflow_dispatch_actions() -> None:
    page = render(
        ActionsBlock(
            block_id="act",
            elements=[
                ButtonElement(text="Approve", action_id="approve", value="42", style="primary"),
                ButtonElement(text="Docs", action_id="docs", url="https://example.com"),
                OverflowMenuElement(action_id="more", options=options("snooze", "mute")),
            ],
        )
    )
    assert re.search(r'<button[^>]*class="sk-button primary"[^>]*data-action-id="approve"', page)
    assert 'data-value="42"' in page and 'data-url="https://example.com"' in page
    assert 'class="sk-overflow" data-action-id="more"' in page and "Option mute" in page
    assert page.count('data-dispatch="1"') >= 3


def test_a_button_never_links_to_javascript() -> None:
    button = {"type": "button", "action_id": "x", "text": {"type": "plain_text", "text": "x"}}
    page = render({"type": "actions", "elements": [{**button, "url": "javascript:alert(1)"}]})
    assert "javascript" not in page and "data-url" not in page


def test_inputs_of_every_kind() -> None:
    page = render(
        InputBlock(
            block_id="t",
            label="Text",
            element=PlainTextInputElement(action_id="t", multiline=True, max_length=300),
        ),
        InputBlock(
            block_id="n",
            label="Number",
            element=NumberInputElement(action_id="n", is_decimal_allowed=True, min_value="0"),
        ),
        InputBlock(
            block_id="s",
            label="Static",
            element=StaticSelectElement(
                action_id="s", options=options("a", "b"), initial_option=options("b")[0]
            ),
        ),
        InputBlock(
            block_id="m",
            label="Multi",
            element=StaticMultiSelectElement(action_id="m", options=options("a", "b")),
        ),
        InputBlock(
            block_id="e",
            label="External",
            element=ExternalDataSelectElement(action_id="e", min_query_length=0),
        ),
        InputBlock(block_id="u", label="User", element=UserSelectElement(action_id="u", initial_user="U2")),
        InputBlock(block_id="us", label="Users", element=UserMultiSelectElement(action_id="us")),
        InputBlock(block_id="c", label="Channel", element=ConversationSelectElement(action_id="c")),
        InputBlock(
            block_id="d", label="Date", element=DatePickerElement(action_id="d", initial_date="2026-12-01")
        ),
        InputBlock(
            block_id="h", label="Time", element=TimePickerElement(action_id="h", initial_time="09:30")
        ),
        InputBlock(
            block_id="r", label="Radio", element=RadioButtonsElement(action_id="r", options=options("x", "y"))
        ),
        InputBlock(
            block_id="k",
            label="Boxes",
            optional=True,
            element=CheckboxesElement(action_id="k", options=options("p", "q")),
        ),
    )
    assert re.search(r'<textarea class="sk-input" rows="4" data-action-id="t"[^>]*maxlength="300"', page)
    assert re.search(r'type="number"[^>]*data-action-id="n"[^>]*step="any"[^>]*min="0"', page)
    assert '<option value="b" selected>Option b</option>' in page
    assert re.search(r'data-action-id="m" data-block-id="m" data-type="multi_static_select" multiple', page)
    assert 'class="sk-external" data-action-id="e"' in page
    assert '<option value="U2" selected>Bo Chen</option>' in page
    assert 'data-type="multi_users_select" multiple' in page
    assert '<option value="C1" >#kudos</option>' in page
    assert 'data-action-id="d" data-block-id="d" data-type="datepicker" value="2026-12-01"' in page
    assert 'value="09:30"' in page
    assert page.count('type="radio"') == 2 and page.count('type="checkbox"') == 2
    assert "(optional)" in page


def test_state_wins_over_initial_values_and_errors_show_on_the_field() -> None:
    surface = Surface(
        kind="modal",
        state={
            "s": {
                "s": {
                    "type": "static_select",
                    "selected_option": {"value": "a", "text": {"type": "plain_text", "text": "Option a"}},
                }
            },
            "t": {"t": {"type": "plain_text_input", "value": "typed <b>"}},
            "e": {
                "e": {
                    "type": "external_select",
                    "selected_option": {"value": "g7", "text": {"type": "plain_text", "text": "Goal seven"}},
                }
            },
        },
        errors={"t": "Say a little more <please>"},
    )
    page = render(
        InputBlock(
            block_id="s",
            label="S",
            element=StaticSelectElement(
                action_id="s", options=options("a", "b"), initial_option=options("b")[0]
            ),
        ),
        InputBlock(
            block_id="t", label="T", element=PlainTextInputElement(action_id="t", initial_value="old")
        ),
        InputBlock(block_id="e", label="E", element=ExternalDataSelectElement(action_id="e")),
        surface=surface,
    )
    assert '<option value="a" selected>' in page and '<option value="b" selected>' not in page
    assert 'value="typed &lt;b&gt;"' in page and 'value="old"' not in page
    assert '<option value="g7" selected>Goal seven</option>' in page
    assert (
        "has-error" in page
        and '<div class="sk-error" role="alert">Say a little more &lt;please&gt;</div>' in page
    )


def test_plain_text_and_labels_are_escaped() -> None:
    page = render(
        SectionBlock(text=PlainTextObject(text="<script>alert(1)</script> *not bold*")),
        InputBlock(
            block_id="x",
            label="<img src=x onerror=alert(1)>",
            element=PlainTextInputElement(action_id="x", placeholder='"><script>'),
        ),
    )
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; *not bold*" in page
    assert 'placeholder="&#34;&gt;&lt;script&gt;"' in page


def test_unknown_blocks_are_named_not_dropped() -> None:
    assert "[video]" in render({"type": "video", "block_id": "v"})
