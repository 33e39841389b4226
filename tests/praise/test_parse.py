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
