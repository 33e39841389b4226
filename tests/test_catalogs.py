"""Every message in the code has a Simplified Chinese translation that keeps its placeholders."""

import ast
import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
KEYWORDS = {"t": None, "N_": None, "plural": (1, 2)}
PLACEHOLDER = re.compile(r"\{(\w*)\}")


def messages_in_code() -> set[str]:
    found: set[str] = set()
    for package in ("bot", "handlers", "models", "scheduler"):
        for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT / package, method_map=[("**.py", "python")], keywords=KEYWORDS
        ):
            if isinstance(message, tuple):
                found.update(m for m in message if m)
            elif message:
                found.add(message)
    return found


def chinese_catalog() -> dict[str, str]:
    with (ROOT / "models/locale/zh_CN/LC_MESSAGES/messages.po").open("rb") as po:
        catalog = read_po(po, locale="zh_CN")
    entries: dict[str, str] = {}
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for msgid in ids:
            entries[msgid] = strings[0] if strings else ""
    return entries


def test_every_message_has_a_chinese_translation() -> None:
    catalog = chinese_catalog()
    missing = sorted(m for m in messages_in_code() if not catalog.get(m))
    assert missing == [], f"{len(missing)} messages lack a zh_CN translation, e.g. {missing[:5]}"


def test_no_translation_is_left_fuzzy() -> None:
    """gettext skips a fuzzy entry, so its reader would get English while the checks above pass."""
    with (ROOT / "models/locale/zh_CN/LC_MESSAGES/messages.po").open("rb") as po:
        fuzzy = [message.id for message in read_po(po, locale="zh_CN") if message.id and message.fuzzy]
    assert fuzzy == []


def test_translations_keep_their_placeholders() -> None:
    broken = [
        (msgid, text)
        for msgid, text in chinese_catalog().items()
        if text and set(PLACEHOLDER.findall(msgid)) != set(PLACEHOLDER.findall(text))
    ]
    assert broken == []


def test_no_translator_call_escapes_extraction() -> None:
    """Extraction finds t("…"), x.t("…") and N_("…"); a translator under another name would be missed."""
    extracted = messages_in_code()
    missed = []
    for package in ("bot", "handlers", "models", "scheduler"):
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not (isinstance(node, ast.Call) and node.args):
                    continue
                name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
                first = node.args[0]
                translator_call = name.endswith("_t") or name in ("t", "plural")
                literal = first.value if isinstance(first, ast.Constant) else None
                if translator_call and isinstance(literal, str) and literal not in extracted:
                    missed.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert missed == []


# The glossary's "never" words (../GLOSSARY.md): each names a concept perfbot calls something else.
NEVER_IN_CHINESE = {
    "表扬": "praise is 认可 (表扬 reads top-down)",
    "打卡": "a check-in is 进展更新",
    "偏离轨道": "off track is 已滞后",
    "帖子": "a Slack message is 消息",
    "发帖": "to post is 发送消息",
    "基线": "a baseline is 起始值",
    "经理": "the reporting line is 直属上级 (经理 is a job title)",
    "批准": "approve is 审批通过",
    "已记录在案": "sounds like a police record",
    "已离开的成员": "someone who left is 已离职成员",
    "有有": "a stutter: reword the sentence",
}
CJK = "\u4e00-\u9fff"
# Half-width punctuation with a Chinese character on either side ("你好, 世界", "(数值目标)"), and a
# space before full-width punctuation ("已取消 *{title}* 。").
HALF_WIDTH_IN_CHINESE = re.compile(rf"[{CJK}] ?[,.:;!?()]|[,:;!?()] ?[{CJK}]|(?<=[{CJK}])\.")
SPACE_BEFORE_FULL_WIDTH = re.compile(r"[ \t][，。：；！？）、]")
# Words of perfbot's insides that a person should never have to read.
INTERNAL_WORDS = re.compile(r"\b(outbox|sweeps?|roll-?ups?|rolled-up|cascade[sd]?|dedupe|payload)\b", re.I)


def test_chinese_entries_use_the_glossary_words() -> None:
    found = [
        f"{text!r} has {word} ({why})"
        for text in chinese_catalog().values()
        for word, why in NEVER_IN_CHINESE.items()
        if word in text
    ]
    assert found == []


def test_chinese_entries_use_full_width_punctuation_without_a_space_before_it() -> None:
    def prose(text: str) -> str:
        # Code spans, placeholders, Slack markup and emoji codes are not prose.
        return re.sub(r"`[^`]*`|\{\w*\}|<[^>]*>|:[a-z0-9_+-]+:", "X", text)

    half = [text for text in chinese_catalog().values() if HALF_WIDTH_IN_CHINESE.search(prose(text))]
    spaced = [text for text in chinese_catalog().values() if SPACE_BEFORE_FULL_WIDTH.search(prose(text))]
    assert half == []
    assert spaced == []


def test_english_user_text_has_no_internal_words_or_raw_error_codes() -> None:
    internal = sorted(m for m in messages_in_code() if INTERNAL_WORDS.search(m))
    raw_errors = sorted(m for m in messages_in_code() if "{error}" in m)
    assert internal == []
    assert raw_errors == [], "Slack errors reach people through slack_error_words, as {reason}"


def test_the_catalog_checks_catch_what_they_are_for() -> None:
    """The patterns above are tested too, so a loosened pattern cannot pass everything silently."""
    assert HALF_WIDTH_IN_CHINESE.search("你好, 世界") and HALF_WIDTH_IN_CHINESE.search("基线(数值目标)")
    assert not HALF_WIDTH_IN_CHINESE.search("你好，世界（数值目标）：3.5")
    assert SPACE_BEFORE_FULL_WIDTH.search("你已取消 *目标* 。")
    assert INTERNAL_WORDS.search("it stops counting in roll-ups") and INTERNAL_WORDS.search(
        "Outbox message 3"
    )
    assert not INTERNAL_WORDS.search("Your goals roll along")


def test_every_plural_call_is_extracted_with_both_forms() -> None:
    """Babel's extractor can lose the plural form of a call (say, with a nested call of two arguments
    among its parameters); the singular alone would still pass the checks above, but `ngettext`
    would then fall back to English for every count."""
    extracted: set[tuple[str, str]] = set()
    calls: list[tuple[str, str, str]] = []
    for package in ("bot", "handlers", "models", "scheduler"):
        for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT / package, method_map=[("**.py", "python")], keywords=KEYWORDS
        ):
            if isinstance(message, tuple) and len(message) == 2:
                extracted.add((message[0], message[1]))
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "plural":
                    forms = [a.value for a in node.args[:2] if isinstance(a, ast.Constant)]
                    if len(forms) == 2 and all(isinstance(f, str) for f in forms):
                        calls.append((f"{path.relative_to(ROOT)}:{node.lineno}", forms[0], forms[1]))
    assert calls, "the plural calls were found"
    assert [where for where, one, many in calls if (one, many) not in extracted] == []


def test_the_catalogs_and_the_documented_commands_name_the_project_and_its_version() -> None:
    version = re.search(r'^version = "([^"]+)"', (ROOT / "pyproject.toml").read_text(), re.MULTILINE)
    assert version is not None
    for path in (ROOT / "models/locale/messages.pot", ROOT / "models/locale/zh_CN/LC_MESSAGES/messages.po"):
        assert f'"Project-Id-Version: perfbot {version[1]}\\n"' in path.read_text(encoding="utf-8"), path
    guide = (ROOT / "docs/translations.md").read_text(encoding="utf-8")
    assert '--project perfbot --version "$VERSION"' in guide
