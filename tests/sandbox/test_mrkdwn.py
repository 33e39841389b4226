"""Slack mrkdwn as the sandbox page shows it: formatting rendered, everything else escaped."""

from __future__ import annotations

import pytest

from bot.sandbox.mrkdwn import Directory, render_mrkdwn

DIRECTORY = Directory(users={"U1": "Ann Lee"}, channels={"C1": "kudos"}, tz="Asia/Shanghai")


def html(text: str) -> str:
    return str(render_mrkdwn(text, DIRECTORY))


def test_bold_italics_strike_and_code() -> None:
    assert html("*bold* _it_ ~gone~ `a *b*`") == (
        "<strong>bold</strong> <em>it</em> <del>gone</del> <code>a *b*</code>"
    )


def test_formatting_needs_word_boundaries() -> None:
    assert html("2*3*4 snake_case_name") == "2*3*4 snake_case_name"


def test_code_block_keeps_its_text() -> None:
    assert html("before\n```\nx = *y*\n<@U1>\n```") == "before<pre>x = *y*\n&lt;@U1&gt;</pre>"


def test_quotes_and_lists() -> None:
    assert html("&gt; said\n• one\n• two\n1. first") == (
        "<blockquote>said</blockquote><ul><li>one</li><li>two</li></ul><ol><li>first</li></ol>"
    )


def test_mentions_take_names_from_the_directory() -> None:
    assert html("<@U1> <@U9|bob> <#C1> <#C9|misc>") == (
        '<span class="mention user">@Ann Lee</span> <span class="mention user">@bob</span> '
        '<span class="mention channel">#kudos</span> <span class="mention channel">#misc</span>'
    )


def test_broadcasts_and_user_groups_are_shown_not_obeyed() -> None:
    assert html("<!channel> <!here> <!subteam^S1|@team>") == (
        '<span class="mention broadcast">@channel</span> <span class="mention broadcast">@here</span> '
        '<span class="mention usergroup">@team</span>'
    )


def test_links_are_only_http_or_mailto() -> None:
    assert html("<https://example.com/?a=1&amp;b=2|docs>") == (
        '<a href="https://example.com/?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">docs</a>'
    )
    assert html("<mailto:hr@example.com>").startswith('<a href="mailto:hr@example.com"')
    assert html("<javascript:alert(1)|click me>") == "click me"
    assert html("<JavaScript:alert(1)>") == "JavaScript:alert(1)"
    assert html("<data:text/html,x|x>") == "x"


def test_dates_in_the_readers_time_zone_with_fallback() -> None:
    # 1700000000 is 2023-11-14 22:13 UTC, already the 15th in Shanghai.
    assert html("<!date^1700000000^{date_num} {time}|then>") == "2023-11-15 6:13 AM"
    assert html("<!date^1700000000^{date_long}|then>") == "Wednesday, November 15th, 2023"
    assert html("<!date^1700000000^{unknown}|then>") == "then"
    assert html("<!date^soon^{date}|later>") == "later"


def test_emoji_shortcodes() -> None:
    assert html(":tada: :custom_thing:") == "🎉 :custom_thing:"


@pytest.mark.parametrize(
    ("hostile", "expected"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("<@U1|<img onerror=alert(1)>>", "&lt;@U1|&lt;img onerror=alert(1)&gt;&gt;"),
        (
            '<@U9|"><img src=x onerror=alert(1)>',
            ('<span class="mention user">@&#34;</span>&lt;img src=x onerror=alert(1)&gt;'),
        ),
        (
            '<https://x.com/"onmouseover="alert(1)|hi>',
            '<a href="https://x.com/&#34;onmouseover=&#34;alert(1)" target="_blank" '
            'rel="noopener noreferrer">hi</a>',
        ),
        ("*<b>bold tag</b>*", "<strong>&lt;b&gt;bold tag&lt;/b&gt;</strong>"),
        ("`<script>`", "<code>&lt;script&gt;</code>"),
        ("\x00" + "0\x00", "0"),
    ],
)
def test_hostile_text_is_escaped(hostile: str, expected: str) -> None:
    rendered = html(hostile)
    assert rendered == expected
    assert "<script" not in rendered and "<img" not in rendered
