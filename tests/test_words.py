"""The small things in a sentence, written the reader's way (handlers.kit.words, models.i18n)."""

from handlers.kit import words
from models.errors import Problem
from models.i18n import translator
from models.settings.service import VALUE_PATTERN, parse_values

EN, ZH = translator("en"), translator("zh-CN")


def test_lists_are_joined_with_commas_in_english_and_the_enumeration_comma_in_chinese() -> None:
    assert words.listed(EN, ["Ana", "Bo", "Cy"]) == "Ana, Bo, Cy"
    assert words.listed(ZH, ["小王", "小李", "小张"]) == "小王、小李、小张"
    assert words.mentions(ZH, ["U1", "U2"]) == "<@U1>、<@U2>"
    assert words.tags(EN, ["ownership", "teamwork"]) == "#ownership, #teamwork"
    assert words.tags(ZH, ["担当", "协作"], code=True) == "`#担当`、`#协作`"
    assert words.listed(EN, []) == ""


def test_a_list_given_to_a_message_is_joined_the_readers_way() -> None:
    problem = Problem("Values: {values}", params={"values": ["担当", "协作"]})
    assert problem.render(EN) == "Values: 担当, 协作"
    assert problem.render(ZH) == "价值观：担当、协作"


def test_percentages_have_no_space_before_the_sign() -> None:
    assert words.percent(65) == "65%"
    assert words.percent(64.6) == "65%"


def test_counts_take_the_right_plural_form() -> None:
    one = EN.plural("{n} goal needs your attention.", "{n} goals need your attention.", 1)
    many = EN.plural("{n} goal needs your attention.", "{n} goals need your attention.", 3)
    assert (one, many) == ("1 goal needs your attention.", "3 goals need your attention.")
    assert (
        ZH.plural("{n} goal needs your attention.", "{n} goals need your attention.", 3)
        == "3 个目标需要你关注。"
    )


def test_titles_are_escaped_and_set_apart_bold_in_english_quoted_in_chinese() -> None:
    assert words.title(EN, "Cut <!channel> response time") == "*Cut &lt;!channel&gt; response time*"
    assert words.title(ZH, "缩短响应时间") == "“缩短响应时间”"
    assert words.title(EN, "x" * 300).endswith("…*") and len(words.title(EN, "x" * 300)) == 202
    assert words.plain_title("Cut response time") == "“Cut response time”"


def test_values_typed_by_hr_split_on_chinese_and_full_width_separators_too() -> None:
    assert parse_values("担当，协作、客户第一；#ownership ＃Teamwork\u3000ＯＷＮＥＲＳＨＩＰ") == [
        "担当",
        "协作",
        "客户第一",
        "ownership",
        "Teamwork",
    ]
    assert VALUE_PATTERN.match("客户第一") and VALUE_PATTERN.match("team-work")
    assert not VALUE_PATTERN.match("5S"), "a value is typed after #, and a tag starts with a letter"


def test_a_percent_unit_closes_up_and_a_word_unit_takes_a_space() -> None:
    assert "40" + words.unit_suffix("%") == "40%"
    assert "40" + words.unit_suffix("k€") == "40 k€"
    assert "40" + words.unit_suffix("<b>") == "40 &lt;b&gt;"
    assert words.unit_suffix(None) == ""
