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
                translator_call = name.endswith("_t") or name == "t"
                literal = first.value if isinstance(first, ast.Constant) else None
                if translator_call and isinstance(literal, str) and literal not in extracted:
                    missed.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert missed == []


def test_the_catalogs_and_the_documented_commands_name_the_project_and_its_version() -> None:
    version = re.search(r'^version = "([^"]+)"', (ROOT / "pyproject.toml").read_text(), re.MULTILINE)
    assert version is not None
    for path in (ROOT / "models/locale/messages.pot", ROOT / "models/locale/zh_CN/LC_MESSAGES/messages.po"):
        assert f'"Project-Id-Version: perfbot {version[1]}\\n"' in path.read_text(encoding="utf-8"), path
    guide = (ROOT / "docs/translations.md").read_text(encoding="utf-8")
    assert '--project perfbot --version "$VERSION"' in guide
