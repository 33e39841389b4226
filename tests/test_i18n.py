from models.i18n import normalize_locale, translator


def test_slack_locales_map_to_catalogs() -> None:
    assert normalize_locale("zh-CN") == "zh_CN"
    assert normalize_locale("en-US") == "en"
    assert normalize_locale("zh-TW") is None
    assert normalize_locale("fr-FR") is None
    assert normalize_locale(None) is None


def test_the_first_supported_locale_wins_and_english_is_the_fallback() -> None:
    assert translator("fr-FR", "zh_CN").locale == "zh_CN"
    assert translator(None, None).locale == "en"


def test_placeholders_are_filled_after_translation() -> None:
    t = translator("zh-CN")
    assert "<@U1>" in t("{name} is now an HR admin.", name="<@U1>")
    assert t("{name} is now an HR admin.", name="x") != "x is now an HR admin."
