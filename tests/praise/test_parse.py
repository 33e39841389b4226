import pytest

from handlers.praise import parse_praise_text


def test_mentions_tags_and_message_are_read_from_escaped_text() -> None:
    parsed = parse_praise_text("<@U1|alice> <@U2> thanks for carrying the migration #ownership")
    assert parsed.user_ids == ["U1", "U2"]
    assert parsed.message == "thanks for carrying the migration #ownership"
    assert parsed.tags == ["ownership"]
    assert parsed.unresolved == []


def test_leading_mentions_joined_with_and_or_commas_are_stripped() -> None:
    parsed = parse_praise_text("<@U1|alice>, <@U2|bob> and <@U3> — great launch with <@U4>")
    assert parsed.user_ids == ["U1", "U2", "U3", "U4"]
    assert parsed.message == "great launch with <@U4>"


def test_issue_numbers_urls_and_entities_are_not_tags() -> None:
    parsed = parse_praise_text("<@U1> fixed #42 see https://x.test/#anchor &#39; #team-work")
    assert parsed.tags == ["team-work"]


def test_a_typed_name_that_slack_did_not_resolve_is_reported() -> None:
    parsed = parse_praise_text("@alice thanks")
    assert parsed.user_ids == []
    assert parsed.unresolved == ["alice"]


def test_channel_mentions_are_offered_as_possible_tags() -> None:
    parsed = parse_praise_text("<@U1> for <#C1|ownership> and <#C2|general>")
    assert parsed.channel_names == ["ownership", "general"]


def test_chinese_tags_are_tags() -> None:
    assert parse_praise_text("<@U1> 谢谢 #担当").tags == ["担当"]


@pytest.mark.parametrize(
    ("text", "tags", "message"),
    [
        # Chinese written without spaces: a tag may follow a Chinese character directly.
        ("<@U1|小王> 迁移#担当", ["担当"], "迁移#担当"),
        (
            "<@U1> 谢谢你扛下了数据迁移 #担当 #客户第一",
            ["担当", "客户第一"],
            "谢谢你扛下了数据迁移 #担当 #客户第一",
        ),
        # A tag ends at punctuation of either width.
        ("<@U1> 感谢支持#担当，辛苦了！", ["担当"], "感谢支持#担当，辛苦了！"),
        ("<@U1> 感谢#担当。", ["担当"], "感谢#担当。"),
        ("<@U1> 感谢（#担当）", ["担当"], "感谢（#担当）"),
        ("<@U1> thanks (#ownership), really", ["ownership"], "thanks (#ownership), really"),
        # Written on without a delimiter: the parser keeps the run; matching finds the value it starts with.
        ("<@U1> #担当谢谢", ["担当谢谢"], "#担当谢谢"),
        # The full-width ＃ and full-width letters (NFKC).
        ("<@U1> 谢谢 ＃担当", ["担当"], "谢谢 ＃担当"),
        ("<@U1> thanks ＃ＯＷＮＥＲＳＨＩＰ", ["OWNERSHIP"], "thanks ＃ＯＷＮＥＲＳＨＩＰ"),
        # Mixed: English and Chinese in one message.
        (
            "<@U1> great launch，谢谢！#ownership #担当",
            ["ownership", "担当"],
            "great launch，谢谢！#ownership #担当",
        ),
        # A leading full-width comma or colon after the names is not part of the message.
        ("<@U1|小王>，谢谢你的帮助", [], "谢谢你的帮助"),
        ("<@U1|小王>：谢谢你的帮助", [], "谢谢你的帮助"),
        ("<@U1|小王>、<@U2|小李>：辛苦了", [], "辛苦了"),
        ("<@U1>\u3000谢谢", [], "谢谢"),
        # Not tags: a Latin letter or digit before #, a number, a URL anchor, an HTML entity.
        ("<@U1> C# 写得好 #42", [], "C# 写得好 #42"),
        ("<@U1> see https://x.test/#anchor &#39;", [], "see https://x.test/#anchor &#39;"),
    ],
)
def test_tags_are_read_the_way_a_chinese_writer_types_them(text: str, tags: list[str], message: str) -> None:
    parsed = parse_praise_text(text)
    assert parsed.tags == tags
    assert parsed.message == message
